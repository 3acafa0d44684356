/**
 * Dialogue events: scheduling by a town's organisers (or, for the whole network, by the network team),
 * publishing, cancelling, and reading them — lists with filters, the month calendar, one event's page and the
 * calendar files. One readability rule (`readable`): a draft exists only for those who may manage it;
 * for everyone else it is "not found", like an event of another town.
 */
import { sql, type Db, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { type MaybeActor } from '#app/domain/auth/permissions';
import { settings } from '#app/env.server';
import { validateDocument, documentText, type RichTextDoc } from '#app/editor/validate';
import { plainTextToDocument } from '#app/editor/plain-text';
import { threadReadable } from '#app/domain/forums/visibility.server';
import { sniffFiles } from '#app/domain/files.server';
import { renderDocument } from '#app/editor/render.server';
import { canManageEvents, organisedTowns } from './access';
import { eventIcs, networkFeedIcs, townFeedIcs } from './calendar.server';
import { calendarColumns, calendarHost, calendarInput, type CalendarRow } from './ics.server';
import { eventPath, pickLanguage } from './texts';
import { assertEndsAfterStart, DEFAULT_TIME_ZONE, hasStarted, localDateTimeToUtc, utcToLocalDateTime } from './time';
import { ATTACHMENT_TYPES, EVENT_LANGUAGES, MAX_ATTACHMENTS, MAX_QUESTIONS, type DocumentationInput, type EventFilters, type EventFormInput } from './schemas';
import type { EventDetail, EventFormValues, EventSummary, MyRegistration } from './types';
import { afterCancellation, afterCapacityChange, scheduleReminders } from './waiting-list.server';

export { eventPath };

interface TownFacts {
  id: number | null;
  slug: string | null;
  timeZone: string;
  defaultLanguage: string;
  languages: string[];
}

const NETWORK: TownFacts = { id: null, slug: null, timeZone: DEFAULT_TIME_ZONE, defaultLanguage: 'de', languages: [...EVENT_LANGUAGES] };

async function townFacts(db: Db, townId: number | null): Promise<TownFacts> {
  if (townId === null) return NETWORK;
  const [town] = await db<TownFacts[]>`select id, slug, time_zone, default_language, languages from municipalities where id = ${townId}`;
  if (!town) throw new DomainError('not_found', 'towns:errors.notFound');
  return town;
}

function requireManager(actor: MaybeActor, townId: number | null) {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!canManageEvents(actor, townId)) throw new DomainError('forbidden', 'dialogues:errors.notOrganiser');
  return actor;
}

/** The one readability rule: published and cancelled events for everyone, drafts for those who manage them. */
function readable(actor: MaybeActor) {
  return sql`(e.status <> 'draft' or (e.municipality_id is null and ${actor?.isNetworkTeam ?? false}) or e.municipality_id = any(${organisedTowns(actor)}::bigint[]))`;
}

/** Where an event belongs: a town's events (`townId`) or the network's (`null`). */
const scope = (townId: number | null) => (townId === null ? sql`e.municipality_id is null` : sql`e.municipality_id = ${townId}`);

// ---------------------------------------------------------------------------------------------------------
// Writing

interface ComposedText {
  doc: RichTextDoc;
  html: string;
  text: string;
}

function composeDescription(json: string | undefined, plain: string | undefined, field: string): ComposedText {
  let raw: unknown;
  if (json) {
    try {
      raw = JSON.parse(json);
    } catch {
      throw new DomainError('invalid', 'editor:errors.invalid', {}, field);
    }
  } else raw = plainTextToDocument(plain ?? '');
  const result = validateDocument(raw);
  if (!result.ok) throw new DomainError('invalid', result.error, {}, field);
  return { doc: result.doc, html: renderDocument(result.doc), text: result.text };
}

interface StoredEvent {
  format: string;
  mode: string;
  defaultLanguage: string;
  title: string;
  description: ComposedText;
  translations: Record<string, { title: string; descriptionDoc: RichTextDoc | null; descriptionHtml: string | null; descriptionText: string | null }>;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  joinUrl: string | null;
  languages: string[];
  interpretation: string[];
  accessibility: string[];
  capacity: number | null;
  registrationDeadline: Date | null;
  guestsAllowed: boolean;
  questions: string[];
}

