/**
 * Registrations for dialogue events: members register (town events: members of the town; network events:
 * anyone with a confirmed address), guests with name and address where the organiser allows it (their seat is
 * taken when they follow the mailed link), cancellation by the person — signed in, or through the link in any
 * of their mails — and check-in at the door. Seats and the waiting list: `waiting-list.server.ts`.
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { isMemberOf, type MaybeActor } from '#app/domain/auth/permissions';
import { hashToken } from '#app/domain/auth/tokens.server';
import { assertNotThrottled, recordAttempt } from '#app/domain/auth/throttle.server';
import { canManageEvents } from './access';
import { dialogueThrottles } from './throttles.server';
import { sendRegistrationMail } from './mails.server';
import { generateRegistrationCode, normaliseCode } from './registration-code';
import { eventPath, pickLanguage, type EventTranslations } from './texts';
import { isRegistrationClosed, utcToLocalDateTime } from './time';
import { countsChanged, promoteWaiting, scheduleReminders, unscheduleReminders } from './waiting-list.server';

interface LockedEvent {
  id: number;
  townId: number | null;
  status: string;
  capacity: number | null;
  startsAt: Date;
  registrationDeadline: Date | null;
  guestsAllowed: boolean;
  questions: string[];
  timeZone: string;
}

const scope = (townId: number | null) => (townId === null ? sql`municipality_id is null` : sql`municipality_id = ${townId}`);

/** The event's row, locked for a change of its seats. Drafts are not found (nobody registers for one). */
async function lockEvent(tx: Tx, eventId: number, townId: number | null): Promise<LockedEvent> {
  const [event] = await tx<LockedEvent[]>`
    select id, municipality_id as town_id, status, capacity, starts_at, registration_deadline, guests_allowed, questions, time_zone
      from dialogue_events where id = ${eventId} and ${scope(townId)} and status <> 'draft' for update`;
  if (!event) throw new DomainError('not_found', 'dialogues:errors.notFound');
  return event;
}

async function lockEventById(tx: Tx, eventId: number): Promise<LockedEvent> {
  const [row] = await tx`select municipality_id from dialogue_events where id = ${eventId}`;
  return lockEvent(tx, eventId, row.municipalityId);
}

function assertOpen(event: LockedEvent) {
  if (event.status === 'cancelled') throw new DomainError('conflict', 'dialogues:errors.cancelled');
  if (isRegistrationClosed(event)) throw new DomainError('conflict', 'dialogues:errors.registrationClosed');
}

/** Only answers to questions the organiser asked, and only non-empty ones. */
function keptAnswers(event: LockedEvent, answers: Record<string, string>): Record<string, string> | null {
  const kept = Object.fromEntries(Object.entries(answers).filter(([index, answer]) => Number(index) < event.questions.length && answer.trim()));
  return Object.keys(kept).length ? kept : null;
}

/** Takes a seat when one is free, else a place at the end of the waiting list. The caller holds the lock. */
async function seatOrWait(tx: Tx, event: LockedEvent, registrationId: number): Promise<'confirmed' | 'waiting'> {
  const [{ confirmed }] = await tx`select count(*)::int as confirmed from dialogue_registrations where event_id = ${event.id} and status = 'confirmed'`;
  const status = event.capacity === null || confirmed < event.capacity ? 'confirmed' : 'waiting';
  await tx`update dialogue_registrations
              set status = ${status}, confirmed_at = ${status === 'confirmed' ? sql`now()` : null}, waiting_since = ${status === 'waiting' ? sql`clock_timestamp()` : null}
            where id = ${registrationId}`;
  await sendRegistrationMail(tx, registrationId, status);
  if (status === 'confirmed') await scheduleReminders(tx, registrationId, event.startsAt);
  await countsChanged(tx, event.id, event.townId);
  return status;
}

async function insertRegistration(tx: Tx, values: { eventId: number; userId: string | null; guestName?: string; guestEmail?: string; language: string; answers: Record<string, string> | null; status: string }) {
  const [row] = await tx`
    insert into dialogue_registrations (event_id, user_id, guest_name, guest_email, status, code, language, answers)
    values (${values.eventId}, ${values.userId}, ${values.guestName ?? null}, ${values.guestEmail ?? null}, ${values.status},
            ${generateRegistrationCode()}, ${values.language}, ${values.answers ? tx.json(values.answers) : null})
    returning id`;
  return row.id as number;
}

export interface RegisterInput {
  townId: number | null;
  eventId: number;
  answers: Record<string, string>;
  language: string;
}

