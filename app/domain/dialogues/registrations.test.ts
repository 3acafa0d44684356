/**
 * Registrations against a real PostgreSQL: 200 parallel registrations for 20 seats, promotion in order,
 * guests confirmed by mail link, cancelling without signing in, the answers only organisers see, check-in
 * refusals, and reminders that are sent once even with two job workers.
 */
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, Logger } from 'graphile-worker';
import pg from 'pg';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { actorOf, createTownDirectly, createUser, grantRole } from '../../../db/testing/factories';
import { TASK_LIST } from '../../../server/jobs/tasks';
import { cancelEvent, createEvent, getEvent, publishEvent, updateEvent } from './events.server';
import { eventInput } from '../../../db/testing/dialogue-fixtures';
import {
  attendeesCsv,
  cancelByToken,
  cancelRegistration,
  checkIn,
  confirmGuest,
  listRegistrations,
  register,
  registerGuest,
  registrationByToken,
  registrationCounts,
} from './registrations.server';
import { sendReminder } from './reminders.server';
import { pruneRetained } from '#app/domain/personal-data/retention.server';
import { reminderKey } from './waiting-list.server';
import { listNotifications } from '#app/domain/forums/notifications.server';
import type { EventFormInput } from './schemas';
import { codeFromScan } from './registration-code';

// pngjs comes with qrcode (which writes its PNGs with it); load it from there rather than count on hoisting.
const requireFromQrcode = createRequire(createRequire(import.meta.url).resolve('qrcode'));
const { PNG } = requireFromQrcode('pngjs') as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

let town: number;
let otherTown: number;
let organiser: Actor;
let organiserB: Actor;
let moderator: Actor;
let alice: Actor;
let bob: Actor;
let outsider: Actor;

const newEvent = async (overrides: Partial<EventFormInput> = {}, townId = town, who = organiser) => {
  const { id } = await createEvent(who, { townId, ...eventInput(overrides) });
  await publishEvent(who, { townId, eventId: id });
  return id;
};
const reg = (actor: Actor, eventId: number, answers: Record<string, string> = {}) => register(actor, { townId: town, eventId, answers, language: 'en' });
const mailsTo = async (email: string) => sql`select subject, body_text, attachments from mail_outbox where lower(recipient) = lower(${email}) order by id`;
const tokenIn = (body: string) => new URL(body.match(/https?:\/\/\S*\/registration\?token=\S+/)![0]).searchParams.get('token')!;

/** Members without going through sign-up (200 password hashes would take a minute). */
async function bulkMembers(count: number, label: string): Promise<Actor[]> {
  const rows = await sql`
    insert into users (id, email, email_verified_at, display_name, password_hash, language)
    select ${label} || '-' || n, ${label} || '-' || n || '@example.org', now(), 'Person ' || n, 'x', 'en' from generate_series(1, ${count}) n
    returning id, email, display_name`;
  await sql`insert into memberships (municipality_id, user_id, role) select ${town}, id, 'member' from users where id like ${`${label}-%`}`;
  return rows.map((row) => ({ userId: row.id, email: row.email, displayName: row.displayName, emailVerified: true, language: 'en', isNetworkTeam: false, roles: { [town]: 'member' }, officialIn: [] }));
}

beforeAll(async () => {
  town = await createTownDirectly('reg-town');
  otherTown = await createTownDirectly('reg-other');
  const [o, ob, m, a, b, x] = await Promise.all(['organiser', 'organiserb', 'moderator', 'alice', 'bob', 'outsider'].map((label) => createUser({ label })));
  await grantRole(o.userId, town, 'organiser');
  await grantRole(ob.userId, otherTown, 'organiser');
  await grantRole(m.userId, town, 'moderator');
  await grantRole(a.userId, town, 'member');
  await grantRole(b.userId, town, 'member');
  await grantRole(x.userId, otherTown, 'member');
  [organiser, organiserB, moderator, alice, bob, outsider] = await Promise.all([o, ob, m, a, b, x].map((p) => actorOf(p.userId)));
});

