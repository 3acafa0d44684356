/**
 * Live Q&A of a dialogue event. Whoever may read the event reads its questions; the participants ask and
 * upvote: members of the event's town (for a network event: anyone with a confirmed address), and, where a
 * town's event admits guests, guests with a confirmed registration (known by its mailed link, decision 024).
 * The event's organisers and the town's moderators mark questions live (one at a time), answered or hidden.
 * A town's watched words apply as in its forums: a blocking word refuses the question, a holding or flagging
 * one sends it to the moderators first ("held"); reports go to a town's moderation queue
 * (app/domain/moderation/reports.server.ts). Anonymous questions show no name to other participants;
 * moderators still see who asked.
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { canModerate, isMemberOf, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import { publish } from '#app/domain/bus.server';
import { screenEdit } from '#app/domain/moderation/screening.server';
import { canManageEvents, organisedTowns } from './access';
import { dialogueThrottles } from './throttles.server';
import { assertNotThrottled, recordAttempt } from '#app/domain/auth/throttle.server';
import { hashToken } from '#app/domain/auth/tokens.server';
import { eventPath } from './texts';
import type { QuestionStatus } from './schemas';
import type { QuestionView } from './types';

export type { QuestionView };

export interface QuestionsView {
  questions: QuestionView[];
  canAsk: boolean;
  /** taking part by a guest link, not an account */
  asGuest: boolean;
  canModerate: boolean;
}

const scope = (townId: number | null) => (townId === null ? sql`e.municipality_id is null` : sql`e.municipality_id = ${townId}`);

interface QaEvent {
  id: number;
  municipalityId: number | null;
  status: string;
  guestsAllowed: boolean;
}

/** What every Q&A function is given: the event, and the guest link the browser carries for it, if any. */
export interface QaInput {
  townId: number | null;
  eventId: number;
  guestToken?: string | null;
}

/** The event as the reader may see it (the readability rule of events.server.ts: drafts for organisers only). */
async function readableEvent(actor: MaybeActor, townId: number | null, eventId: number): Promise<QaEvent> {
  const [event] = await sql`
    select e.id, e.municipality_id, e.status, e.guests_allowed from dialogue_events e
     where e.id = ${eventId} and ${scope(townId)}
       and (e.status <> 'draft' or (e.municipality_id is null and ${actor?.isNetworkTeam ?? false}) or e.municipality_id = any(${organisedTowns(actor)}::bigint[]))`;
  if (!event) throw new DomainError('not_found', 'dialogues:errors.notFound');
  return event as QaEvent;
}

const mayModerate = (actor: MaybeActor, townId: number | null) => canManageEvents(actor, townId) || (townId !== null && canModerate(actor, townId));
const isMemberParticipant = (actor: MaybeActor, townId: number | null): actor is Actor => !!actor && actor.emailVerified && (townId === null || isMemberOf(actor, townId));

/** Who asks and votes: a member by their account, or a guest by their confirmed registration. */
type Participant = { kind: 'member'; actor: Actor } | { kind: 'guest'; registrationId: number };

/**
 * The one rule of who takes part. A guest takes part only where a town's event admits guests (a network
 * event has no town whose rules would apply to someone without an account), with a confirmed registration.
 */
async function participantOf(actor: MaybeActor, event: QaEvent, guestToken: string | null | undefined): Promise<Participant | null> {
  if (isMemberParticipant(actor, event.municipalityId)) return { kind: 'member', actor };
  if (!guestToken || !event.guestsAllowed || event.municipalityId === null || !/^[A-Za-z0-9_-]{20,100}$/.test(guestToken)) return null;
  const [registration] = await sql`
    select r.id from dialogue_registration_tokens k join dialogue_registrations r on r.id = k.registration_id
     where k.token_hash = ${hashToken(guestToken)} and r.event_id = ${event.id} and r.user_id is null and r.status = 'confirmed'`;
  return registration ? { kind: 'guest', registrationId: Number(registration.id) } : null;
}

