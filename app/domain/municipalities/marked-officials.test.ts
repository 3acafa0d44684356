/**
 * Any staff member or council member of a town can be marked as an official by the town: the mark gives the
 * incident log and the shield, taking it away ends recording but leaves the log its owner's to read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { isOfficial, type Actor, type TownRole } from '#app/domain/auth/permissions';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { getIncident, listIncidents, recordIncident } from '#app/domain/incidents/incidents.server';
import { setShield } from '#app/domain/moderation/settings.server';
import { listMembers, markOfficial } from './members.server';

let town: number;
let otherTown: number;
let admin: Actor;
let otherAdmin: Actor;
let network: Actor;
const people: Partial<Record<TownRole, Actor>> = {};

const incident = (townId: number) => ({
  townId,
  occurredAt: '2026-05-01T20:00',
  foundAt: '2026-05-02T08:00',
  foundBy: 'Selbst',
  channel: 'letter' as const,
  kind: 'threat' as const,
  severity: 'high' as const,
  description: 'Ein Brief an die Ratsfrau. MARKED-OFFICIAL-SECRET',
  contentUrls: [],
  author: null,
  authorProfileUrl: null,
});

beforeAll(async () => {
  town = await createTownDirectly('marked-officials');
  otherTown = await createTownDirectly('marked-officials-other');
  const [adminPerson, otherAdminPerson, networkPerson] = await Promise.all(['admin', 'other-admin', 'net'].map((label) => createUser({ label })));
  await grantRole(adminPerson.userId, town, 'admin');
  await grantRole(otherAdminPerson.userId, otherTown, 'admin');
  await makeNetworkTeam(networkPerson.userId);
  [admin, otherAdmin, network] = await Promise.all([adminPerson, otherAdminPerson, networkPerson].map((p) => actorOf(p.userId)));
  for (const role of ['member', 'moderator', 'organiser', 'official'] as const) {
    const person = await createUser({ label: role });
    await grantRole(person.userId, town, role);
    people[role] = await actorOf(person.userId);
  }
});

describe('marking officials', () => {
  it('the roles official and admin are officials; members, moderators and organisers are not until marked', async () => {
    expect(isOfficial(people.official!, town)).toBe(true);
    expect(isOfficial(admin, town)).toBe(true);
    for (const role of ['member', 'moderator', 'organiser'] as const) expect(isOfficial(people[role]!, town)).toBe(false);
    expect(isOfficial(admin, otherTown)).toBe(false);
  });

  it('a council member (member) and each staff role can be marked, and then keep an incident log and may shield themselves', async () => {
    for (const role of ['member', 'moderator', 'organiser'] as const) {
      const person = people[role]!;
      await expect(recordIncident(person, incident(town))).rejects.toMatchObject({ code: 'forbidden' });
      await markOfficial(admin, { townId: town, userId: person.userId, official: true });
      const marked = await actorOf(person.userId);
      expect(marked.officialIn).toEqual([town]);
      expect(marked.roles[town]).toBe(role);
      await expect(recordIncident(marked, incident(town))).resolves.toMatchObject({ reference: expect.stringMatching(/-001$/) });
      await expect(setShield(marked, { townId: town, on: true })).resolves.toBeUndefined();
    }
    const members = await listMembers(admin, { townId: town });
    expect(members.find((m) => m.userId === people.member!.userId)).toMatchObject({ role: 'member', markedOfficial: true, isOfficial: true });
    expect(members.find((m) => m.userId === people.official!.userId)).toMatchObject({ markedOfficial: false, isOfficial: true });
  });

  it('is official in that town only', async () => {
    const marked = await actorOf(people.member!.userId);
    await expect(recordIncident(marked, incident(otherTown))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('taking the mark away ends recording and the shield, and leaves the log its owner’s to read', async () => {
    const person = people.moderator!;
    const [own] = await listIncidents(await actorOf(person.userId), { townId: town });
    await markOfficial(admin, { townId: town, userId: person.userId, official: false });
    const unmarked = await actorOf(person.userId);
    expect(unmarked.officialIn).toEqual([]);
    await expect(recordIncident(unmarked, incident(town))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setShield(unmarked, { townId: town, on: false })).rejects.toMatchObject({ code: 'forbidden' });
    const view = await getIncident(unmarked, { incidentId: own.id, townId: town });
    expect(JSON.stringify(view)).toContain('MARKED-OFFICIAL-SECRET');
    // A shield left switched on no longer holds replies once the person is no longer an official.
    const [row] = await sql`select shielded, is_official from memberships where municipality_id = ${town} and user_id = ${person.userId}`;
    expect(row).toMatchObject({ isOfficial: false });
  });

  it('only the town’s admin or the network team marks; another town’s admin and staff get not found or forbidden', async () => {
    const target = people.organiser!.userId;
    for (const actor of [people.member!, people.moderator!, people.official!]) {
      await expect(markOfficial(await actorOf(actor.userId), { townId: town, userId: target, official: false })).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(markOfficial(otherAdmin, { townId: town, userId: target, official: false })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(markOfficial(null, { townId: town, userId: target, official: false })).rejects.toMatchObject({ code: 'unauthenticated' });
    // Someone who is not a member of the town cannot be marked there (so a mark never makes a stranger an official).
    await expect(markOfficial(admin, { townId: town, userId: otherAdmin.userId, official: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(markOfficial(network, { townId: town, userId: target, official: false })).resolves.toBeUndefined();
    expect((await actorOf(target)).officialIn).toEqual([]);
  });
});
