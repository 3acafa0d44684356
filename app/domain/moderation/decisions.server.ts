/**
 * Moderation decisions with a statement of reasons (DSA art. 17): on a case from the queue (a post or a
 * person) or directly on a thread. Each decision records the rule or legal ground, the facts, whether
 * automation was involved and how long it lasts; the affected author and the reporters are told, and the
 * change reaches readers live. Reversal (after a successful appeal) undoes each kind of decision.
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import { canModerate, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import { announcePublishedPost } from '#app/domain/forums/posts.server';
import { setQuestionStatusByDecision } from '#app/domain/dialogues/questions.server';
import { recordAudit } from './audit.server';
import { claimConflict } from './cases.server';
import { decisionLink, noticeToGuestAsker, noticeToMember, noticeToReporters } from './notices.server';
import { ADVERSE_ACTIONS, APPEAL_WINDOW_DAYS, POST_ACTIONS, REPORTER_APPEALABLE, THREAD_ACTIONS, USER_ACTIONS, type DecisionAction, type DecisionInput } from './schemas';
import { requireModerator } from './access';
import type { DecisionView } from './types';

export type { DecisionView } from './types';


const notApplicable = () => new DomainError('invalid', 'moderation:errors.actionNotApplicable', {}, 'action');

interface Subject {
  caseId: number | null;
  held: boolean;
  post: { id: number; status: string; position: number; authorId: string | null; quotedAuthorId: string | null } | null;
  /** a question at a dialogue event */
  question: { id: number; status: string } | null;
  thread: { id: number; forumId: number; title: string; authorId: string | null; locked: boolean; pinned: boolean; slowModeSeconds: number | null } | null;
  userId: string | null;
}

async function loadThread(tx: Tx, townId: number, threadId: number) {
  const [thread] = await tx`
    select id, forum_id, title, author_id, locked, pinned, slow_mode_seconds from threads
     where id = ${threadId} and municipality_id = ${townId} for update`;
  return thread ? { ...thread, id: Number(thread.id), forumId: Number(thread.forumId) } as Subject['thread'] : null;
}

/** Closes the case for this moderator (if nobody else holds it) and loads what the decision is about. */
async function takeCase(tx: Tx, moderator: Actor, townId: number, caseId: number): Promise<Subject> {
  const [item] = await tx`
    update moderation_cases set status = 'decided', decided_at = now(), claimed_by = null, claimed_until = null
     where id = ${caseId} and municipality_id = ${townId} and status = 'open'
       and (claimed_by is null or claimed_until <= now() or claimed_by = ${moderator.userId})
    returning target_kind, post_id, question_id, subject_user_id, held`;
  if (!item) throw await claimConflict(tx, townId, caseId);
  if (item.targetKind === 'user') return { caseId, held: false, post: null, question: null, thread: null, userId: item.subjectUserId };
  if (item.targetKind === 'question') {
    const [question] = await tx`select id, status, author_id from dialogue_questions where id = ${item.questionId} for update`;
    return { caseId, held: item.held, post: null, question: { id: Number(question.id), status: question.status }, thread: null, userId: question.authorId };
  }
  const [post] = await tx`
    select p.id, p.status, p.position, p.author_id, p.thread_id, q.author_id as quoted_author_id from posts p
      left join posts q on q.id = p.quoted_post_id
     where p.id = ${item.postId} for update of p`;
  return {
    caseId,
    held: item.held,
    post: { id: Number(post.id), status: post.status, position: post.position, authorId: post.authorId, quotedAuthorId: post.quotedAuthorId },
    question: null,
    thread: await loadThread(tx, townId, Number(post.threadId)),
    userId: post.authorId,
  };
}

function assertApplicable(subject: Subject, action: DecisionAction) {
  const isPostAction = (POST_ACTIONS as readonly string[]).includes(action);
  const isThreadAction = (THREAD_ACTIONS as readonly string[]).includes(action);
  const isUserAction = (USER_ACTIONS as readonly string[]).includes(action);
  // The content decided on: a post or a question (held, shown or hidden alike).
  const content = subject.post ?? subject.question;
  if (isPostAction && action !== 'dismiss' && !content) throw notApplicable();
  if (action === 'dismiss' && (!subject.caseId || content?.status === 'held')) throw notApplicable();
  if (action === 'approve' && content?.status !== 'held') throw notApplicable();
  if (action === 'hide' && content?.status === 'hidden') throw notApplicable();
  if (isThreadAction && !subject.thread) throw notApplicable();
  if (isUserAction && !subject.userId) throw notApplicable();
}