describe('seats and the waiting list', () => {
  it('200 parallel registrations for 20 seats: exactly 20 confirmed, 180 waiting in arrival order, none lost or doubled', async () => {
    const eventId = await newEvent({ capacity: 20 });
    const crowd = await bulkMembers(200, 'crowd');
    const results = await Promise.all(crowd.map((actor) => reg(actor, eventId)));
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    expect(results.filter((r) => r.status === 'waiting')).toHaveLength(180);
    const rows = await sql`select user_id, status, waiting_since, id from dialogue_registrations where event_id = ${eventId} order by id`;
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.userId)).size).toBe(200);
    // Arrival order: the order in which registrations got the event's lock is the order of ids and of waiting_since.
    const waiting = rows.filter((row) => row.status === 'waiting');
    const bySince = [...waiting].sort((a, b) => a.waitingSince.getTime() - b.waitingSince.getTime() || a.id - b.id);
    expect(bySince.map((row) => row.id)).toEqual(waiting.map((row) => row.id));
    expect(rows.slice(0, 20).every((row) => row.status === 'confirmed')).toBe(true);
    // Registering again is the same registration.
    expect(await reg(crowd[0], eventId)).toEqual({ status: results[0].status });
    expect((await sql`select count(*)::int as n from dialogue_registrations where event_id = ${eventId}`)[0].n).toBe(200);

    // One cancellation promotes exactly the next one, with a mail.
    const firstConfirmed = crowd.find((actor) => rows.find((row) => row.userId === actor.userId)!.status === 'confirmed')!;
    const next = waiting[0];
    await cancelRegistration(firstConfirmed, { townId: town, eventId });
    const after = await sql`select user_id, status from dialogue_registrations where event_id = ${eventId}`;
    expect(after.filter((row) => row.status === 'confirmed')).toHaveLength(20);
    expect(after.filter((row) => row.status === 'waiting')).toHaveLength(179);
    expect(after.find((row) => row.userId === next.userId)!.status).toBe('confirmed');
    const promotedMail = (await mailsTo(`${next.userId}@example.org`)).at(-1)!;
    expect(promotedMail.attachments?.[0]?.filename).toBe('event.ics');
    // Parallel cancellations of confirmed seats never overfill: each frees one seat for one waiting person.
    const cancelling = after.filter((row) => row.status === 'confirmed').slice(0, 5).map((row) => crowd.find((actor) => actor.userId === row.userId)!);
    await Promise.all(cancelling.map((actor) => cancelRegistration(actor, { townId: town, eventId })));
    expect(await registrationCounts(organiser, { townId: town, eventId })).toMatchObject({ confirmed: 20, waiting: 174, capacity: 20 });
  });

  it('more seats move the waiting list up; the waiting person sees their place', async () => {
    const eventId = await newEvent({ capacity: 1 });
    expect(await reg(alice, eventId)).toEqual({ status: 'confirmed' });
    expect(await reg(bob, eventId)).toEqual({ status: 'waiting' });
    expect((await getEvent(bob, { townId: town, eventId })).registration).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    await updateEvent(organiser, { townId: town, eventId, ...eventInput({ capacity: 2 }) });
    expect((await getEvent(bob, { townId: town, eventId })).registration).toMatchObject({ status: 'confirmed', waitingPosition: null });
    // Told in the app as well as by mail.
    expect((await listNotifications(bob)).find((group) => group.kind === 'event_promoted')).toMatchObject({ event: { path: `/towns/reg-town/events/${eventId}` } });
  });

  it('the confirmation mail carries the calendar file and the QR code, which a camera reads as the check-in link with the code', async () => {
    const eventId = await newEvent({ title: 'Mit QR-Code' });
    await reg(alice, eventId);
    const [registration] = await sql`select code from dialogue_registrations where event_id = ${eventId} and user_id = ${alice.userId}`;
    const mail = (await mailsTo(alice.email)).at(-1)!;
    expect(mail.attachments.map((attachment: { filename: string }) => attachment.filename)).toEqual(['event.ics', expect.stringMatching(/^check-in-[A-Z0-9-]+\.png$/)]);
    const qr = mail.attachments[1];
    expect(qr).toMatchObject({ contentType: 'image/png', encoding: 'base64' });
    const image = PNG.sync.read(Buffer.from(qr.content, 'base64'));
    const read = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(read?.data).toMatch(new RegExp(`/events/${eventId}/check-in\\?code=${registration.code}$`));
    expect(codeFromScan(read!.data)).toBe(registration.code);
  });

  it('who may register: members of the town with a confirmed address; not after the deadline; not for a cancelled event', async () => {
    const eventId = await newEvent();
    await expect(register(outsider, { townId: town, eventId, answers: {}, language: 'en' })).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'dialogues:errors.membersOnly' });
    await expect(register(null, { townId: town, eventId, answers: {}, language: 'en' })).rejects.toMatchObject({ code: 'unauthenticated' });
    // Through another town's address it is not found.
    await expect(register(outsider, { townId: otherTown, eventId, answers: {}, language: 'en' })).rejects.toMatchObject({ code: 'not_found' });
    await sql`update dialogue_events set registration_deadline = now() - interval '1 minute' where id = ${eventId}`;
    await expect(reg(alice, eventId)).rejects.toMatchObject({ i18nKey: 'dialogues:errors.registrationClosed' });
    const cancelled = await newEvent();
    await reg(alice, cancelled);
    const before = (await mailsTo(alice.email)).length;
    await cancelEvent(organiser, { townId: town, eventId: cancelled });
    await expect(reg(bob, cancelled)).rejects.toMatchObject({ i18nKey: 'dialogues:errors.cancelled' });
    // Cancelling the event told Alice, with a link to her registration.
    const mails = await mailsTo(alice.email);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.bodyText).toContain('/registration?token=');
    expect((await listNotifications(alice)).some((group) => group.kind === 'event_cancelled' && group.event?.path.endsWith(`/events/${cancelled}`))).toBe(true);
  });
});

