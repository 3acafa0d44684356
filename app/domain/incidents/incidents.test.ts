/**
 * The incident log on a real PostgreSQL: recording, revising and following up as chain records; content
 * sealed in the table; the database refusing updates and deletes; the chain naming the first record that
 * was changed; the signed head; and who may read (owner and trust persons only — everyone else: not found).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Tx } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { verifyChainHead } from './evidence/signing.server';
import { addFollowUp, getIncident, listIncidents, recordIncident, reviseIncident, verifyIncidentChain } from './incidents.server';
import { latestSignedHead } from './chain.server';
import type { IncidentInput } from './schemas';

let town: number;
let otherTown: number;
let owner: Actor;
let otherOfficial: Actor;
let admin: Actor;
let moderator: Actor;
let member: Actor;
let stranger: Actor;
let network: Actor;
let foreignMember: Actor;
let organiser: Actor;

const input = (extra: Partial<IncidentInput> = {}): IncidentInput => ({
  occurredAt: '2026-03-01T21:14',
  foundAt: '2026-03-02T07:30',
  foundBy: 'Anna Beispiel',
  channel: 'email',
  kind: 'threat',
  severity: 'high',
  description: 'Wir wissen, wo du wohnst. SECRET-PHRASE-1',
  contentUrls: ['https://social.example/p/1'],
  author: '@wut',
  authorProfileUrl: 'https://social.example/@wut',
  ...extra,
});

/** Changes stored rows past the append-only triggers, as a database superuser could. */
async function tamper(change: (tx: Tx) => Promise<unknown>): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await change(tx);
  });
}

beforeAll(async () => {
  town = await createTownDirectly('incident-town');
  otherTown = await createTownDirectly('incident-other');
  const people = await Promise.all(['owner', 'official2', 'admin', 'mod', 'member', 'stranger', 'net', 'foreign'].map((label) => createUser({ label })));
  await grantRole(people[0].userId, town, 'official');
  await grantRole(people[1].userId, town, 'official');
  await grantRole(people[2].userId, town, 'admin');
  await grantRole(people[3].userId, town, 'moderator');
  await grantRole(people[4].userId, town, 'member');
  await makeNetworkTeam(people[6].userId);
  await grantRole(people[7].userId, otherTown, 'member');
  [owner, otherOfficial, admin, moderator, member, stranger, network, foreignMember] = await Promise.all(people.map((p) => actorOf(p.userId)));
  const organiserPerson = await createUser({ label: 'organiser' });
  await grantRole(organiserPerson.userId, town, 'organiser');
  organiser = await actorOf(organiserPerson.userId);
});

afterAll(async () => {});

