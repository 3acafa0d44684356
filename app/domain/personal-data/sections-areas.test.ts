/**
 * Dialogue events, incidents and self-check as personal data (decision 022), against a real PostgreSQL: a
 * member and an official (a town admin, who keeps an incident log) have rows in every table of the three
 * areas, made through the areas' own domain functions. Their exports hold those rows (incidents opened, not as
 * ciphertext) and nothing of anyone else; after erasure no text or JSON column of any table names them, the
 * waiting list moved up, the official's log is gone while the evidence tables still refuse every ordinary
 * change, and other people's events, rounds and incidents read as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { createEvent, getEvent, myRegistration, publishEvent } from '#app/domain/dialogues/events.server';
import { eventFormSchema } from '#app/domain/dialogues/schemas';
import { checkIn, register } from '#app/domain/dialogues/registrations.server';
import { askQuestion, listQuestions, toggleVote } from '#app/domain/dialogues/questions.server';
import { sniffFiles } from '#app/domain/files.server';
import { addAttachments, addFollowUp, getIncident, recordIncident, verifyIncidentChain } from '#app/domain/incidents/incidents.server';
import { addTrustPerson } from '#app/domain/incidents/trust.server';
import { ATTACHMENT_TYPES, type IncidentInput } from '#app/domain/incidents/schemas';
import { assignAdvice, listTownAdvice, requestAdvice } from '#app/domain/selfcheck/advice.server';
import { saveMyAnswers } from '#app/domain/selfcheck/answers.server';
import { getRoundResults } from '#app/domain/selfcheck/results.server';
import { closeRound, inviteRespondents, openRound } from '#app/domain/selfcheck/rounds.server';
import { insertNextVersion } from '#app/domain/selfcheck/templates.server';
import { weltoffeneKommuneTemplate } from '../../../db/seed-data/selfcheck-template';
import { actorOf, createUser, grantRole, type TestPerson } from '../../../db/testing/factories';
import { createResident, createTownWithStaff, unzipText, whereItAppears, type Resident, type Town } from '../../../db/testing/personal-data-fixtures';
import { buildDataExport, getExportArchive, requestExport } from './export.server';
import { eraseAccount, incidentsErasedWithAccount, requestDeletion } from './deletion.server';
import { SECTIONS } from './registry.server';
import { GRACE_DAYS } from './schemas';

const AREAS = ['dialogues', 'incidents', 'selfcheck'];
const later = () => new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), Buffer.alloc(13, 1), Buffer.from('PIXELS')]);
const incidentInput = (text: string): IncidentInput => ({
  occurredAt: null, foundAt: '2026-03-02T07:30', foundBy: 'the town hall', channel: 'email', kind: 'threat', severity: 'high',
  description: text, contentUrls: [], author: null, authorProfileUrl: null,
});
const eventInput = (title: string, extra: Record<string, string> = {}) =>
  eventFormSchema.parse({ format: 'citizen_dialogue', mode: 'in_person', title, descriptionText: 'Everyone is welcome.', startDate: '2031-05-14', startTime: '18:00', endTime: '20:00', venueName: 'Town hall', venueAddress: 'Markt 1', ...extra });

let town: Town;
let mira: Resident; // a member
let otto: Resident; // an official (town admin): keeps an incident log, asks for advice
let ottoActor: Actor;
let carla: TestPerson & { actor: Actor }; // stays
let wanda: TestPerson & { actor: Actor }; // on the waiting list
let olga: TestPerson & { actor: Actor }; // another official, who trusts otto
let organiser: Actor;
const ids = {} as { ahead: number; past: number; ottoIncident: number; olgaIncident: number; closedRound: number; openRound: number; advice: number; carlaQuestion: number };
let scoresBefore: unknown;
const exports: Record<string, Record<string, { tables: Record<string, Record<string, unknown>[]> }>> = {};
const expected: Record<string, Map<string, number>> = {};

async function person(label: string, role: 'member' | 'official' | 'organiser'): Promise<TestPerson & { actor: Actor }> {
  const created = await createUser({ label });
  await grantRole(created.userId, town.townId, role);
  await sql`update users set display_name = ${label} where id = ${created.userId}`;
  return { ...created, actor: await actorOf(created.userId) };
}

async function exportOf(who: Resident) {
  const { exportId } = await requestExport(who.actor);
  const counts = new Map<string, number>();
  for (const section of SECTIONS.filter((s) => AREAS.includes(s.name))) {
    for (const [table, rules] of Object.entries(section.tables)) {
      const columns = Object.entries(rules).filter(([, rule]) => rule.exported).map(([column]) => column);
      if (!columns.length) continue;
      const where = columns.map((c) => `"${c}" = $1 or lower("${c}") = lower($2)`).join(' or ');
      const [row] = await sql.unsafe(`select count(*)::int as n from "${table}" where ${where}`, [who.userId, who.email]);
      counts.set(table, row.n);
    }
  }
  expected[who.userId] = counts;
  expect(await buildDataExport({ exportId })).toBe('ready');
  const files = await unzipText((await getExportArchive(who.actor, { exportId })).bytes);
  exports[who.userId] = Object.fromEntries(AREAS.map((area) => [area, JSON.parse(files[`${area}.json`])]));
  exports[who.userId].all = { tables: { text: [{ text: Object.values(files).join('\n') }] } };
}

beforeAll(async () => {
  town = await createTownWithStaff('areas-town');
  mira = await createResident(town, 'Mira Teilnehmerin', undefined, { tag: 'resident M' });
  otto = await createResident(town, 'Otto Amtsträger', mira, { tag: 'resident O' });
  await grantRole(otto.userId, town.townId, 'admin');
  ottoActor = await actorOf(otto.userId);
  otto.actor = ottoActor;
  [carla, wanda, olga] = [await person('Carla Bleibt', 'member'), await person('Wanda Wartet', 'member'), await person('Olga Amtsträgerin', 'official')];
  organiser = (await person('Oskar Organisiert', 'organiser')).actor;

  // Dialogue events: one ahead with one seat (mira has it, wanda waits), one that is over (mira was checked in).
  const ahead = await createEvent(organiser, { townId: town.townId, ...eventInput('Event ahead', { capacity: '1', questions: 'Do you need a sign language interpreter?' }) });
  await publishEvent(organiser, { townId: town.townId, eventId: ahead.id });
  const past = await createEvent(organiser, { townId: town.townId, ...eventInput('Event over') });
  await publishEvent(organiser, { townId: town.townId, eventId: past.id });
  Object.assign(ids, { ahead: ahead.id, past: past.id });
  expect(await register(mira.actor, { townId: town.townId, eventId: ahead.id, answers: { 0: 'yes, resident M needs one' }, language: 'en' })).toEqual({ status: 'confirmed' });
  expect(await register(wanda.actor, { townId: town.townId, eventId: ahead.id, answers: {}, language: 'en' })).toEqual({ status: 'waiting' });
  for (const who of [mira.actor, ottoActor, carla.actor]) await register(who, { townId: town.townId, eventId: past.id, answers: {}, language: 'en' });
  await checkIn(organiser, { townId: town.townId, eventId: past.id, code: (await myRegistration(sql, mira.actor, past.id))!.code });
  for (const [who, text] of [[mira.actor, 'A question of resident M'], [ottoActor, 'A question of resident O'], [carla.actor, 'A question of resident C']] as const) {
    await askQuestion(who, { townId: town.townId, eventId: past.id, body: text, anonymous: false });
  }
  const questions = (await listQuestions(carla.actor, { townId: town.townId, eventId: past.id })).questions;
  ids.carlaQuestion = questions.find((q) => q.body.includes('resident C'))!.id;
  for (const who of [mira.actor, ottoActor]) await toggleVote(who, { townId: town.townId, eventId: past.id, questionId: ids.carlaQuestion });
  await toggleVote(carla.actor, { townId: town.townId, eventId: past.id, questionId: questions.find((q) => q.body.includes('resident M'))!.id });
  await sql`update dialogue_events set starts_at = now() - interval '10 days', ends_at = now() - interval '10 days' + interval '2 hours' where id = ${past.id}`;

  // Incidents: otto's log (a follow-up, an original), olga's; olga trusts otto, otto trusts mira; each reads.
  const files = await sniffFiles([new File([new Uint8Array(PNG)], 'screenshot.png')], ATTACHMENT_TYPES, 'files');
  ids.ottoIncident = (await recordIncident(ottoActor, { townId: town.townId, ...incidentInput('A threat against resident O'), files, caption: 'the message' })).incidentId;
  await addFollowUp(ottoActor, { incidentId: ids.ottoIncident, status: 'reported', at: '2026-03-03T09:00', policeFileNumber: 'PD-123', authority: 'Police', note: 'reported' });
  await addAttachments(ottoActor, { incidentId: ids.ottoIncident, files, caption: null });
  ids.olgaIncident = (await recordIncident(olga.actor, { townId: town.townId, ...incidentInput('What olga keeps: secretolgaword') })).incidentId;
  await addTrustPerson(olga.actor, { townId: town.townId, email: otto.email });
  await addTrustPerson(ottoActor, { townId: town.townId, email: mira.email });
  await getIncident(ottoActor, { incidentId: ids.olgaIncident });
  await getIncident(mira.actor, { incidentId: ids.ottoIncident });
  await getIncident(ottoActor, { incidentId: ids.ottoIncident });

  // Self-check: a closed round (mira, otto, carla answered), an open one (mira, otto answered); otto asks for advice.
  const template = await insertNextVersion(sql, weltoffeneKommuneTemplate, null);
  const question = weltoffeneKommuneTemplate.dimensions[0].questions[0].key;
  ids.closedRound = await openRound(town.admin, { townId: town.townId, title: 'Closed round', templateId: template.id });
  await inviteRespondents(town.admin, { townId: town.townId, roundId: ids.closedRound, userIds: [mira.userId, otto.userId, carla.userId] });
  for (const [who, value] of [[mira.actor, '2'], [ottoActor, '4'], [carla.actor, '3']] as const) {
    const tag = who === mira.actor ? 'M' : who === ottoActor ? 'O' : 'C';
    await saveMyAnswers(who, { townId: town.townId, roundId: ids.closedRound, answers: { [question]: { value, comment: `comment of resident ${tag}` } } });
  }
  await closeRound(town.admin, { townId: town.townId, roundId: ids.closedRound });
  ids.openRound = await openRound(town.admin, { townId: town.townId, title: 'Open round', templateId: template.id });
  await inviteRespondents(town.admin, { townId: town.townId, roundId: ids.openRound, userIds: [mira.userId, otto.userId] });
  for (const who of [mira.actor, ottoActor]) await saveMyAnswers(who, { townId: town.townId, roundId: ids.openRound, answers: { [question]: { value: '1', comment: 'open round comment' } } });
  ids.advice = await requestAdvice(ottoActor, { townId: town.townId, roundId: ids.closedRound, dimensionKey: weltoffeneKommuneTemplate.dimensions[0].key, preferredFormat: 'online', message: 'Please advise our town.' });
  await assignAdvice(town.network, { requestId: ids.advice, consultantId: town.network.userId });
  [scoresBefore] = (await sql`select scores from selfcheck_rounds where id = ${ids.closedRound}`).map((r) => r.scores);

  await exportOf(mira);
  await exportOf(otto);
});

describe('the export', () => {
  it("holds every covered table's rows of the member and of the official, and each has rows in every one", () => {
    for (const who of [mira, otto]) {
      for (const section of SECTIONS.filter((s) => AREAS.includes(s.name))) {
        for (const [table, rules] of Object.entries(section.tables)) {
          if (!Object.values(rules).some((rule) => rule.exported)) continue;
          const rows = exports[who.userId][section.name].tables[table];
          expect(rows, `${section.name}.json lacks ${table}`).toBeDefined();
          expect(rows.length, `${who.displayName}: ${table}`).toBe(expected[who.userId].get(table));
        }
      }
    }
    const nonEmpty = (who: Resident) => [...expected[who.userId]].filter(([, n]) => n > 0).map(([table]) => table).sort();
    // Every table but the guest side of registrations (a member registers signed in) and a chain/log of her own.
    expect(nonEmpty(mira)).toEqual(['dialogue_question_votes', 'dialogue_questions', 'dialogue_registrations', 'incident_access_log', 'incident_trust_persons', 'selfcheck_answers', 'selfcheck_respondents']);
    expect(nonEmpty(otto)).toEqual(['dialogue_question_votes', 'dialogue_questions', 'dialogue_registrations', 'incident_access_log', 'incident_chains', 'incident_trust_persons', 'incidents', 'selfcheck_advice_requests', 'selfcheck_answers', 'selfcheck_respondents']);
  });

  it('has what a person can read: answers with the questions, code, status, check-in; questions, votes; answers, comments, rounds', () => {
    const d = exports[mira.userId].dialogues.tables;
    const ahead = d.dialogue_registrations.find((r) => r.eventId === ids.ahead)!;
    expect(ahead).toMatchObject({ status: 'confirmed', organiserQuestions: ['Do you need a sign language interpreter?'], answers: { 0: 'yes, resident M needs one' } });
    expect(ahead.code).toMatch(/^[0-9A-Z]{9}$/);
    expect(d.dialogue_registrations.find((r) => r.eventId === ids.past)!.checkedInAt).not.toBeNull();
    expect(d.dialogue_questions.map((q) => q.body)).toEqual(['A question of resident M']);
    expect(d.dialogue_question_votes).toEqual([expect.objectContaining({ questionId: ids.carlaQuestion })]);
    const s = exports[mira.userId].selfcheck.tables;
    expect(s.selfcheck_respondents.map((r) => r.roundTitle).sort()).toEqual(['Closed round', 'Open round']);
    expect(s.selfcheck_answers.map((a) => a.comment).sort()).toEqual(['comment of resident M', 'open round comment']);
    expect(exports[otto.userId].selfcheck.tables.selfcheck_advice_requests[0]).toMatchObject({ message: 'Please advise our town.', preferredFormat: 'online' });
  });

  it("has the official's incidents opened, with follow-ups, originals' metadata, reads — and shared ones by reference only", () => {
    const i = exports[otto.userId].incidents.tables;
    const [incident] = i.incidents as { revisions: { description: string }[]; followUps: { policeFileNumber: string }[]; attachments: Record<string, unknown>[]; reads: { reader: string }[] }[];
    expect(incident.revisions[0].description).toBe('A threat against resident O');
    expect(incident.followUps[0].policeFileNumber).toBe('PD-123');
    expect(incident.attachments).toHaveLength(2);
    expect(incident.attachments[0]).toEqual(expect.objectContaining({ fileName: 'screenshot.png', mimeType: 'image/png', size: PNG.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    expect(incident.reads.map((r) => r.reader).sort()).toEqual(['a person you trust', 'you']);
    expect(i.incident_access_log.map((r) => r.whose).sort()).toEqual(['shared with you', 'yours']);
    // Mira may read otto's incidents: by reference, never their content.
    const shared = exports[mira.userId].incidents.tables.incident_trust_persons[0] as { incidentsYouMayRead: { reference: string }[] };
    expect(shared.incidentsYouMayRead).toHaveLength(1);
    expect(JSON.stringify(exports[mira.userId].incidents)).not.toContain('threat against');
  });

  it('contains nothing of anyone else, and no ciphertext or original bytes', () => {
    for (const who of [mira, otto]) {
      const everything = exports[who.userId].all.tables.text[0].text as string;
      for (const other of [carla, wanda, olga]) {
        for (const value of [other.userId, other.email]) expect(everything, value).not.toContain(value);
      }
      for (const value of ['Carla Bleibt', 'Wanda Wartet', 'Olga Amtsträgerin', 'secretolgaword', 'PIXELS']) expect(everything).not.toContain(value);
      const other = who === mira ? otto : mira;
      expect(JSON.stringify(exports[who.userId].incidents) + JSON.stringify(exports[who.userId].dialogues)).not.toContain(other.displayName);
    }
  });
});

describe('erasure', () => {
  beforeAll(async () => {
    expect(await incidentsErasedWithAccount(ottoActor)).toEqual([expect.objectContaining({ id: ids.ottoIncident, townSlug: 'areas-town' })]);
    expect(await incidentsErasedWithAccount(mira.actor)).toEqual([]);
    await requestDeletion(mira.actor, { content: 'remove', currentPassword: mira.password });
    await requestDeletion(ottoActor, { content: 'keep', currentPassword: otto.password });
    expect(await eraseAccount({ userId: mira.userId, asOf: later() })).toBe('erased');
    expect(await eraseAccount({ userId: otto.userId, asOf: later() })).toBe('erased');
  });

  it('leaves the address, the display name and the account id in no text or JSON column of any table', async () => {
    for (const who of [mira, otto]) {
      expect(await whereItAppears(who.email), who.email).toEqual([]);
      expect(await whereItAppears(who.displayName), who.displayName).toEqual([]);
      expect(await whereItAppears(who.userId), who.userId).toEqual([]);
    }
  });

  it("moves the waiting list up for the event ahead; past registrations go; others' events read as before", async () => {
    expect(await myRegistration(sql, wanda.actor, ids.ahead)).toMatchObject({ status: 'confirmed' });
    const [notice] = await sql`select count(*)::int as n from notifications where user_id = ${wanda.userId} and kind = 'event_promoted' and dialogue_event_id = ${ids.ahead}`;
    expect(notice.n).toBe(1);
    expect((await sql`select user_id from dialogue_registrations where event_id = ${ids.past}`).map((r) => r.userId)).toEqual([carla.userId]);
    await expect(getEvent(carla.actor, { townId: town.townId, eventId: ids.past })).resolves.toMatchObject({ title: 'Event over' });
  });

  it('keeps Q&A questions as "former member" or removes them, as each chose', async () => {
    const { questions } = await listQuestions(carla.actor, { townId: town.townId, eventId: ids.past });
    expect(questions.map((q) => q.body).sort()).toEqual(['A question of resident C', 'A question of resident O']);
    expect(questions.find((q) => q.body.includes('resident O'))).toMatchObject({ authorName: null });
    expect(questions.find((q) => q.id === ids.carlaQuestion)!.votes).toBe(0);
  });

  it('keeps answers to the closed round anonymous with the frozen scores; removes those to the open round', async () => {
    const [round] = await sql`select scores from selfcheck_rounds where id = ${ids.closedRound}`;
    expect(round.scores).toEqual(scoresBefore);
    const [answers] = await sql`select count(*)::int as n, count(*) filter (where user_id like 'former-%')::int as anonymous from selfcheck_answers where round_id = ${ids.closedRound}`;
    expect(answers).toEqual({ n: 3, anonymous: 2 });
    const results = await getRoundResults(town.admin, { townId: town.townId, roundId: ids.closedRound });
    const comments = results.comments!.flatMap((c) => c.texts);
    // Mira chose to remove her content: her comment is empty; otto kept his.
    expect(comments.sort()).toEqual(['comment of resident C', 'comment of resident O']);
    expect((await sql`select user_id from selfcheck_respondents where round_id = ${ids.openRound}`).length).toBe(0);
    // A pseudonym is no account: nobody can be invited under one.
    await expect(sql`insert into selfcheck_respondents (round_id, user_id) values (${ids.openRound}, 'not-an-account')`).rejects.toThrow(/not an account/);
  });

  it("keeps the town's advice request without the person", async () => {
    const [request] = (await listTownAdvice(town.admin, { townId: town.townId })).filter((r) => r.id === ids.advice);
    expect(request).toMatchObject({ message: 'Please advise our town.', requestedByName: null });
  });

  it("removes the official's own incident log; others' incidents read as before, the reader under a pseudonym", async () => {
    for (const table of ['incidents', 'incident_chains']) {
      const [row] = await sql.unsafe(`select count(*)::int as n from ${table} where id = any($1)`, [table === 'incidents' ? [ids.ottoIncident] : []]);
      expect(row.n).toBe(0);
    }
    expect((await sql`select count(*)::int as n from incident_records where incident_id = ${ids.ottoIncident}`)[0].n).toBe(0);
    const view = await getIncident(olga.actor, { incidentId: ids.olgaIncident });
    expect(view.current.description).toContain('secretolgaword');
    expect(view.reads!.map((r) => r.reader)).toEqual(expect.arrayContaining([expect.stringMatching(/^former-/), 'Olga Amtsträgerin']));
    expect((await verifyIncidentChain(olga.actor, { incidentId: ids.olgaIncident })).intact).toBe(true);
  });

  it('the evidence tables still refuse every ordinary change, even with the marker set for someone else', async () => {
    await expect(sql`delete from incidents where id = ${ids.olgaIncident}`).rejects.toThrow(/cannot be changed or deleted/);
    await expect(sql`delete from incident_access_log where incident_id = ${ids.olgaIncident}`).rejects.toThrow(/cannot be changed or deleted/);
    await expect(sql`update incident_access_log set reader_id = null where incident_id = ${ids.olgaIncident}`).rejects.toThrow(/cannot be changed or deleted/);
    await expect(sql`update incident_records set received_at = received_at where incident_id = ${ids.olgaIncident}`).rejects.toThrow(/cannot be changed or deleted/);
    await expect(
      sql.begin(async (tx) => {
        await tx`select set_config('weltoffen.erasing_incident_owner', ${otto.userId}, true)`;
        await tx`delete from incident_records where incident_id = ${ids.olgaIncident}`;
      }),
    ).rejects.toThrow(/cannot be changed or deleted/);
    await expect(
      sql.begin(async (tx) => {
        await tx`select set_config('weltoffen.erasing_incident_owner', ${olga.userId}, true)`;
        await tx`update incidents set kind = 'other' where id = ${ids.olgaIncident}`;
      }),
    ).rejects.toThrow(/cannot be changed or deleted/);
    expect((await sql`select count(*)::int as n from incident_records where incident_id = ${ids.olgaIncident}`)[0].n).toBeGreaterThan(0);
  });
});