/** A signed-in person registers: a seat if one is free, else the waiting list. Registering twice is one registration. */
export async function register(actor: MaybeActor, input: RegisterInput): Promise<{ status: 'confirmed' | 'waiting' | 'pending' }> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!actor.emailVerified) throw new DomainError('forbidden', 'dialogues:errors.verifyFirst');
  if (input.townId !== null && !isMemberOf(actor, input.townId)) throw new DomainError('forbidden', 'dialogues:errors.membersOnly');
  return sql.begin(async (tx) => {
    const event = await lockEvent(tx, input.eventId, input.townId);
    const [existing] = await tx`select status from dialogue_registrations where event_id = ${event.id} and user_id = ${actor.userId} and status <> 'cancelled'`;
    if (existing) return { status: existing.status };
    assertOpen(event);
    const id = await insertRegistration(tx, { eventId: event.id, userId: actor.userId, language: actor.language, answers: keptAnswers(event, input.answers), status: 'pending' });
    return { status: await seatOrWait(tx, event, id) };
  });
}

/**
 * A guest registers with name and address (where the organiser allows guests). Nothing is reserved until they
 * follow the mailed link; the answer is the same whether or not the address registered before, so the form
 * tells nobody who else comes.
 */
export async function registerGuest(_actor: MaybeActor, input: RegisterInput & { name: string; email: string; ip: string }): Promise<void> {
  const rule = dialogueThrottles.guestRegistrationPerIp(input.ip);
  await assertNotThrottled(sql, [rule], 'dialogues:errors.throttled');
  await sql.begin(async (tx) => {
    await recordAttempt(tx, [rule]);
    const event = await lockEvent(tx, input.eventId, input.townId);
    if (!event.guestsAllowed) throw new DomainError('forbidden', 'dialogues:errors.guestsNotAllowed');
    assertOpen(event);
    const [existing] = await tx`select id from dialogue_registrations where event_id = ${event.id} and lower(guest_email) = lower(${input.email}) and status <> 'cancelled'`;
    if (existing) return;
    const id = await insertRegistration(tx, {
      eventId: event.id, userId: null, guestName: input.name, guestEmail: input.email, language: input.language, answers: keptAnswers(event, input.answers), status: 'pending',
    });
    await sendRegistrationMail(tx, id, 'guestConfirm');
  });
}

async function registrationIdOfToken(token: string): Promise<number> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError('not_found', 'dialogues:errors.linkInvalid');
  const [row] = await sql`select registration_id from dialogue_registration_tokens where token_hash = ${hashToken(token)}`;
  if (!row) throw new DomainError('not_found', 'dialogues:errors.linkInvalid');
  return row.registrationId;
}

export interface RegistrationView {
  id: number;
  status: 'pending' | 'confirmed' | 'waiting' | 'cancelled';
  code: string;
  name: string;
  waitingPosition: number | null;
  checkedIn: boolean;
  event: { id: number; title: string; textLanguage: string; startsAt: Date; endsAt: Date; timeZone: string; status: string; path: string; joinUrl: string | null; venueName: string | null; venueAddress: string | null };
}

/** What the link in a registration's mail opens: the registration, with its code; the join link once seated. */
export async function registrationByToken(_actor: MaybeActor, input: { token: string; language?: string }): Promise<RegistrationView> {
  const id = await registrationIdOfToken(input.token);
  const [row] = await sql`
    select r.id, r.status, r.code, coalesce(u.display_name, r.guest_name) as name, r.checked_in_at is not null as checked_in,
           case when r.status = 'waiting' then (select count(*)::int from dialogue_registrations w where w.event_id = r.event_id and w.status = 'waiting'
                                                   and (w.waiting_since, w.id) <= (r.waiting_since, r.id)) end as waiting_position,
           e.id as event_id, e.title, e.default_language, e.translations, e.starts_at, e.ends_at, e.time_zone, e.status as event_status,
           e.join_url, e.venue_name, e.venue_address, m.slug as town_slug
      from dialogue_registrations r join dialogue_events e on e.id = r.event_id
      left join users u on u.id = r.user_id left join municipalities m on m.id = e.municipality_id
     where r.id = ${id}`;
  const translations = row.translations as EventTranslations;
  const textLanguage = pickLanguage({ defaultLanguage: row.defaultLanguage, translations }, input.language);
  return {
    id: row.id,
    status: row.status,
    code: row.code,
    name: row.name,
    waitingPosition: row.waitingPosition,
    checkedIn: row.checkedIn,
    event: {
      id: row.eventId,
      title: translations[textLanguage]?.title ?? row.title,
      textLanguage,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      timeZone: row.timeZone,
      status: row.eventStatus,
      path: eventPath({ id: row.eventId, townSlug: row.townSlug }),
      joinUrl: row.status === 'confirmed' && row.eventStatus === 'published' ? row.joinUrl : null,
      venueName: row.venueName,
      venueAddress: row.venueAddress,
    },
  };
}