/** The participant's columns in questions and votes; a value that matches nothing for the other kind. */
const whoIs = (participant: Participant | null, actor: MaybeActor) => ({
  userId: participant?.kind === 'member' ? participant.actor.userId : (actor?.userId ?? ''),
  guestId: participant?.kind === 'guest' ? participant.registrationId : 0,
});

/**
 * Where a guest's link lets them into an event's Q&A: the questions page, or null. For the registration
 * page, which offers the way in, and which sets the browser's guest link for that event.
 */
export async function guestQaAccess(_actor: MaybeActor, input: { token: string }): Promise<{ eventId: number; questionsPath: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(input.token)) return null;
  const [row] = await sql`
    select e.id, e.municipality_id, e.status, e.guests_allowed, m.slug as town_slug
      from dialogue_registration_tokens k join dialogue_registrations r on r.id = k.registration_id
      join dialogue_events e on e.id = r.event_id left join municipalities m on m.id = e.municipality_id
     where k.token_hash = ${hashToken(input.token)}`;
  if (!row || row.status !== 'published') return null;
  const event: QaEvent = { id: Number(row.id), municipalityId: row.municipalityId, status: row.status, guestsAllowed: row.guestsAllowed };
  if (!(await participantOf(null, event, input.token))) return null;
  return { eventId: event.id, questionsPath: `${eventPath({ id: event.id, townSlug: row.townSlug })}/questions` };
}

export async function listQuestions(actor: MaybeActor, input: QaInput): Promise<QuestionsView> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  const moderator = mayModerate(actor, event.municipalityId);
  const participant = await participantOf(actor, event, input.guestToken);
  const me = whoIs(participant, actor);
  const rows = await sql`
    select q.id, q.body, q.anonymous, q.status, q.author_id, q.guest_registration_id, coalesce(u.display_name, g.guest_name) as display_name,
           (select count(*)::int from dialogue_question_votes v where v.question_id = q.id) as votes,
           exists (select 1 from dialogue_question_votes v where v.question_id = q.id and (v.user_id = ${me.userId} or v.guest_registration_id = ${me.guestId})) as voted_by_me,
           ${questionTownSql()} is not null as has_queue
      from dialogue_questions q join dialogue_events e on e.id = q.event_id
      left join users u on u.id = q.author_id left join dialogue_registrations g on g.id = q.guest_registration_id
     where q.event_id = ${event.id}
       and (q.status in ('open', 'live', 'answered') or ${moderator}
            or (q.status = 'held' and (q.author_id = ${me.userId} or q.guest_registration_id = ${me.guestId})))
     order by case q.status when 'live' then 0 when 'open' then 1 when 'held' then 2 when 'answered' then 3 else 4 end, votes desc, q.id`;
  return {
    questions: rows.map((row) => {
      const mine = (!!me.userId && row.authorId === me.userId) || (!!me.guestId && Number(row.guestRegistrationId) === me.guestId);
      return {
        id: Number(row.id),
        body: row.body,
        authorName: row.anonymous && !moderator ? null : (row.displayName ?? null),
        anonymous: row.anonymous,
        status: row.status,
        votes: row.votes,
        votedByMe: row.votedByMe,
        mine,
        byGuest: row.guestRegistrationId !== null,
        reportable: !mine && !moderator && row.hasQueue && ['open', 'live', 'answered'].includes(row.status),
      };
    }),
    canAsk: event.status === 'published' && participant !== null,
    asGuest: participant?.kind === 'guest',
    canModerate: moderator,
  };
}

/**
 * SQL (over a question `q` and its event `e`) for the town whose moderation queue the question's reports go
 * to: the event's town; at a network event, which has no queue of its own, the asker's first town (their
 * towns' watched words and sanctions apply there too). Null when there is none (the asker's account is gone).
 */
export const questionTownSql = () => sql`
  coalesce(e.municipality_id, (select min(ms.municipality_id) from memberships ms where ms.user_id = q.author_id))`;