/** A decision on a case from the queue (`caseId`) or directly on a thread (`threadId`). */
export async function decide(
  actor: MaybeActor,
  input: DecisionInput & { townId: number; caseId?: number; threadId?: number },
): Promise<{ decisionId: number }> {
  const { townId } = input;
  const moderator = requireModerator(actor, townId);
  return sql.begin(async (tx) => {
    let subject: Subject;
    if (input.caseId) {
      subject = await takeCase(tx, moderator, townId, input.caseId);
    } else {
      const thread = await loadThread(tx, townId, input.threadId ?? 0);
      if (!thread) throw new DomainError('not_found', 'forums:errors.threadNotFound');
      subject = { caseId: null, held: false, post: null, question: null, thread, userId: null };
      if (!(THREAD_ACTIONS as readonly string[]).includes(input.action)) throw notApplicable();
    }
    assertApplicable(subject, input.action);
    if (subject.userId === moderator.userId && (USER_ACTIONS as readonly string[]).includes(input.action)) {
      throw new DomainError('invalid', 'moderation:errors.notYourself', {}, 'action');
    }

    const details = await apply(tx, townId, subject, input);
    const endsAt = 'days' in input ? new Date(Date.now() + input.days * 86_400_000) : null;
    // Who is affected: a person sanctioned, the author of a post, or the starter of a thread.
    const affected = (USER_ACTIONS as readonly string[]).includes(input.action) || subject.post || subject.question ? subject.userId : (subject.thread?.authorId ?? null);
    const [decision] = await tx`
      insert into moderation_decisions (municipality_id, case_id, moderator_id, action, post_id, question_id, thread_id, subject_user_id, ground, facts, automated, ends_at, details)
      values (${townId}, ${subject.caseId}, ${moderator.userId}, ${input.action}, ${subject.post?.id ?? null}, ${subject.question?.id ?? null}, ${subject.thread?.id ?? null},
              ${affected}, ${input.ground}, ${input.facts}, ${input.automated}, ${endsAt}, ${tx.json(details as never)})
      returning id`;
    const decisionId = Number(decision.id);
    if (input.action === 'warn' || input.action === 'mute' || input.action === 'suspend') {
      await tx`insert into sanctions (municipality_id, user_id, kind, decision_id, ends_at) values (${townId}, ${subject.userId}, ${input.action}, ${decisionId}, ${endsAt})`;
    }
    await recordAudit(tx, {
      townId,
      actorId: moderator.userId,
      action: input.action,
      caseId: subject.caseId,
      decisionId,
      postId: subject.post?.id,
      threadId: subject.thread?.id,
      subjectUserId: affected,
      details: { ...details, ground: input.ground, automated: input.automated, ...(subject.question ? { questionId: subject.question.id } : {}) },
    });
    if (subject.caseId) {
      await tx`update reports set status = 'closed' where case_id = ${subject.caseId}`;
      await noticeToReporters(tx, subject.caseId, townId, { id: decisionId, action: input.action });
    }
    if (affected && ADVERSE_ACTIONS.includes(input.action) && affected !== moderator.userId) {
      await noticeToMember(tx, affected, townId, 'decision', decisionId, decisionLink(decisionId));
    } else if (!affected && subject.question && input.action === 'hide') {
      await noticeToGuestAsker(tx, subject.question.id, townId, { ground: input.ground, facts: input.facts });
    }
    await publish(tx, { type: 'queue:changed', townId, caseId: subject.caseId ?? undefined });
    return { decisionId };
  });
}

