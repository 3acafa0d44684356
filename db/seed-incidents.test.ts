/** The demo mayor's incident log, seeded into a real database: three incidents as the issue asks, a trust person, support entries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/database/client.server';
import { loadActor } from '#app/domain/auth/actor.server';
import { getIncident, listIncidents, verifyIncidentChain } from '#app/domain/incidents/incidents.server';
import { listSupportDirectory, supportFor } from '#app/domain/incidents/support.server';
import { GERMAN_STATES } from '#app/domain/municipalities/schemas';
import { seedDemoNetwork } from './seed';

const bootstrap = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => bootstrap.end());

const actorBy = async (email: string) => (await loadActor((await sql`select id from users where email = ${email}`)[0].id))!;

beforeAll(async () => {
  expect(await seedDemoNetwork(bootstrap, { password: 'seed-test-password' })).toBe(true);
}, 180_000);

describe('the demo incident log', () => {
  it('gives the demo mayor an incident with an attachment, one secured from a post, one reported with a file number; her chain is intact', async () => {
    const mayor = await actorBy('buergermeisterin@demo.weltoffen.example');
    const [town] = await sql`select id, state from municipalities where slug = 'hafenstadt'`;
    const list = await listIncidents(mayor, { townId: Number(town.id) });
    expect(list).toHaveLength(3);
    const views = await Promise.all(list.map((i) => getIncident(mayor, { incidentId: i.id })));
    expect(views.some((v) => v.attachments.length === 1 && v.attachments[0].content.mimeType === 'image/png')).toBe(true);
    expect(views.some((v) => v.snapshots.length === 1 && v.snapshots[0].postId)).toBe(true);
    expect(views.some((v) => v.status === 'reported' && v.policeFileNumber)).toBe(true);
    expect(await verifyIncidentChain(mayor, { incidentId: list[0].id })).toMatchObject({ intact: true, records: 6 });
    // Her trust person reads them; the town admin does not.
    const organiser = await actorBy('veranstaltung@demo.weltoffen.example');
    expect(await listIncidents(organiser, { townId: Number(town.id) })).toHaveLength(3);
    const admin = await actorBy('admin@demo.weltoffen.example');
    expect(await listIncidents(admin, { townId: Number(town.id) })).toHaveLength(0);
    expect((await supportFor(mayor, { state: town.state })).map((e) => e.state)).toEqual(expect.arrayContaining(['SH', 'DE']));
  });

  it('lists, for every federal state, its police online reporting, and nationwide the starke Stelle helpline, HateAid, Stark im Amt and the address block', async () => {
    const network = await actorBy('netzwerk@demo.weltoffen.example');
    const directory = await listSupportDirectory(network);
    for (const state of GERMAN_STATES) {
      const police = directory.find((e) => e.state === state && e.name.includes('Onlinewache'));
      expect(police?.url, state).toMatch(/^https:\/\//);
    }
    const nationwide = directory.filter((e) => e.state === 'DE');
    expect(nationwide.find((e) => e.name === 'starke Stelle')).toMatchObject({ phone: '0800 300 99 44', url: 'https://www.starkestelle.de' });
    for (const name of ['HateAid', 'Stark im Amt', '§ 51 BMG', 'Polizei-Notruf']) expect(nationwide.some((e) => e.name.includes(name)), name).toBe(true);
  });
});