const changed = (tx: Tx, eventId: number) => publish(tx, { type: 'dialogue:questions-changed', eventId });

/**
 * A town's watched words and sanctions, as for an edited post: a block refuses, a hold or flag holds. A
 * network event belongs to no town: there the asker's own towns' lists and sanctions apply, so that a word a
 * town refuses, or a suspension, is not sidestepped by asking in the network's Q&A. A guest has no sanctions
 * to check; the town's list applies to them. Returns the pattern that holds the question, if any.
 */
async function screenQuestion(tx: Tx, participant: Participant, townId: number | null, body: string): Promise<string | null> {
  const actor = participant.kind === 'member' ? participant.actor : null;
  const towns = townId !== null ? [townId] : Object.keys(actor?.roles ?? {}).map(Number);
  let flagged: string | null = null;
  for (const town of towns) flagged ??= (await screenEdit(tx, actor, town, body)).flaggedPattern;
  return flagged;
}

/** Whoever is not a participant is told why: sign in (a guest's link works too, where guests are admitted), or members only. */
function refusal(actor: MaybeActor): DomainError {
  return actor ? new DomainError('forbidden', 'dialogues:errors.membersOnly') : new DomainError('unauthenticated', 'common:errors.signInRequired');
}

export async function askQuestion(actor: MaybeActor, input: QaInput & { body: string; anonymous: boolean }): Promise<{ status: QuestionStatus }> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  const participant = await participantOf(actor, event, input.guestToken);
  if (!participant) throw refusal(actor);
  if (event.status !== 'published') throw new DomainError('conflict', 'dialogues:errors.cancelled');
  const rule = participant.kind === 'member' ? dialogueThrottles.questionsPerPerson(participant.actor.userId) : dialogueThrottles.questionsPerGuest(participant.registrationId);
  if (!mayModerate(actor, event.municipalityId)) await assertNotThrottled(sql, [rule], 'dialogues:errors.throttled');
  return sql.begin(async (tx) => {
    await recordAttempt(tx, [rule]);
    const flagged = await screenQuestion(tx, participant, event.municipalityId, input.body);
    const status: QuestionStatus = flagged ? 'held' : 'open';
    const { userId, guestId } = whoIs(participant, actor);
    await tx`insert into dialogue_questions (event_id, author_id, guest_registration_id, anonymous, body, status, watched_pattern)
             values (${event.id}, ${userId || null}, ${guestId || null}, ${input.anonymous}, ${input.body}, ${status}, ${flagged})`;
    await changed(tx, event.id);
    return { status };
  });
}

/** An upvote, or taking it back (a second vote by the same person). Only on questions everyone sees. */
export async function toggleVote(actor: MaybeActor, input: QaInput & { questionId: number }): Promise<void> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  const participant = await participantOf(actor, event, input.guestToken);
  if (!participant) throw refusal(actor);
  const { userId, guestId } = whoIs(participant, actor);
  await sql.begin(async (tx) => {
    const [question] = await tx`select id from dialogue_questions where id = ${input.questionId} and event_id = ${event.id} and status in ('open', 'live')`;
    if (!question) throw new DomainError('not_found', 'dialogues:errors.questionNotFound');
    const removed = await tx`delete from dialogue_question_votes where question_id = ${question.id} and (user_id = ${userId} or guest_registration_id = ${guestId}) returning 1`;
    if (!removed.length) await tx`insert into dialogue_question_votes (question_id, user_id, guest_registration_id) values (${question.id}, ${userId || null}, ${guestId || null}) on conflict do nothing`;
    await changed(tx, event.id);
  });
}