/** Carries the decision out. Returns what reversing it needs to know. */
async function apply(tx: Tx, townId: number, subject: Subject, input: DecisionInput): Promise<Record<string, unknown>> {
  const { post, thread } = subject;
  switch (input.action) {
    case 'dismiss':
    case 'warn':
    case 'mute':
    case 'suspend':
      return {};
    case 'approve':
      if (subject.question) await setQuestionStatusByDecision(tx, subject.question.id, 'open');
      else await setPostStatus(tx, townId, post!, thread!, 'published');
      return {};
    case 'hide':
      if (subject.question) {
        await setQuestionStatusByDecision(tx, subject.question.id, 'hidden');
        return { previousStatus: subject.question.status };
      }
      await setPostStatus(tx, townId, post!, thread!, 'hidden');
      return { previousStatus: post!.status };
    case 'edit_title':
      await tx`update threads set title = ${input.title} where id = ${thread!.id}`;
      await threadChanged(tx, townId, thread!);
      return { previousTitle: thread!.title, title: input.title };
    case 'lock':
    case 'unlock':
      await tx`update threads set locked = ${input.action === 'lock'} where id = ${thread!.id}`;
      await threadChanged(tx, townId, thread!);
      return {};
    case 'pin':
    case 'unpin':
      await tx`update threads set pinned = ${input.action === 'pin'} where id = ${thread!.id}`;
      await threadChanged(tx, townId, thread!);
      return {};
    case 'move': {
      const [forum] = await tx`select id from forums where id = ${input.forumId} and municipality_id = ${townId}`;
      if (!forum || Number(forum.id) === thread!.forumId) throw new DomainError('invalid', 'moderation:errors.forum', {}, 'forumId');
      await tx`update threads set forum_id = ${input.forumId} where id = ${thread!.id}`;
      await threadChanged(tx, townId, { ...thread!, forumId: input.forumId }, thread!.forumId);
      return { fromForumId: thread!.forumId, toForumId: input.forumId };
    }
    case 'slow_mode':
      await tx`update threads set slow_mode_seconds = ${input.seconds || null} where id = ${thread!.id}`;
      await threadChanged(tx, townId, thread!);
      return { previousSeconds: thread!.slowModeSeconds, seconds: input.seconds };
  }
}

/** Publishes or hides a post, keeping the thread's counters, and tells readers live. */
async function setPostStatus(tx: Tx, townId: number, post: NonNullable<Subject['post']>, thread: NonNullable<Subject['thread']>, status: 'published' | 'hidden') {
  const visibleDelta = (status === 'published' ? 1 : 0) - (post.status === 'published' ? 1 : 0);
  await tx`update posts set status = ${status} where id = ${post.id}`;
  await tx`
    update threads set visible_post_count = visible_post_count + ${visibleDelta},
                       -- Approving a held opening post opens the thread; hiding an opening post leaves it readable,
                       -- with a placeholder in its place, so other people's replies stay visible.
                       held = case when ${post.position === 1 && status === 'published'} then false else held end,
                       last_post_at = case when ${post.status === 'held' && status === 'published'} then date_trunc('milliseconds', now()) else last_post_at end
     where id = ${thread.id}`;
  const ref = { townId, forumId: thread.forumId, threadId: thread.id, postId: post.id };
  if (post.status === 'held' && status === 'published') {
    await announcePublishedPost(tx, { ...ref, authorId: post.authorId, quotedAuthorId: post.quotedAuthorId });
  } else if (post.status !== 'held' || status === 'published') {
    await publish(tx, { type: 'post:updated', ...ref });
  }
}

async function threadChanged(tx: Tx, townId: number, thread: { id: number; forumId: number }, previousForumId?: number) {
  await publish(tx, { type: 'thread:changed', townId, forumId: thread.forumId, threadId: thread.id, previousForumId });
}