/** The form's values checked against the event's rules and turned into what is stored. */
function eventFromForm(town: TownFacts, input: EventFormInput): StoredEvent {
  if (input.format === 'network_review' && town.id !== null) throw new DomainError('invalid', 'dialogues:errors.networkFormatOnly', {}, 'format');
  const zone = town.timeZone;
  const startsAt = localDateTimeToUtc({ date: input.startDate, time: input.startTime }, zone, 'startTime');
  const endsAt = localDateTimeToUtc({ date: input.endDate ?? input.startDate, time: input.endTime }, zone, 'endTime');
  assertEndsAfterStart(startsAt, endsAt, 'endTime');
  let registrationDeadline: Date | null = null;
  if (input.deadlineDate || input.deadlineTime) {
    if (!input.deadlineDate) throw new DomainError('invalid', 'dialogues:errors.dateRequired', {}, 'deadlineDate');
    if (!input.deadlineTime) throw new DomainError('invalid', 'dialogues:errors.timeRequired', {}, 'deadlineTime');
    registrationDeadline = localDateTimeToUtc({ date: input.deadlineDate, time: input.deadlineTime }, zone, 'deadlineTime');
    if (registrationDeadline.getTime() > startsAt.getTime()) throw new DomainError('invalid', 'dialogues:errors.deadlineAfterStart', {}, 'deadlineTime');
  }
  const inPerson = input.mode !== 'online';
  const online = input.mode !== 'in_person';
  if (inPerson && !input.venueAddress) throw new DomainError('invalid', 'dialogues:errors.addressRequired', {}, 'venueAddress');
  if (online && !input.joinUrl) throw new DomainError('invalid', 'dialogues:errors.joinUrlRequired', {}, 'joinUrl');
  const questions = (input.questions ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (questions.length > MAX_QUESTIONS) throw new DomainError('invalid', 'dialogues:errors.tooManyQuestions', { max: MAX_QUESTIONS }, 'questions');
  if (questions.some((question) => question.length > 300)) throw new DomainError('invalid', 'dialogues:errors.tooLong', {}, 'questions');

  const translations: StoredEvent['translations'] = {};
  for (const [language, value] of Object.entries(input.translations ?? {})) {
    if (language === town.defaultLanguage || !value.title && !value.descriptionText) continue;
    if (!town.languages.includes(language)) throw new DomainError('invalid', 'dialogues:errors.languageNotOffered', {}, `translations.${language}.title`);
    if (!value.title) throw new DomainError('invalid', 'dialogues:errors.titleRequired', {}, `translations.${language}.title`);
    const description = value.descriptionText ? composeDescription(undefined, value.descriptionText, `translations.${language}.descriptionText`) : null;
    translations[language] = { title: value.title, descriptionDoc: description?.doc ?? null, descriptionHtml: description?.html ?? null, descriptionText: description?.text ?? null };
  }
  return {
    format: input.format,
    mode: input.mode,
    defaultLanguage: town.defaultLanguage,
    title: input.title,
    description: composeDescription(input.description, input.descriptionText, input.description ? 'description' : 'descriptionText'),
    translations,
    startsAt,
    endsAt,
    timeZone: zone,
    venueName: inPerson ? (input.venueName ?? null) : null,
    venueAddress: inPerson ? (input.venueAddress ?? null) : null,
    joinUrl: online ? (input.joinUrl ?? null) : null,
    languages: input.languages,
    interpretation: input.interpretation,
    accessibility: input.accessibility,
    capacity: input.capacity ?? null,
    registrationDeadline,
    guestsAllowed: input.guestsAllowed,
    questions,
  };
}

/** A new event, as a draft: nobody but its organisers sees it until it is published. */
export async function createEvent(actor: MaybeActor, input: EventFormInput & { townId: number | null }): Promise<{ id: number; path: string }> {
  const organiser = requireManager(actor, input.townId);
  const town = await townFacts(sql, input.townId);
  const event = eventFromForm(town, input);
  const [row] = await sql`
    insert into dialogue_events (municipality_id, created_by, format, mode, default_language, title, description_doc, description_html,
                                 description_text, translations, starts_at, ends_at, time_zone, venue_name, venue_address, join_url,
                                 languages, interpretation, accessibility, capacity, registration_deadline, guests_allowed, questions)
    values (${town.id}, ${organiser.userId}, ${event.format}, ${event.mode}, ${event.defaultLanguage}, ${event.title},
            ${sql.json(event.description.doc as never)}, ${event.description.html}, ${event.description.text}, ${sql.json(event.translations as never)},
            ${event.startsAt}, ${event.endsAt}, ${event.timeZone}, ${event.venueName}, ${event.venueAddress}, ${event.joinUrl},
            ${event.languages}, ${event.interpretation}, ${event.accessibility}, ${event.capacity}, ${event.registrationDeadline},
            ${event.guestsAllowed}, ${event.questions})
    returning id`;
  return { id: row.id, path: eventPath({ id: row.id, townSlug: town.slug }) };
}

/** The event row of a manager's write, locked; "not found" when it is not in this scope. */
async function lockManaged(tx: Tx, actor: MaybeActor, eventId: number, townId: number | null) {
  requireManager(actor, townId);
  const [row] = await tx`select id, status, capacity, starts_at from dialogue_events e where e.id = ${eventId} and ${scope(townId)} for update`;
  if (!row) throw new DomainError('not_found', 'dialogues:errors.notFound');
  return row as { id: number; status: string; capacity: number | null; startsAt: Date };
}

export async function updateEvent(actor: MaybeActor, input: EventFormInput & { townId: number | null; eventId: number }): Promise<{ path: string }> {
  const town = await townFacts(sql, input.townId);
  const event = eventFromForm(town, input);
  await sql.begin(async (tx) => {
    const current = await lockManaged(tx, actor, input.eventId, input.townId);
    if (current.status === 'cancelled') throw new DomainError('conflict', 'dialogues:errors.cancelled');
    await tx`
      update dialogue_events set format = ${event.format}, mode = ${event.mode}, title = ${event.title},
             description_doc = ${tx.json(event.description.doc as never)}, description_html = ${event.description.html},
             description_text = ${event.description.text}, translations = ${tx.json(event.translations as never)},
             starts_at = ${event.startsAt}, ends_at = ${event.endsAt}, time_zone = ${event.timeZone}, venue_name = ${event.venueName},
             venue_address = ${event.venueAddress}, join_url = ${event.joinUrl}, languages = ${event.languages},
             interpretation = ${event.interpretation}, accessibility = ${event.accessibility}, capacity = ${event.capacity},
             registration_deadline = ${event.registrationDeadline}, guests_allowed = ${event.guestsAllowed}, questions = ${event.questions},
             sequence = sequence + 1, updated_at = now()
       where id = ${input.eventId}`;
    // A new time moves the reminders (their job keys replace the pending ones), and those already sent for the
    // old time are due again; more seats move the waiting list up.
    if (current.startsAt.getTime() !== event.startsAt.getTime()) {
      await tx`update dialogue_registrations set reminded_24h_at = null, reminded_1h_at = null where event_id = ${input.eventId}`;
    }
    for (const row of await tx`select id from dialogue_registrations where event_id = ${input.eventId} and status = 'confirmed'`) {
      await scheduleReminders(tx, row.id, event.startsAt);
    }
    await afterCapacityChange(tx, input.eventId);
  });
  return { path: eventPath({ id: input.eventId, townSlug: town.slug }) };
}

export async function publishEvent(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<void> {
  await sql.begin(async (tx) => {
    const current = await lockManaged(tx, actor, input.eventId, input.townId);
    if (current.status !== 'draft') throw new DomainError('conflict', 'dialogues:errors.notDraft');
    await tx`update dialogue_events set status = 'published', published_at = now(), updated_at = now(), sequence = sequence + 1 where id = ${input.eventId}`;
  });
}

/** Cancelling is final; everyone registered (and waiting) is told by mail and in the app. */
export async function cancelEvent(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<void> {
  await sql.begin(async (tx) => {
    const current = await lockManaged(tx, actor, input.eventId, input.townId);
    if (current.status === 'cancelled') return;
    await tx`update dialogue_events set status = 'cancelled', cancelled_at = now(), updated_at = now(), sequence = sequence + 1 where id = ${input.eventId}`;
    await afterCancellation(tx, input.eventId);
  });
}

/** An optional rich text: the editor's JSON, or the plain textarea, or nothing at all. */
function optionalRichText(json: string | undefined, plain: string | undefined, field: string): ComposedText | null {
  if (!json && !plain?.trim()) return null;
  if (json) {
    try {
      const parsed = validateDocument(JSON.parse(json));
      if (!parsed.ok && parsed.error === 'editor:errors.empty') return null;
    } catch {
      // composeDescription says what is wrong with it
    }
  }
  return composeDescription(json, plain, field);
}

/**
 * Documentation after the event (from its start on): summary and outcomes as rich text, a recording link.
 * Saving it again replaces it; empty fields clear it.
 */
export async function documentEvent(actor: MaybeActor, input: DocumentationInput & { townId: number | null; eventId: number }): Promise<void> {
  const summary = optionalRichText(input.summary, input.summaryText, input.summary ? 'summary' : 'summaryText');
  const outcomes = optionalRichText(input.outcomes, input.outcomesText, input.outcomes ? 'outcomes' : 'outcomesText');
  // What the files are comes from their bytes; a text file named .pdf is refused beside the field.
  const files = await sniffFiles(input.attachments ?? [], ATTACHMENT_TYPES, 'attachments');
  const threadId = input.followUpThread ? Number(/(?:threads\/)?(\d{1,15})\/?(?:[?#].*)?$/.exec(input.followUpThread.trim())?.[1] ?? 0) : null;
  await sql.begin(async (tx) => {
    await lockManaged(tx, actor, input.eventId, input.townId);
    if (threadId !== null) {
      // A thread everyone may read (not held for review), of the event's town; a network event may point at any town's.
      const [thread] = await tx`select t.id from threads t where t.id = ${threadId} and ${threadReadable(null)}
                                  and ${input.townId === null ? sql`true` : sql`t.municipality_id = ${input.townId}`}`;
      if (!thread) throw new DomainError('invalid', 'dialogues:errors.threadNotFound', {}, 'followUpThread');
    }
    const [event] = await tx`select status, starts_at from dialogue_events where id = ${input.eventId}`;
    if (event.status !== 'published' || !hasStarted(event as { startsAt: Date })) throw new DomainError('conflict', 'dialogues:errors.notYetHeld');
    await tx`
      update dialogue_events set
        summary_doc = ${summary ? tx.json(summary.doc as never) : null}, summary_html = ${summary?.html ?? null}, summary_text = ${summary?.text ?? null},
        outcomes_doc = ${outcomes ? tx.json(outcomes.doc as never) : null}, outcomes_html = ${outcomes?.html ?? null}, outcomes_text = ${outcomes?.text ?? null},
        recording_url = ${input.recordingUrl ?? null}, followup_thread_id = ${threadId},
        updated_at = now()
       where id = ${input.eventId}`;
    if (input.removeAttachments?.length) await tx`delete from dialogue_attachments where event_id = ${input.eventId} and id = any(${input.removeAttachments}::bigint[])`;
    const [{ stored }] = await tx`select count(*)::int as stored from dialogue_attachments where event_id = ${input.eventId}`;
    if (stored + files.length > MAX_ATTACHMENTS) throw new DomainError('invalid', 'dialogues:errors.tooManyAttachments', { max: MAX_ATTACHMENTS }, 'attachments');
    for (const file of files) {
      await tx`insert into dialogue_attachments (event_id, name, media_type, size, bytes, uploaded_by)
               values (${input.eventId}, ${file.name}, ${file.mediaType}, ${file.bytes.length}, ${file.bytes}, ${actor!.userId})`;
    }
    const documented = summary || outcomes || input.recordingUrl || threadId || stored + files.length > 0;
    await tx`update dialogue_events set documented_at = ${documented ? sql`coalesce(documented_at, now())` : null} where id = ${input.eventId}`;
  });
}

export interface EventDocumentation {
  summaryHtml: string | null;
  summaryDoc: unknown;
  summaryText: string;
  outcomesHtml: string | null;
  outcomesDoc: unknown;
  outcomesText: string;
  recordingUrl: string | null;
  documentedAt: Date | null;
  attended: number;
  registered: number;
  /** The follow-up thread, while the reader may read it. */
  followUp: { title: string; path: string } | null;
  attachments: { id: number; name: string; mediaType: string; size: number }[];
}

/** What the event page shows after the event (attendance as counts only), and what the form edits. */
export async function getDocumentation(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<EventDocumentation> {
  await readEvent(actor, input);
  const [row] = await sql`
    select e.summary_html, e.summary_doc, coalesce(e.summary_text, '') as summary_text, e.outcomes_html, e.outcomes_doc,
           coalesce(e.outcomes_text, '') as outcomes_text, e.recording_url, e.documented_at,
           (select count(*)::int from dialogue_registrations r where r.event_id = e.id and r.checked_in_at is not null) as attended,
           (select count(*)::int from dialogue_registrations r where r.event_id = e.id and r.status = 'confirmed') as registered,
           t.id as thread_id, t.title as thread_title, tm.slug as thread_town
      from dialogue_events e
      left join threads t on t.id = e.followup_thread_id and ${threadReadable(actor)}
      left join municipalities tm on tm.id = t.municipality_id
     where e.id = ${input.eventId}`;
  const { threadId, threadTitle, threadTown, ...documentation } = row;
  const attachments = await sql<EventDocumentation['attachments']>`select id, name, media_type, size from dialogue_attachments where event_id = ${input.eventId} order by id`;
  return {
    ...(documentation as Omit<EventDocumentation, 'followUp' | 'attachments'>),
    followUp: threadId ? { title: threadTitle, path: `/towns/${threadTown}/threads/${threadId}` } : null,
    attachments,
  };
}

/** One documenting file, for whoever may read the event. */
export async function getAttachment(actor: MaybeActor, input: { townId: number | null; eventId: number; attachmentId: number }): Promise<{ name: string; mediaType: string; bytes: Buffer }> {
  await readEvent(actor, input);
  const [file] = await sql`select name, media_type, bytes from dialogue_attachments where id = ${input.attachmentId} and event_id = ${input.eventId}`;
  if (!file) throw new DomainError('not_found', 'dialogues:errors.notFound');
  return file as { name: string; mediaType: string; bytes: Buffer };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

const summaryColumns = () => sql`
  e.id, e.municipality_id as town_id, m.slug as town_slug, m.name as town_name, e.status, e.format, e.mode,
  e.title, e.default_language, e.translations, e.starts_at, e.ends_at, e.time_zone, e.venue_name, e.venue_address,
  e.languages, e.interpretation, e.accessibility, e.capacity, e.registration_deadline, e.guests_allowed,
  (select count(*)::int from dialogue_registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed_count,
  (select count(*)::int from dialogue_registrations r where r.event_id = e.id and r.status = 'waiting') as waiting_count`;

type SummaryRow = Omit<EventSummary, 'textLanguage' | 'path'> & {
  defaultLanguage: string;
  translations: Record<string, { title: string; descriptionHtml: string | null; descriptionText: string | null }>;
};

function toSummary(row: SummaryRow, language: string | undefined): EventSummary {
  const textLanguage = pickLanguage(row, language);
  const { defaultLanguage: _default, translations, ...rest } = row;
  return {
    ...rest,
    title: translations[textLanguage]?.title ?? row.title,
    textLanguage,
    path: eventPath({ id: row.id, townSlug: row.townSlug }),
  };
}

function filterClauses(filters: EventFilters) {
  return sql`
    ${filters.format ? sql`and e.format = ${filters.format}` : sql``}
    ${filters.language ? sql`and (${filters.language} = any(e.languages) or ${filters.language} = any(e.interpretation))` : sql``}
    ${filters.online === 'online' ? sql`and e.mode <> 'in_person'` : filters.online === 'in_person' ? sql`and e.mode <> 'online'` : sql``}
    ${filters.accessibility ? sql`and ${filters.accessibility} = any(e.accessibility)` : sql``}`;
}

export interface ListInput {
  /** A town's list also shows the network's events; `null` lists the network's only. */
  townId: number | null;
  language?: string;
  filters?: EventFilters;
  /** Upcoming (not yet ended) events unless a range is given. */
  from?: Date;
  to?: Date;
  limit?: number;
}

export async function listEvents(actor: MaybeActor, input: ListInput): Promise<EventSummary[]> {
  const where = input.townId === null ? sql`e.municipality_id is null` : sql`(e.municipality_id = ${input.townId} or e.municipality_id is null)`;
  const past = !input.from && !input.to && input.filters?.when === 'past';
  const range = input.from || input.to
    ? sql`and e.ends_at > ${input.from ?? new Date(0)} and e.starts_at < ${input.to ?? new Date(8.64e15)}`
    : past
      ? sql`and e.ends_at <= now()`
      : sql`and e.ends_at > now()`;
  const rows = await sql<SummaryRow[]>`
    select ${summaryColumns()}
      from dialogue_events e left join municipalities m on m.id = e.municipality_id
     where ${where} and ${readable(actor)} ${range} ${filterClauses(input.filters ?? {})}
     order by ${past ? sql`e.starts_at desc, e.id desc` : sql`e.starts_at, e.id`}
     limit ${Math.min(input.limit ?? 200, 500)}`;
  return rows.map((row) => toSummary(row, input.language));
}

/** The events of one month of the town's calendar (wall-clock month in the town's zone). */
export async function listMonth(actor: MaybeActor, input: { townId: number | null; month: string; language?: string; filters?: EventFilters }) {
  const town = await townFacts(sql, input.townId);
  const [year, month] = input.month.split('-').map(Number);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const from = localDateTimeToUtc({ date: `${input.month}-01`, time: '00:00' }, town.timeZone);
  const to = localDateTimeToUtc({ date: `${next}-01`, time: '00:00' }, town.timeZone);
  const events = await listEvents(actor, { townId: input.townId, language: input.language, filters: input.filters, from, to });
  return { timeZone: town.timeZone, events };
}

type DetailRow = SummaryRow & {
  descriptionHtml: string;
  questions: string[];
  joinUrl: string | null;
  checkedInCount: number;
};

async function readEvent(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<DetailRow> {
  const [row] = await sql<DetailRow[]>`
    select ${summaryColumns()}, e.description_html, e.questions, e.join_url,
           (select count(*)::int from dialogue_registrations r where r.event_id = e.id and r.checked_in_at is not null) as checked_in_count
      from dialogue_events e left join municipalities m on m.id = e.municipality_id
     where e.id = ${input.eventId} and ${scope(input.townId)} and ${readable(actor)}`;
  if (!row) throw new DomainError('not_found', 'dialogues:errors.notFound');
  return row;
}

/** The signed-in person's live registration for an event, with their place on the waiting list. */
export async function myRegistration(db: Db, actor: MaybeActor, eventId: number): Promise<MyRegistration | null> {
  if (!actor) return null;
  const [row] = await db<MyRegistration[]>`
    select r.id, r.status, r.code, r.checked_in_at is not null as checked_in,
           case when r.status = 'waiting' then (select count(*)::int from dialogue_registrations w
                                                 where w.event_id = r.event_id and w.status = 'waiting'
                                                   and (w.waiting_since, w.id) <= (r.waiting_since, r.id)) end as waiting_position
      from dialogue_registrations r
     where r.event_id = ${eventId} and r.user_id = ${actor.userId} and r.status <> 'cancelled'`;
  return row ?? null;
}

/** One event's page. The join link is in it only for a confirmed registrant and the event's organisers. */
export async function getEvent(actor: MaybeActor, input: { townId: number | null; eventId: number; language?: string }): Promise<EventDetail> {
  const row = await readEvent(actor, input);
  const summary = toSummary(row, input.language);
  const canManage = canManageEvents(actor, row.townId);
  const registration = await myRegistration(sql, actor, row.id);
  const translation = row.translations[summary.textLanguage];
  return {
    ...summary,
    descriptionHtml: translation?.descriptionHtml ?? row.descriptionHtml,
    questions: row.questions,
    joinUrl: canManage || registration?.status === 'confirmed' ? row.joinUrl : null,
    canManage,
    registration,
    checkedInCount: canManage ? row.checkedInCount : 0,
  };
}

/** The stored event in the organiser form's shape (times as the town's wall clock). */
export async function getEventForEditing(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<EventFormValues & { status: string }> {
  requireManager(actor, input.townId);
  const [row] = await sql`select * from dialogue_events e where e.id = ${input.eventId} and ${scope(input.townId)}`;
  if (!row) throw new DomainError('not_found', 'dialogues:errors.notFound');
  const start = utcToLocalDateTime(row.startsAt, row.timeZone);
  const end = utcToLocalDateTime(row.endsAt, row.timeZone);
  const deadline = row.registrationDeadline ? utcToLocalDateTime(row.registrationDeadline, row.timeZone) : null;
  const translations = row.translations as StoredEvent['translations'];
  return {
    status: row.status,
    format: row.format,
    mode: row.mode,
    title: row.title,
    descriptionDoc: row.descriptionDoc,
    descriptionText: row.descriptionText,
    translations: Object.fromEntries(Object.entries(translations).map(([language, value]) => [language, { title: value.title, descriptionText: value.descriptionDoc ? documentText(value.descriptionDoc) : '' }])),
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    venueName: row.venueName ?? '',
    venueAddress: row.venueAddress ?? '',
    joinUrl: row.joinUrl ?? '',
    languages: row.languages,
    interpretation: row.interpretation,
    accessibility: row.accessibility,
    capacity: row.capacity ? String(row.capacity) : '',
    deadlineDate: deadline?.date ?? '',
    deadlineTime: deadline?.time ?? '',
    guestsAllowed: row.guestsAllowed,
    questions: row.questions.join('\n'),
  };
}

/** A town's facts a form needs: its zone and the languages texts may be given in. */
export async function eventTownFacts(_actor: MaybeActor, input: { townId: number | null }) {
  const town = await townFacts(sql, input.townId);
  return { timeZone: town.timeZone, defaultLanguage: town.defaultLanguage, languages: town.languages };
}

// ---------------------------------------------------------------------------------------------------------
// Calendar files

/** One event's `.ics`: with the join link only for a confirmed registrant (or the organisers). */
export async function eventCalendar(actor: MaybeActor, input: { townId: number | null; eventId: number; language: string }): Promise<string> {
  const [row] = await sql<CalendarRow[]>`
    select ${calendarColumns()} from dialogue_events e left join municipalities m on m.id = e.municipality_id
     where e.id = ${input.eventId} and ${scope(input.townId)} and ${readable(actor)}`;
  if (!row) throw new DomainError('not_found', 'dialogues:errors.notFound');
  const registration = await myRegistration(sql, actor, input.eventId);
  const registrant = registration?.status === 'confirmed' || canManageEvents(actor, row.townId);
  return eventIcs(calendarInput(row, input.language), registrant ? 'registrant' : 'public', { host: calendarHost() });
}

/** A town's (or with `townId: null`, the network's) public feed: published and cancelled events from 30 days back. */
export async function feedCalendar(_actor: MaybeActor, input: { townId: number | null; language: string; name: string }): Promise<string> {
  const town = await townFacts(sql, input.townId);
  const where = input.townId === null ? sql`e.municipality_id is null` : sql`(e.municipality_id = ${input.townId} or e.municipality_id is null)`;
  const rows = await sql<CalendarRow[]>`
    select ${calendarColumns()} from dialogue_events e left join municipalities m on m.id = e.municipality_id
     where ${where} and e.status <> 'draft' and e.ends_at > now() - interval '30 days'
     order by e.starts_at limit 1000`;
  const events = rows.map((row) => calendarInput(row, input.language));
  const path = input.townId === null ? '/network/events' : `/towns/${town.slug}/events`;
  const options = { host: calendarHost(), name: input.name, url: new URL(path, settings().publicOrigin).href };
  return input.townId === null ? networkFeedIcs(events, options) : townFeedIcs(town, events, options);
}
