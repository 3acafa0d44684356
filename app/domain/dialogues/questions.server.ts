/**
 * Live Q&A of a dialogue event. Whoever may read the event reads its questions; members of the event's town
 * (for a network event: anyone with a confirmed address) ask and upvote; the event's organisers and the
 * town's moderators mark questions live (one at a time), answered or hidden. A town's watched words apply as
 * in its forums: a blocking word refuses the question, a holding or flagging one sends it to the moderators
 * first ("held"). Anonymous questions show no name to other participants; moderators still see who asked.
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { canModerate, isMemberOf, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import { publish } from '#app/domain/bus.server';
import { screenEdit } from '#app/domain/moderation/screening.server';
import { canManageEvents, organisedTowns } from './access';
import { dialogueThrottles } from './throttles.server';
import { assertNotThrottled, recordAttempt } from '#app/domain/auth/throttle.server';
import type { QuestionStatus } from './schemas';
import type { QuestionView } from './types';

export type { QuestionView };

export interface QuestionsView {
  questions: QuestionView[];
  canAsk: boolean;
  canModerate: boolean;
}

const scope = (townId: number | null) => (townId === null ? sql`e.municipality_id is null` : sql`e.municipality_id = ${townId}`);

/** The event as the reader may see it (the readability rule of events.server.ts: drafts for organisers only). */
async function readableEvent(actor: MaybeActor, townId: number | null, eventId: number) {
  const [event] = await sql`
    select e.id, e.municipality_id, e.status from dialogue_events e
     where e.id = ${eventId} and ${scope(townId)}
       and (e.status <> 'draft' or (e.municipality_id is null and ${actor?.isNetworkTeam ?? false}) or e.municipality_id = any(${organisedTowns(actor)}::bigint[]))`;
  if (!event) throw new DomainError('not_found', 'dialogues:errors.notFound');
  return event as { id: number; municipalityId: number | null; status: string };
}

const mayModerate = (actor: MaybeActor, townId: number | null) => canManageEvents(actor, townId) || (townId !== null && canModerate(actor, townId));
const mayAsk = (actor: MaybeActor, townId: number | null): actor is Actor => !!actor && actor.emailVerified && (townId === null || isMemberOf(actor, townId));

export async function listQuestions(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<QuestionsView> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  const moderator = mayModerate(actor, event.municipalityId);
  const rows = await sql`
    select q.id, q.body, q.anonymous, q.status, q.author_id, u.display_name,
           (select count(*)::int from dialogue_question_votes v where v.question_id = q.id) as votes,
           exists (select 1 from dialogue_question_votes v where v.question_id = q.id and v.user_id = ${actor?.userId ?? ''}) as voted_by_me
      from dialogue_questions q left join users u on u.id = q.author_id
     where q.event_id = ${event.id}
       and (q.status in ('open', 'live', 'answered') or ${moderator} or (q.status = 'held' and q.author_id = ${actor?.userId ?? ''}))
     order by case q.status when 'live' then 0 when 'open' then 1 when 'held' then 2 when 'answered' then 3 else 4 end, votes desc, q.id`;
  return {
    questions: rows.map((row) => ({
      id: row.id,
      body: row.body,
      authorName: row.anonymous && !moderator ? null : (row.displayName ?? null),
      anonymous: row.anonymous,
      status: row.status,
      votes: row.votes,
      votedByMe: row.votedByMe,
      mine: !!actor && row.authorId === actor.userId,
    })),
    canAsk: event.status === 'published' && mayAsk(actor, event.municipalityId),
    canModerate: moderator,
  };
}

const changed = (tx: Tx, eventId: number) => publish(tx, { type: 'dialogue:questions-changed', eventId });

/**
 * A town's watched words and sanctions, as for an edited post: a block refuses, a hold or flag holds. A
 * network event belongs to no town: there the asker's own towns' lists and sanctions apply, so that a word a
 * town refuses, or a suspension, is not sidestepped by asking in the network's Q&A. Returns the pattern that
 * holds the question, if any.
 */
async function screenQuestion(tx: Tx, actor: Actor, townId: number | null, body: string): Promise<string | null> {
  const towns = townId !== null ? [townId] : Object.keys(actor.roles).map(Number);
  let flagged: string | null = null;
  for (const town of towns) flagged ??= (await screenEdit(tx, actor, town, body)).flaggedPattern;
  return flagged;
}

export async function askQuestion(actor: MaybeActor, input: { townId: number | null; eventId: number; body: string; anonymous: boolean }): Promise<{ status: QuestionStatus }> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!mayAsk(actor, event.municipalityId)) throw new DomainError('forbidden', 'dialogues:errors.membersOnly');
  if (event.status !== 'published') throw new DomainError('conflict', 'dialogues:errors.cancelled');
  const rule = dialogueThrottles.questionsPerPerson(actor.userId);
  if (!mayModerate(actor, event.municipalityId)) await assertNotThrottled(sql, [rule], 'dialogues:errors.throttled');
  return sql.begin(async (tx) => {
    await recordAttempt(tx, [rule]);
    const flagged = await screenQuestion(tx, actor, event.municipalityId, input.body);
    const status: QuestionStatus = flagged ? 'held' : 'open';
    await tx`insert into dialogue_questions (event_id, author_id, anonymous, body, status, watched_pattern)
             values (${event.id}, ${actor.userId}, ${input.anonymous}, ${input.body}, ${status}, ${flagged})`;
    await changed(tx, event.id);
    return { status };
  });
}

/** An upvote, or taking it back (a second vote by the same person). Only on questions everyone sees. */
export async function toggleVote(actor: MaybeActor, input: { townId: number | null; eventId: number; questionId: number }): Promise<void> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!mayAsk(actor, event.municipalityId)) throw new DomainError('forbidden', 'dialogues:errors.membersOnly');
  await sql.begin(async (tx) => {
    const [question] = await tx`select id from dialogue_questions where id = ${input.questionId} and event_id = ${event.id} and status in ('open', 'live')`;
    if (!question) throw new DomainError('not_found', 'dialogues:errors.questionNotFound');
    const removed = await tx`delete from dialogue_question_votes where question_id = ${question.id} and user_id = ${actor.userId} returning 1`;
    if (!removed.length) await tx`insert into dialogue_question_votes (question_id, user_id) values (${question.id}, ${actor.userId}) on conflict do nothing`;
    await changed(tx, event.id);
  });
}

/** Organisers and moderators: live (the one shown on the big screen), answered, hidden, or back to open. */
export async function moderateQuestion(actor: MaybeActor, input: { townId: number | null; eventId: number; questionId: number; status: Exclude<QuestionStatus, 'held'> }): Promise<void> {
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
export async function liveQuestion(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<{ body: string; authorName: string | null; votes: number } | null> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  const [row] = await sql`
    select q.body, case when q.anonymous then null else u.display_name end as author_name,
           (select count(*)::int from dialogue_question_votes v where v.question_id = q.id) as votes
      from dialogue_questions q left join users u on u.id = q.author_id
     where q.event_id = ${event.id} and q.status = 'live'`;
  return row ? { body: row.body, authorName: row.authorName, votes: row.votes } : null;
}

/** For the socket room: whether the reader may follow the event's Q&A (the same read check as its pages). */
export async function canFollowQuestions(actor: MaybeActor, input: { townId: number | null; eventId: number }): Promise<{ moderator: boolean }> {
  const event = await readableEvent(actor, input.townId, input.eventId);
  return { moderator: mayModerate(actor, event.municipalityId) };
}