/** Organisers and moderators: live (the one shown on the big screen), answered, hidden, or back to open. */
export async function moderateQuestion(actor: MaybeActor, input: QaInput & { questionId: number; status: Exclude<QuestionStatus, 'held'> }): Promise<void> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!mayModerate(actor, event.municipalityId)) throw new DomainError('forbidden', 'dialogues:errors.notQaModerator');
  await sql.begin(async (tx) => {
    const [question] = await tx`select id from dialogue_questions where id = ${input.questionId} and event_id = ${event.id} for update`;
    if (!question) throw new DomainError('not_found', 'dialogues:errors.questionNotFound');
    // One live question: the one shown before becomes answered.
    if (input.status === 'live') await tx`update dialogue_questions set status = 'answered', updated_at = now() where event_id = ${event.id} and status = 'live' and id <> ${question.id}`;
    await tx`update dialogue_questions set status = ${input.status}, updated_at = now() where id = ${question.id}`;
    await changed(tx, event.id);
  });
}

/** The big screen: the live question only (and the event's title), for anyone who may read the event. */
export async function liveQuestion(actor: MaybeActor, input: QaInput): Promise<{ body: string; authorName: string | null; votes: number } | null> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  const [row] = await sql`
    select q.body, case when q.anonymous then null else coalesce(u.display_name, g.guest_name) end as author_name,
           (select count(*)::int from dialogue_question_votes v where v.question_id = q.id) as votes
      from dialogue_questions q left join users u on u.id = q.author_id left join dialogue_registrations g on g.id = q.guest_registration_id
     where q.event_id = ${event.id} and q.status = 'live'`;
  return row ? { body: row.body, authorName: row.authorName, votes: row.votes } : null;
}

/** For the socket room: whether the reader may follow the event's Q&A (the same read check as its pages). */
export async function canFollowQuestions(actor: MaybeActor, input: QaInput): Promise<{ moderator: boolean }> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  return { moderator: mayModerate(actor, event.municipalityId) };
}

export interface ReportableQuestion {
  questionId: number;
  /** the town whose moderation queue takes the report (questionTownSql) */
  queueTownId: number;
  authorId: string | null;
  authorName: string | null;
  anonymous: boolean;
  body: string;
  questionsPath: string;
}

/**
 * A question someone may report: one everybody at the event reads (not held or hidden), with a queue to go
 * to. What may not be read gives "not found", like a post.
 */
export async function reportableQuestion(actor: MaybeActor, input: QaInput & { questionId: number }): Promise<ReportableQuestion> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  const [row] = await sql`
    select q.id, q.author_id, q.anonymous, coalesce(u.display_name, g.guest_name) as display_name, q.body, ${questionTownSql()} as queue_town_id, m.slug as town_slug
      from dialogue_questions q join dialogue_events e on e.id = q.event_id
      left join users u on u.id = q.author_id left join dialogue_registrations g on g.id = q.guest_registration_id
      left join municipalities m on m.id = e.municipality_id
     where q.id = ${input.questionId} and q.event_id = ${event.id} and q.status in ('open', 'live', 'answered')`;
  if (!row || row.queueTownId === null) throw new DomainError('not_found', 'dialogues:errors.questionNotFound');
  return {
    questionId: Number(row.id),
    queueTownId: Number(row.queueTownId),
    authorId: row.authorId,
    // An anonymous question stays anonymous to the reporter; the moderators see who asked.
    authorName: row.anonymous ? null : row.displayName,
    anonymous: row.anonymous,
    body: row.body,
    questionsPath: `${eventPath({ id: event.id, townSlug: row.townSlug })}/questions`,
  };
}

/** A decision on a reported question (app/domain/moderation/decisions.server.ts) shows or hides it for everyone. */
export async function setQuestionStatusByDecision(tx: Tx, questionId: number, status: 'open' | 'hidden'): Promise<{ previousStatus: QuestionStatus } | null> {
  const [row] = await tx`
    update dialogue_questions q set status = ${status}, updated_at = now() from (select id, status from dialogue_questions where id = ${questionId} for update) before
     where q.id = before.id returning q.event_id, before.status as previous_status`;
  if (!row) return null;
  await changed(tx, Number(row.eventId));
  return { previousStatus: row.previousStatus };
}