/** A guest follows the mailed link and confirms: now they get a seat or a place on the waiting list. */
export async function confirmGuest(_actor: MaybeActor, input: { token: string }): Promise<{ status: 'confirmed' | 'waiting' }> {
  const id = await registrationIdOfToken(input.token);
  return sql.begin(async (tx) => {
    const [registration] = await tx`select event_id, status from dialogue_registrations where id = ${id}`;
    const event = await lockEventById(tx, registration.eventId);
    const [current] = await tx`select status from dialogue_registrations where id = ${id}`;
    if (current.status === 'confirmed' || current.status === 'waiting') return { status: current.status };
    if (current.status === 'cancelled') throw new DomainError('conflict', 'dialogues:errors.registrationCancelled');
    assertOpen(event);
    return { status: await seatOrWait(tx, event, id) };
  });
}

/** Cancels one registration; a freed seat goes to the first on the waiting list in the same transaction. */
async function cancel(tx: Tx, registrationId: number, eventId: number): Promise<void> {
  await lockEventById(tx, eventId);
  const [row] = await tx`
    update dialogue_registrations r set status = 'cancelled', cancelled_at = now()
      from (select id, status from dialogue_registrations where id = ${registrationId} for update) before
     where r.id = before.id and r.status <> 'cancelled'
     returning before.status as previous`;
  if (!row) return;
  await unscheduleReminders(tx, registrationId);
  const [event] = await tx`select municipality_id from dialogue_events where id = ${eventId}`;
  if (row.previous === 'confirmed') await promoteWaiting(tx, eventId);
  await countsChanged(tx, eventId, event.municipalityId);
}

/** The signed-in person cancels their registration (or leaves the waiting list). */
export async function cancelRegistration(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<void> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  await sql.begin(async (tx) => {
    const [row] = await tx`
      select r.id from dialogue_registrations r join dialogue_events e on e.id = r.event_id
       where r.event_id = ${input.eventId} and ${input.townId === null ? sql`e.municipality_id is null` : sql`e.municipality_id = ${input.townId}`}
         and r.user_id = ${actor.userId} and r.status <> 'cancelled'`;
    if (!row) throw new DomainError('not_found', 'dialogues:errors.noRegistration');
    await cancel(tx, row.id, input.eventId);
  });
}

/** Cancelling from the link in a mail, without signing in. */
export async function cancelByToken(_actor: MaybeActor, input: { token: string }): Promise<void> {
  const id = await registrationIdOfToken(input.token);
  await sql.begin(async (tx) => {
    const [row] = await tx`select event_id from dialogue_registrations where id = ${id}`;
    await cancel(tx, id, row.eventId);
  });
}

// ---------------------------------------------------------------------------------------------------------
// For organisers

function requireManagerOf(actor: MaybeActor, townId: number | null) {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!canManageEvents(actor, townId)) throw new DomainError('forbidden', 'dialogues:errors.notOrganiser');
  return actor;
}

export interface RegistrationCounts {
  confirmed: number;
  waiting: number;
  pending: number;
  checkedIn: number;
  capacity: number | null;
}

