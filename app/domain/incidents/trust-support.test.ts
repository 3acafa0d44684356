/**
 * Trust persons (read, never write; revocable, then not found), the support directory (kept by the network
 * team), and counts by kind and month for town admins and the network team (no content, no names).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { exportCaseFile } from './case-file-export.server';
import { incidentCounts } from './counts.server';
import { addFollowUp, getIncident, listIncidents, recordIncident, reviseIncident, verifyIncidentChain } from './incidents.server';
import type { IncidentInput } from './schemas';
import { addSupportEntry, listSupportDirectory, removeSupportEntry, supportFor } from './support.server';
import { addTrustPerson, listTrustPersons, revokeTrustPerson } from './trust.server';

const input: IncidentInput = {
  occurredAt: null, foundAt: '2026-03-02T07:30', foundBy: 'Anna', channel: 'letter', kind: 'threat', severity: 'high',
  description: 'SECRET-LETTER-CONTENT', contentUrls: [], author: 'Anonym', authorProfileUrl: null,
};

let town: number;
let owner: Actor;
let partner: Actor;
let colleague: Actor;
let admin: Actor;
let network: Actor;
let member: Actor;
let moderator: Actor;
let personalPartner: { email: string };

beforeAll(async () => {
  town = await createTownDirectly('trust-town');
  const people = await Promise.all(['owner', 'partner', 'colleague', 'admin', 'net', 'member', 'mod'].map((label) => createUser({ label })));
  personalPartner = people[1];
  await grantRole(people[0].userId, town, 'official');
  await grantRole(people[3].userId, town, 'admin');
  await makeNetworkTeam(people[4].userId);
  await grantRole(people[5].userId, town, 'member');
  await grantRole(people[6].userId, town, 'moderator');
  [owner, partner, colleague, admin, network, member, moderator] = await Promise.all(people.map((p) => actorOf(p.userId)));
});

describe('trust persons', () => {
  it('read every incident of the official (logged, visible to the owner), never change one, and lose access when revoked', async () => {
    const { incidentId } = await recordIncident(owner, { ...input, townId: town });
    await expect(getIncident(partner, { incidentId })).rejects.toMatchObject({ code: 'not_found' });
    await addTrustPerson(owner, { townId: town, email: personalPartner.email.toUpperCase() });
    await expect(addTrustPerson(owner, { townId: town, email: personalPartner.email })).rejects.toMatchObject({ code: 'conflict', field: 'email' });
    await expect(addTrustPerson(owner, { townId: town, email: 'nobody@example.org' })).rejects.toMatchObject({ code: 'invalid', field: 'email' });
    await expect(addTrustPerson(owner, { townId: town, email: owner.email })).rejects.toMatchObject({ code: 'invalid', field: 'email' });
    await expect(addTrustPerson(member, { townId: town, email: personalPartner.email })).rejects.toMatchObject({ code: 'forbidden' });

    const view = await getIncident(partner, { incidentId });
    expect(view.current.description).toBe('SECRET-LETTER-CONTENT');
    expect(view.reads).toBeNull();
    expect(view.owner).toMatchObject({ isActor: false });
    expect((await listIncidents(partner, { townId: town })).map((i) => [i.id, i.mine])).toEqual([[incidentId, false]]);
    await expect(verifyIncidentChain(partner, { incidentId })).resolves.toMatchObject({ intact: true });
    await expect(reviseIncident(partner, { ...input, incidentId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addFollowUp(partner, { incidentId, status: 'closed', at: '2026-03-03T09:00', policeFileNumber: null, authority: null, note: null })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getIncident(colleague, { incidentId })).rejects.toMatchObject({ code: 'not_found' });

    const ownerView = await getIncident(owner, { incidentId });
    expect(ownerView.reads!.map((r) => r.reader)).toContain(partner.displayName);

    const [trust] = await listTrustPersons(owner, { townId: town });
    expect(trust).toMatchObject({ name: partner.displayName });
    await expect(revokeTrustPerson(colleague, { townId: town, trustId: trust.id })).rejects.toMatchObject({ code: 'forbidden' });
    await revokeTrustPerson(owner, { townId: town, trustId: trust.id });
    await expect(getIncident(partner, { incidentId })).rejects.toMatchObject({ code: 'not_found' });
    const t = (key: string) => key;
    await expect(exportCaseFile(partner, { incidentId, locale: 'de', t, roleName: t })).rejects.toMatchObject({ code: 'not_found' });
    expect(await listIncidents(partner, { townId: town })).toEqual([]);
    // Named again after revoking: allowed, and reads again.
    await addTrustPerson(owner, { townId: town, email: personalPartner.email });
    await expect(getIncident(partner, { incidentId })).resolves.toMatchObject({ id: incidentId });
  });
});

describe('the incident list for a trust person', () => {
  it('logs a read (\'list\') of every shared incident it shows with an excerpt, visible to the owner; the owner\'s own list logs nothing', async () => {
    const [ownerPerson, trustPerson] = await Promise.all(['list-owner', 'list-partner'].map((label) => createUser({ label })));
    await grantRole(ownerPerson.userId, town, 'official');
    const [listOwner, listPartner] = await Promise.all([actorOf(ownerPerson.userId), actorOf(trustPerson.userId)]);
    const first = await recordIncident(listOwner, { ...input, townId: town, description: 'LIST-EXCERPT-ONE' });
    const second = await recordIncident(listOwner, { ...input, townId: town, description: 'LIST-EXCERPT-TWO' });
    await addTrustPerson(listOwner, { townId: town, email: trustPerson.email });
    const readsOf = async (incidentId: number) =>
      (await sql`select reader_id, action from incident_access_log where incident_id = ${incidentId} order by id`).map((r) => [r.readerId, r.action]);

    const ownList = await listIncidents(listOwner, { townId: town });
    expect(ownList.filter((i) => i.mine).map((i) => i.id).sort()).toEqual([first.incidentId, second.incidentId].sort());
    expect(await readsOf(first.incidentId)).toEqual([]);

    const shared = await listIncidents(listPartner, { townId: town });
    expect(shared.map((i) => [i.id, i.mine, i.excerpt])).toEqual([
      [second.incidentId, false, 'LIST-EXCERPT-TWO'],
      [first.incidentId, false, 'LIST-EXCERPT-ONE'],
    ]);
    expect(await readsOf(first.incidentId)).toEqual([[listPartner.userId, 'list']]);
    expect(await readsOf(second.incidentId)).toEqual([[listPartner.userId, 'list']]);

    // The owner sees it among the reads of the incident (their own opening of it is logged too).
    const view = await getIncident(listOwner, { incidentId: first.incidentId });
    expect(view.reads).toContainEqual(expect.objectContaining({ reader: listPartner.displayName, action: 'list' }));
  });
});

describe('support directory', () => {
  it('is kept by the network team and shown per state with the nationwide entries', async () => {
    for (const actor of [admin, owner, member]) {
      await expect(addSupportEntry(actor, { state: 'NW', name: 'x', description: '', url: null, phone: null })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(listSupportDirectory(actor)).rejects.toMatchObject({ code: 'forbidden' });
    }
    await addSupportEntry(network, { state: 'DE', name: 'HateAid', description: 'Beratung', url: 'https://hateaid.org', phone: null });
    await addSupportEntry(network, { state: 'NW', name: 'Onlinewache NRW', description: 'Anzeige online', url: null, phone: null });
    await addSupportEntry(network, { state: 'BY', name: 'Bayern only', description: '', url: null, phone: '+49 89 123' });
    expect((await supportFor(owner, { state: 'NW' })).map((e) => e.name)).toEqual(['Onlinewache NRW', 'HateAid']);
    await expect(supportFor(null, { state: 'NW' })).rejects.toMatchObject({ code: 'unauthenticated' });
    const bavaria = (await listSupportDirectory(network)).find((e) => e.state === 'BY')!;
    await expect(removeSupportEntry(admin, { id: bavaria.id })).rejects.toMatchObject({ code: 'forbidden' });
    await removeSupportEntry(network, { id: bavaria.id });
    expect((await supportFor(owner, { state: 'BY' })).map((e) => e.name)).toEqual(['HateAid']);
  });
});

describe('counts', () => {
  it('town admins and the network team see counts by kind and month, nothing else; others are refused', async () => {
    await recordIncident(owner, { ...input, kind: 'insult', townId: town });
    const counts = await incidentCounts(admin, { townId: town });
    expect(counts.length).toBeGreaterThan(0);
    for (const row of counts) expect(Object.keys(row).sort()).toEqual(['count', 'kind', 'month']);
    expect(counts.find((c) => c.kind === 'insult')?.count).toBe(1);
    expect(JSON.stringify(counts)).not.toContain('SECRET');
    expect(await incidentCounts(network, { townId: town })).toEqual(counts);
    for (const actor of [owner, member, moderator, partner]) await expect(incidentCounts(actor, { townId: town })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(incidentCounts(null, { townId: town })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