describe('recording', () => {
  it('only officials (and town admins) record incidents', async () => {
    for (const actor of [member, moderator, organiser, stranger, network, foreignMember]) {
      await expect(recordIncident(actor, { ...input(), townId: town })).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(recordIncident(null, { ...input(), townId: town })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(recordIncident(admin, { ...input(), townId: town })).resolves.toMatchObject({ reference: expect.stringMatching(/^\d{4}-001$/) });
  });

  it('keeps revisions and follow-ups as chain records, with the times as UTC', async () => {
    const { incidentId } = await recordIncident(owner, { ...input(), townId: town });
    await reviseIncident(owner, { ...input({ description: 'Corrected text', severity: 'acute' }), incidentId });
    await addFollowUp(owner, { incidentId, status: 'reported', at: '2026-03-03T09:00', policeFileNumber: 'ST/123/2026', authority: 'Polizei Köln', note: null });
    const view = await getIncident(owner, { incidentId });
    expect(view.timeline.map((e) => e.kind)).toEqual(['incident_revision', 'incident_revision', 'status_follow_up']);
    expect(view.current).toMatchObject({ revision: 2, description: 'Corrected text', severity: 'acute', occurredAt: '2026-03-01T20:14:00.000Z' });
    expect(view.status).toBe('reported');
    expect(view.policeFileNumber).toBe('ST/123/2026');
    const [first] = view.timeline;
    expect(first.content).toMatchObject({ revision: 1, description: input().description });
  });

  it('goes recorded → reported (only with a police file number) → closed, each step in the timeline', async () => {
    const { incidentId } = await recordIncident(owner, { ...input(), townId: town });
    expect((await getIncident(owner, { incidentId })).status).toBe('recorded');
    const followUp = { incidentId, at: '2026-03-03T09:00', authority: 'Polizei Köln', note: null };
    for (const policeFileNumber of [null, '   ']) {
      await expect(addFollowUp(owner, { ...followUp, status: 'reported', policeFileNumber })).rejects.toMatchObject({
        code: 'invalid', field: 'policeFileNumber', i18nKey: 'incidents:errors.policeFileNumber',
      });
    }
    expect((await getIncident(owner, { incidentId })).timeline.map((e) => e.kind)).toEqual(['incident_revision']);

    await addFollowUp(owner, { ...followUp, status: 'reported', policeFileNumber: 'ST/4711/2026' });
    await addFollowUp(owner, { ...followUp, at: '2026-04-10T14:00', status: 'closed', policeFileNumber: null, note: 'Verfahren eingestellt' });
    const view = await getIncident(owner, { incidentId });
    expect(view.status).toBe('closed');
    expect(view.policeFileNumber).toBe('ST/4711/2026');
    expect(view.timeline.map((e) => e.kind)).toEqual(['incident_revision', 'status_follow_up', 'status_follow_up']);
    expect(view.timeline.slice(1).map((e) => e.content)).toEqual([
      expect.objectContaining({ status: 'reported', policeFileNumber: 'ST/4711/2026', at: '2026-03-03T08:00:00.000Z' }),
      expect.objectContaining({ status: 'closed', policeFileNumber: null, note: 'Verfahren eingestellt', at: '2026-04-10T12:00:00.000Z' }),
    ]);
  });

  it('keeps content sealed in the table: the database sees ciphertext', async () => {
    const { incidentId } = await recordIncident(owner, { ...input({ description: 'KLARTEXT-NIE-IN-DER-DB' }), townId: town });
    const rows = await sql`select content from incident_records where incident_id = ${incidentId}`;
    expect(rows.length).toBe(1);
    const raw = (rows[0].content as Buffer).toString('latin1');
    expect(raw).not.toContain('KLARTEXT');
    expect(raw).not.toContain('Beispiel');
    expect((rows[0].content as Buffer)[0]).toBe(1); // the sealed format's version byte
    expect((await getIncident(owner, { incidentId })).current.description).toBe('KLARTEXT-NIE-IN-DER-DB');
  });
});

describe('append-only', () => {
  it('the database refuses updates, deletes and truncation of evidence', async () => {
    const { incidentId } = await recordIncident(owner, { ...input(), townId: town });
    await getIncident(owner, { incidentId });
    await expect(sql`update incident_records set received_at = 'x' where incident_id = ${incidentId}`).rejects.toThrow(/evidence/);
    await expect(sql`delete from incident_records where incident_id = ${incidentId}`).rejects.toThrow(/evidence/);
    await expect(sql`update incidents set kind = 'other' where id = ${incidentId}`).rejects.toThrow(/evidence/);
    await expect(sql`delete from incidents where id = ${incidentId}`).rejects.toThrow(/evidence/);
    await expect(sql`delete from incident_head_signatures`).rejects.toThrow(/evidence/);
    await expect(sql`delete from incident_access_log where incident_id = ${incidentId}`).rejects.toThrow(/evidence/);
    await expect(sql`truncate incident_records cascade`).rejects.toThrow(/evidence/);
    await expect(sql`delete from users where id = ${owner.userId}`).rejects.toThrow();
  });
});

describe('the chain', () => {
  let chainOwner: Actor;
  beforeAll(async () => {
    const person = await createUser({ label: 'chain' });
    await grantRole(person.userId, town, 'official');
    chainOwner = await actorOf(person.userId);
  });

  it('is intact, and its head signature verifies with the published key only', async () => {
    const { incidentId } = await recordIncident(chainOwner, { ...input(), townId: town });
    await reviseIncident(chainOwner, { ...input({ description: 'second' }), incidentId });
    const check = await verifyIncidentChain(chainOwner, { incidentId });
    expect(check).toMatchObject({ intact: true, records: 2, firstBrokenSequence: null, head: { sequence: 2, signatureValid: true } });
    expect(check.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const [{ chainId }] = await sql`select chain_id from incidents where id = ${incidentId}`;
    const signed = (await latestSignedHead(sql, Number(chainId)))!;
    expect(verifyChainHead(check.publicKeyPem, signed)).toBe(true);
    const { generateKeyPairSync } = await import('node:crypto');
    const another = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(verifyChainHead(another, signed)).toBe(false);
  });

  it('names the first record whose stored bytes changed', async () => {
    const { incidentId } = await recordIncident(chainOwner, { ...input(), townId: town });
    const [{ chainId }] = await sql`select chain_id from incidents where id = ${incidentId}`;
    const [{ sequence }] = await sql`select sequence from incident_records where incident_id = ${incidentId}`;
    await reviseIncident(chainOwner, { ...input({ description: 'later' }), incidentId });
    // One byte of the sealed content flipped: it no longer opens, so its content counts as changed.
    await tamper((tx) => tx`update incident_records set content = set_byte(content, length(content) - 1, (get_byte(content, length(content) - 1) + 1) % 256) where chain_id = ${chainId} and sequence = ${sequence}`);
    const check = await verifyIncidentChain(chainOwner, { incidentId });
    expect(check).toMatchObject({ intact: false, firstBrokenSequence: sequence, reason: 'content-changed' });
  });

  it('names a record whose hash or time was rewritten, and a record taken out', async () => {
    const person = await createUser({ label: 'chain2' });
    await grantRole(person.userId, town, 'official');
    const official = await actorOf(person.userId);
    const { incidentId } = await recordIncident(official, { ...input(), townId: town });
    await reviseIncident(official, { ...input({ description: 'two' }), incidentId });
    await reviseIncident(official, { ...input({ description: 'three' }), incidentId });
    const [{ chainId }] = await sql`select chain_id from incidents where id = ${incidentId}`;
    await tamper((tx) => tx`update incident_records set received_at = '2020-01-01T00:00:00.000Z' where chain_id = ${chainId} and sequence = 2`);
    expect(await verifyIncidentChain(official, { incidentId })).toMatchObject({ intact: false, firstBrokenSequence: 2, reason: 'record-hash-mismatch' });
    await tamper((tx) => tx`delete from incident_records where chain_id = ${chainId} and sequence = 2`);
    expect(await verifyIncidentChain(official, { incidentId })).toMatchObject({ intact: false, firstBrokenSequence: 2, reason: 'sequence-gap' });
  });
});

describe('who may read', () => {
  let incidentId: number;
  beforeAll(async () => {
    ({ incidentId } = await recordIncident(owner, { ...input({ description: 'ONLY-FOR-OWNER' }), townId: town }));
  });

  it('the owner reads it; everyone else (town admin, moderator, organiser, member, other official, network team, another town, guest) gets not found', async () => {
    await expect(getIncident(owner, { incidentId })).resolves.toMatchObject({ id: incidentId });
    for (const actor of [otherOfficial, admin, moderator, organiser, member, stranger, network, foreignMember, null]) {
      await expect(getIncident(actor, { incidentId })).rejects.toMatchObject({ code: 'not_found' });
      await expect(verifyIncidentChain(actor, { incidentId })).rejects.toMatchObject({ code: 'not_found' });
      await expect(reviseIncident(actor, { ...input(), incidentId })).rejects.toMatchObject({ code: 'not_found' });
      await expect(addFollowUp(actor, { incidentId, status: 'closed', at: '2026-03-03T09:00', policeFileNumber: null, authority: null, note: null })).rejects.toMatchObject({ code: 'not_found' });
      expect((await listIncidents(actor, { townId: town })).map((i) => i.id)).not.toContain(incidentId);
    }
    expect((await listIncidents(owner, { townId: town })).map((i) => i.id)).toContain(incidentId);
  });

  it('in the wrong town it is not found, even for the owner', async () => {
    await expect(getIncident(owner, { incidentId, townId: otherTown })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('logs every read and shows the log to the owner only', async () => {
    await getIncident(owner, { incidentId });
    const view = await getIncident(owner, { incidentId });
    expect(view.reads!.filter((r) => r.action === 'view').length).toBeGreaterThanOrEqual(2);
    const [{ count }] = await sql`select count(*)::int from incident_access_log where incident_id = ${incidentId}`;
    expect(count).toBeGreaterThanOrEqual(3);
  });
});