describe('answers to the organiser’s questions', () => {
  it('only the event’s organisers see them; they are deleted 30 days after the event', async () => {
    const eventId = await newEvent({ questions: 'Do you need a sign language interpreter?\nDietary needs?' });
    await reg(alice, eventId, { '0': 'Yes, please', '1': '', '7': 'not a question' });
    const list = await listRegistrations(organiser, { townId: town, eventId });
    expect(list.find((row) => row.name === 'alice')!.answers).toEqual({ '0': 'Yes, please' });
    for (const who of [alice, bob, moderator, organiserB, outsider]) {
      await expect(listRegistrations(who, { townId: town, eventId })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(registrationCounts(who, { townId: town, eventId })).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(listRegistrations(organiserB, { townId: otherTown, eventId })).resolves.toEqual([]);
    expect(JSON.stringify(await getEvent(bob, { townId: town, eventId }))).not.toContain('Yes, please');
    await sql`update dialogue_events set starts_at = now() - interval '32 days', ends_at = now() - interval '31 days' where id = ${eventId}`;
    expect((await pruneRetained({ job: 'delete-dialogue-answers' }))['event-answers']).toBeGreaterThanOrEqual(1);
    const [row] = await sql`select answers, answers_deleted_at from dialogue_registrations where event_id = ${eventId}`;
    expect(row.answers).toBeNull();
    expect(row.answersDeletedAt).toBeInstanceOf(Date);
  });
});

describe('guests and mail links', () => {
  it('a guest registers with name and address, confirms by the mailed link and cancels from a mail without signing in', async () => {
    const closed = await newEvent();
    await expect(registerGuest(null, { townId: town, eventId: closed, name: 'Gast', email: 'gast@example.org', answers: {}, language: 'de', ip: '192.0.2.10' })).rejects.toMatchObject({
      code: 'forbidden',
      i18nKey: 'dialogues:errors.guestsNotAllowed',
    });
    const eventId = await newEvent({ guestsAllowed: true, capacity: 1 });
    await registerGuest(null, { townId: town, eventId, name: 'Gast', email: 'gast@example.org', answers: {}, language: 'de', ip: '192.0.2.10' });
    // Nothing reserved yet: a member still gets the one seat.
    expect(await registrationCounts(organiser, { townId: town, eventId })).toMatchObject({ confirmed: 0, pending: 1 });
    const [confirmMail] = await mailsTo('gast@example.org');
    const token = tokenIn(confirmMail.bodyText);
    expect((await registrationByToken(null, { token })).status).toBe('pending');
    await reg(alice, eventId);
    expect(await confirmGuest(null, { token })).toEqual({ status: 'waiting' });
    expect((await registrationByToken(null, { token })).waitingPosition).toBe(1);
    // Alice cancels from the link in her mail, without signing in: the guest moves up.
    const aliceMail = (await mailsTo(alice.email)).at(-1)!;
    await cancelByToken(null, { token: tokenIn(aliceMail.bodyText) });
    const guest = await registrationByToken(null, { token });
    expect(guest.status).toBe('confirmed');
    expect(guest.code).toMatch(/^[0-9A-Z]{9}$/);
    await expect(registrationByToken(null, { token: 'x'.repeat(43) })).rejects.toMatchObject({ code: 'not_found' });
    await expect(cancelByToken(null, { token: 'short' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('one client cannot mail registration links to a crowd of addresses', async () => {
    const eventId = await newEvent({ guestsAllowed: true });
    for (let n = 0; n < 10; n++) await registerGuest(null, { townId: town, eventId, name: 'Gast', email: `flood-${n}@example.org`, answers: {}, language: 'de', ip: '192.0.2.99' });
    await expect(registerGuest(null, { townId: town, eventId, name: 'Gast', email: 'flood-x@example.org', answers: {}, language: 'de', ip: '192.0.2.99' })).rejects.toMatchObject({
      code: 'throttled',
      i18nKey: 'dialogues:errors.throttled',
    });
    await registerGuest(null, { townId: town, eventId, name: 'Gast', email: 'other-client@example.org', answers: {}, language: 'de', ip: '192.0.2.100' });
  });
});

describe('check-in', () => {
  it('admits a confirmed code once; refuses duplicates, other events’ codes, waiting ones and unknown ones', async () => {
    const eventId = await newEvent({ capacity: 1 });
    const other = await newEvent();
    await reg(alice, eventId);
    await reg(bob, eventId);
    await reg(bob, other);
    const code = async (actor: Actor, id: number) => (await getEvent(actor, { townId: town, eventId: id })).registration!.code;
    const aliceCode = await code(alice, eventId);
    for (const who of [alice, moderator, organiserB]) {
      await expect(checkIn(who, { townId: town, eventId, code: aliceCode })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await checkIn(organiser, { townId: town, eventId, code: aliceCode.toLowerCase() })).toMatchObject({ name: 'alice', checkedIn: 1 });
    await expect(checkIn(organiser, { townId: town, eventId, code: aliceCode })).rejects.toMatchObject({ i18nKey: 'dialogues:errors.codeAlreadyCheckedIn', field: 'code' });
    await expect(checkIn(organiser, { townId: town, eventId, code: await code(bob, other) })).rejects.toMatchObject({ i18nKey: 'dialogues:errors.codeOtherEvent' });
    await expect(checkIn(organiser, { townId: town, eventId, code: await code(bob, eventId) })).rejects.toMatchObject({ i18nKey: 'dialogues:errors.codeWaiting' });
    await expect(checkIn(organiser, { townId: town, eventId, code: '0000-0000-0' })).rejects.toMatchObject({ i18nKey: 'dialogues:errors.codeUnknown' });
    expect(await registrationCounts(organiser, { townId: town, eventId })).toMatchObject({ checkedIn: 1 });
  });
});

describe('reminders', () => {
  const workers: { stop(): Promise<void> }[] = [];
  const pools: pg.Pool[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it('are scheduled with keys, dropped on cancellation, and sent exactly once even by two workers at once', async () => {
    const soon = new Date(Date.now() + 25 * 3600_000);
    const eventId = await newEvent();
    await sql`update dialogue_events set starts_at = ${soon}, ends_at = ${new Date(soon.getTime() + 3600_000)} where id = ${eventId}`;
    await reg(alice, eventId);
    await reg(bob, eventId);
    const [aliceReg] = await sql`select id from dialogue_registrations where event_id = ${eventId} and user_id = ${alice.userId}`;
    const [bobReg] = await sql`select id from dialogue_registrations where event_id = ${eventId} and user_id = ${bob.userId}`;
    const keys = async () => (await sql`select key from graphile_worker.jobs where key like 'dialogue-reminder:%'`).map((row) => row.key);
    expect(await keys()).toEqual(expect.arrayContaining([reminderKey(aliceReg.id, '24h'), reminderKey(aliceReg.id, '1h'), reminderKey(bobReg.id, '24h')]));
    await cancelRegistration(bob, { townId: town, eventId });
    expect(await keys()).not.toContain(reminderKey(bobReg.id, '24h'));

    // The same job run twice at the same moment writes one mail.
    const [first, second] = await Promise.all([sendReminder({ registrationId: aliceReg.id, kind: '24h' }), sendReminder({ registrationId: aliceReg.id, kind: '24h' })]);
    expect([first, second].sort()).toEqual(['sent', 'skipped']);

    // Two real workers on the queue, the 1 h reminder due now: one mail.
    const [{ last }] = await sql`select coalesce(max(id), 0)::int as last from mail_outbox`;
    await sql`update graphile_worker._private_jobs set run_at = now() where key = ${reminderKey(aliceReg.id, '1h')}`;
    const logger = new Logger(() => () => {});
    for (let index = 0; index < 2; index++) {
      // Two separate pools, as two app processes would have.
      const pgPool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 3 });
      pgPool.on('error', () => {});
      pools.push(pgPool);
      workers.push(await run({ pgPool, concurrency: 2, pollInterval: 100, taskList: TASK_LIST, logger, noHandleSignals: true }));
    }
    const jobLeft = async () => (await sql`select count(*)::int as n from graphile_worker.jobs where key = ${reminderKey(aliceReg.id, '1h')}`)[0].n;
    for (let waited = 0; waited < 100 && (await jobLeft()) > 0; waited++) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await jobLeft()).toBe(0);
    const mails = await sql`select recipient from mail_outbox where id > ${last}`;
    expect(mails.map((row) => row.recipient)).toEqual([alice.email]);

    // The event moves: the reminders move with it and are due again for the new time.
    await updateEvent(organiser, { townId: town, eventId, ...eventInput() });
    const [moved] = await sql`select reminded_24h_at, reminded_1h_at from dialogue_registrations where id = ${aliceReg.id}`;
    expect(moved).toEqual({ reminded24hAt: null, reminded1hAt: null });
    const [job] = await sql`select run_at from graphile_worker.jobs where key = ${reminderKey(aliceReg.id, '24h')}`;
    expect(job.runAt.toISOString()).toBe('2031-06-11T16:00:00.000Z');
  });
});

describe('the attendee list', () => {
  it('is CSV for the organisers only, without answers, and safe to open in a spreadsheet', async () => {
    const eventId = await newEvent({ questions: 'Secret question?' });
    const formula = await createUser({ label: '=HYPERLINK("x")' });
    await grantRole(formula.userId, town, 'member');
    await reg(await actorOf(formula.userId), eventId, { '0': 'private answer' });
    await reg(alice, eventId);
    const csv = await attendeesCsv(organiser, { townId: town, eventId });
    expect(csv.split('\r\n')[0]).toBe('\uFEFFname,guest,status,waiting_position,checked_in_at');
    expect(csv).toContain('alice,no,confirmed');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",no,confirmed`);
    expect(csv).not.toContain('private answer');
    for (const who of [alice, moderator, organiserB, null]) {
      await expect(attendeesCsv(who, { townId: town, eventId })).rejects.toMatchObject({ code: who ? 'forbidden' : 'unauthenticated' });
    }
  });
});