export async function registrationCounts(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<RegistrationCounts> {
  requireManagerOf(actor, input.townId);
  const [row] = await sql<RegistrationCounts[]>`
    select e.capacity,
           count(*) filter (where r.status = 'confirmed')::int as confirmed,
           count(*) filter (where r.status = 'waiting')::int as waiting,
           count(*) filter (where r.status = 'pending')::int as pending,
           count(*) filter (where r.checked_in_at is not null)::int as checked_in
      from dialogue_events e left join dialogue_registrations r on r.event_id = e.id
     where e.id = ${input.eventId} and ${input.townId === null ? sql`e.municipality_id is null` : sql`e.municipality_id = ${input.townId}`}
     group by e.id`;
  if (!row) throw new DomainError('not_found', 'dialogues:errors.notFound');
  return row;
}

export interface RegistrantRow {
  id: number;
  name: string;
  guest: boolean;
  status: string;
  waitingPosition: number | null;
  checkedInAt: Date | null;
  answers: Record<string, string> | null;
}

/** The organisers' list (with the answers to their questions, which nobody else sees). */
export async function listRegistrations(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<RegistrantRow[]> {
  requireManagerOf(actor, input.townId);
  return sql<RegistrantRow[]>`
    select r.id, coalesce(u.display_name, r.guest_name) as name, r.user_id is null as guest, r.status, r.checked_in_at, r.answers,
           case when r.status = 'waiting' then row_number() over (partition by r.status order by r.waiting_since, r.id)::int end as waiting_position
      from dialogue_registrations r join dialogue_events e on e.id = r.event_id left join users u on u.id = r.user_id
     where r.event_id = ${input.eventId} and ${input.townId === null ? sql`e.municipality_id is null` : sql`e.municipality_id = ${input.townId}`}
       and r.status <> 'cancelled'
     order by case r.status when 'confirmed' then 0 when 'waiting' then 1 else 2 end, r.waiting_since nulls first, r.id`;
}

export interface CheckInResult {
  name: string;
  code: string;
  checkedIn: number;
}

/**
 * Checks a code in at the door. Refused, each with its own message: a code of another event, one already
 * checked in (with the time), one on the waiting list or cancelled, and an unknown one.
 */
export async function checkIn(actor: MaybeActor, input: { townId: number | null; eventId: number; code: string }): Promise<CheckInResult> {
  const organiser = requireManagerOf(actor, input.townId);
  const code = normaliseCode(input.code);
  return sql.begin(async (tx) => {
    const event = await lockEvent(tx, input.eventId, input.townId);
    const [done] = await tx`
      update dialogue_registrations r set checked_in_at = now(), checked_in_by = ${organiser.userId}
        from (select id from dialogue_registrations where event_id = ${event.id} and code = ${code} and status = 'confirmed' and checked_in_at is null) hit
       where r.id = hit.id
       returning coalesce((select display_name from users where id = r.user_id), r.guest_name) as name`;
    if (!done) {
      const [found] = await tx`select event_id, status, checked_in_at from dialogue_registrations where code = ${code}`;
      if (!found) throw new DomainError('not_found', 'dialogues:errors.codeUnknown', {}, 'code');
      if (found.eventId !== event.id) throw new DomainError('conflict', 'dialogues:errors.codeOtherEvent', {}, 'code');
      if (found.checkedInAt) throw new DomainError('conflict', 'dialogues:errors.codeAlreadyCheckedIn', { time: utcToLocalDateTime(found.checkedInAt, event.timeZone).time }, 'code');
      throw new DomainError('conflict', found.status === 'waiting' ? 'dialogues:errors.codeWaiting' : 'dialogues:errors.codeNotConfirmed', {}, 'code');
    }
    const [{ n }] = await tx`select count(*)::int as n from dialogue_registrations where event_id = ${event.id} and checked_in_at is not null`;
    await countsChanged(tx, event.id, event.townId);
    return { name: done.name, code, checkedIn: n };
  });
}

/** The attendee list as CSV for the event's organisers: name, guest or member, status, check-in time (UTC). No answers. */
export async function attendeesCsv(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<string> {
  const rows = await listRegistrations(actor, input);
  const cell = (value: string) => {
    // Spreadsheet formula injection: a leading = + - @ would run as a formula.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [['name', 'guest', 'status', 'waiting_position', 'checked_in_at'].join(',')];
  for (const row of rows) {
    lines.push([cell(row.name ?? ''), row.guest ? 'yes' : 'no', row.status, row.waitingPosition ?? '', row.checkedInAt ? row.checkedInAt.toISOString() : ''].map(String).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * For the erasure of an account (decision 022), inside its transaction: the person's registrations for events
 * still ahead — as a member, or as a guest with their address — are cancelled as if they had cancelled them
 * (a freed seat goes to the waiting list); then all their registrations go, past ones included.
 */
export async function eraseRegistrationsOf(tx: Tx, person: { userId: string; email: string }): Promise<void> {
  const ahead = await tx`
    select r.id, r.event_id from dialogue_registrations r join dialogue_events e on e.id = r.event_id
     where (r.user_id = ${person.userId} or lower(r.guest_email) = lower(${person.email}))
       and r.status <> 'cancelled' and e.starts_at > now()
     order by r.event_id, r.id`;
  for (const row of ahead) await cancel(tx, Number(row.id), Number(row.eventId));
  await tx`delete from dialogue_registrations where user_id = ${person.userId} or lower(guest_email) = lower(${person.email})`;
}