/** Undoes a decision after a successful appeal; a reversed dismissal puts the item back in the queue. */
export async function reverseDecision(tx: Tx, decisionId: number): Promise<void> {
  const [decision] = await tx`
    update moderation_decisions set reversed_at = now() where id = ${decisionId} and reversed_at is null
    returning municipality_id, case_id, action, post_id, question_id, thread_id, subject_user_id, details`;
  if (!decision) return;
  const townId = Number(decision.municipalityId);
  const details = decision.details as Record<string, unknown>;
  const thread = decision.threadId ? await loadThread(tx, townId, Number(decision.threadId)) : null;
  switch (decision.action as DecisionAction) {
    case 'hide': {
      if (decision.questionId) {
        // Back as it was before (open, live or answered); a question hidden meanwhile by the Q&A's moderators stays so.
        const [question] = await tx`select status from dialogue_questions where id = ${decision.questionId}`;
        if (question?.status === 'hidden') await setQuestionStatusByDecision(tx, Number(decision.questionId), 'open');
        break;
      }
      const [post] = await tx`
        select p.id, p.status, p.position, p.author_id, q.author_id as quoted_author_id from posts p left join posts q on q.id = p.quoted_post_id
         where p.id = ${decision.postId} for update of p`;
      if (post?.status === 'hidden' && thread) {
        await setPostStatus(tx, townId, { id: Number(post.id), status: 'hidden', position: post.position, authorId: post.authorId, quotedAuthorId: post.quotedAuthorId }, thread, 'published');
      }
      break;
    }
    case 'edit_title':
      if (thread) {
        await tx`update threads set title = ${String(details.previousTitle)} where id = ${thread.id}`;
        await threadChanged(tx, townId, thread);
      }
      break;
    case 'lock':
      if (thread) {
        await tx`update threads set locked = false where id = ${thread.id}`;
        await threadChanged(tx, townId, thread);
      }
      break;
    case 'move':
      if (thread) {
        await tx`update threads set forum_id = ${Number(details.fromForumId)} where id = ${thread.id}`;
        await threadChanged(tx, townId, { ...thread, forumId: Number(details.fromForumId) }, thread.forumId);
      }
      break;
    case 'slow_mode':
      if (thread) {
        await tx`update threads set slow_mode_seconds = ${(details.previousSeconds as number | null) ?? null} where id = ${thread.id}`;
        await threadChanged(tx, townId, thread);
      }
      break;
    case 'warn':
    case 'mute':
    case 'suspend':
      await tx`update sanctions set lifted_at = now() where decision_id = ${decisionId} and lifted_at is null`;
      break;
    case 'dismiss':
    case 'approve': {
      const [original] = await tx`select target_kind, post_id, question_id, subject_user_id from moderation_cases where id = ${decision.caseId}`;
      if (!original) break;
      const [reopened] = await tx`
        insert into moderation_cases (municipality_id, target_kind, post_id, question_id, subject_user_id, reopened_from_decision_id)
        values (${townId}, ${original.targetKind}, ${original.postId}, ${original.questionId}, ${original.subjectUserId}, ${decisionId})
        on conflict do nothing returning id`;
      if (reopened) await publish(tx, { type: 'queue:changed', townId, caseId: Number(reopened.id) });
      break;
    }
    default:
      break;
  }
}


/**
 * The statement of reasons, for the person affected, the reporters of the case and the town's moderators.
 * Anyone else gets "not found", so the page does not even confirm that a decision exists.
 */
export async function getDecision(actor: MaybeActor, { decisionId }: { decisionId: number }): Promise<DecisionView> {
  const notFound = new DomainError('not_found', 'moderation:errors.decisionNotFound');
  if (!actor) throw notFound;
  const [row] = await sql`
    select d.id, m.slug as town_slug, m.name as town_name, d.municipality_id, d.action, d.ground, d.facts, d.automated, d.ends_at, d.created_at,
           d.reversed_at, d.details, d.post_id, coalesce(left(p.body_text, 500), left(dq.body, 500)) as post_excerpt, d.thread_id, t.title as thread_title,
           dqe.title as event_title,
           mu.display_name as moderator_name, d.created_at + make_interval(days => ${APPEAL_WINDOW_DAYS}) as appealable_until,
           d.subject_user_id = ${actor.userId} as is_subject,
           exists (select 1 from reports r where r.case_id = d.case_id and r.reporter_id = ${actor.userId}) as is_reporter
      from moderation_decisions d
      join municipalities m on m.id = d.municipality_id
      left join posts p on p.id = d.post_id
      left join dialogue_questions dq on dq.id = d.question_id
      left join dialogue_events dqe on dqe.id = dq.event_id
      left join threads t on t.id = d.thread_id
      left join users mu on mu.id = d.moderator_id
     where d.id = ${decisionId}`;
  if (!row) throw notFound;
  const townId = Number(row.municipalityId);
  const viewerRole = row.isSubject ? 'author' : row.isReporter ? 'reporter' : canModerate(actor, townId) ? 'moderator' : null;
  if (!viewerRole) throw notFound;
  const [appeal] = await sql`
    select id, status, text, outcome_reasons, created_at from appeals where decision_id = ${decisionId} and appellant_id = ${actor.userId}`;
  return {
    ...(row as unknown as DecisionView),
    viewerRole,
    // Moderators see the moderator; the affected person and reporters see "the moderation team".
    moderatorName: viewerRole === 'moderator' ? row.moderatorName : null,
    appeal: appeal ? { ...appeal, id: Number(appeal.id) } as DecisionView['appeal'] : null,
    canAppeal: !appeal && appealRole(viewerRole, row.action) !== null && !row.reversedAt && new Date(row.appealableUntil) > new Date(),
  };
}

export function appealRole(viewerRole: 'author' | 'reporter' | 'moderator', action: DecisionAction): 'author' | 'reporter' | null {
  if (viewerRole === 'author' && ADVERSE_ACTIONS.includes(action)) return 'author';
  if (viewerRole === 'reporter' && REPORTER_APPEALABLE.includes(action)) return 'reporter';
  return null;
}
