/**
 * Notices (DSA art. 16): anyone may report a post, a question at a dialogue event, or a person in a town —
 * signed in, or as a guest with an optional address for the answer. Each report gets a receipt; the reporter hears of the decision later.
 * One open report per reporter and item; reporting is throttled per account and per address.
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { assertNotThrottled, recordAttempt, type ThrottleRule } from '#app/domain/auth/throttle.server';
import type { ClientFacts } from '#app/domain/auth/accounts.server';
import { postTextShown, threadReadable } from '#app/domain/forums/visibility.server';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';
import { publish } from '#app/domain/bus.server';
import { reportableQuestion, type QaInput } from '#app/domain/dialogues/questions.server';
import { activeSanction } from './screening.server';
import { openCase } from './cases.server';
import { recordAudit } from './audit.server';
import type { ReportInput } from './schemas';
import { reportReference } from './references';
import type { ReportTarget } from './types';

export type { ReportTarget } from './types';

const reportRules = (actor: MaybeActor, ip: string): ThrottleRule[] =>
  actor
    ? [{ bucket: `report:account:${actor.userId}`, limit: 20, windowSeconds: 60 * 60 }]
    : [{ bucket: `report:ip:${ip}`, limit: 5, windowSeconds: 60 * 60 }];

/** What a report form is about: a post in this town the reporter can read, or its author. */
export async function reportTarget(actor: MaybeActor, { townId, postId }: { townId: number; postId: number }): Promise<ReportTarget> {
  const [post] = await sql`
    select p.id, p.author_id, u.display_name, left(p.body_text, 280) as excerpt, p.thread_id from posts p
      join threads t on t.id = p.thread_id
      left join users u on u.id = p.author_id
     where p.id = ${postId} and p.municipality_id = ${townId} and p.status = 'published' and ${threadReadable(actor)} and ${postTextShown(actor)}`;
  if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
  return {
    kind: 'post', townId, postId: Number(post.id), questionId: null, userId: post.authorId, authorName: post.displayName, anonymous: false,
    excerpt: post.excerpt, threadId: Number(post.threadId), questionsPath: null,
  };
}

/** The same for a question at a dialogue event (the event's town, or at a network event the asker's). */
export async function questionReportTarget(actor: MaybeActor, input: QaInput & { questionId: number }): Promise<ReportTarget> {
  const question = await reportableQuestion(actor, input);
  return {
    kind: 'question', townId: question.queueTownId, postId: null, questionId: question.questionId, userId: question.authorId,
    authorName: question.authorName, anonymous: question.anonymous, excerpt: question.body, threadId: null, questionsPath: question.questionsPath,
  };
}

type ReportFacts = ReportInput & ClientFacts;

export async function fileReport(actor: MaybeActor, input: ReportFacts & { townId: number; postId: number }): Promise<{ reportId: number; reference: string }> {
  return recordReport(actor, input, await reportTarget(actor, { townId: input.townId, postId: input.postId }));
}

export async function fileQuestionReport(actor: MaybeActor, input: ReportFacts & QaInput & { questionId: number }): Promise<{ reportId: number; reference: string }> {
  return recordReport(actor, input, await questionReportTarget(actor, input));
}

/** `input.target` says whether the content is reported ('post' or 'question', as the target's kind) or its author ('user'). */
async function recordReport(actor: MaybeActor, input: ReportFacts, target: ReportTarget): Promise<{ reportId: number; reference: string }> {
  const { townId } = target;
  const aboutContent = input.target !== 'user';
  if (aboutContent && input.target !== target.kind) throw new DomainError('invalid', 'moderation:errors.target', {}, 'target');
  if (actor && target.userId === actor.userId) throw new DomainError('invalid', 'moderation:errors.ownContent', {}, 'target');
  if (!aboutContent && !target.userId) throw new DomainError('invalid', 'moderation:errors.formerMember', {}, 'target');
  const rules = reportRules(actor, input.ip);
  const kind = aboutContent ? target.kind : 'user';
  return sql.begin(async (tx) => {
    if (actor) {
      const sanction = await activeSanction(tx, townId, actor.userId);
      if (sanction?.kind === 'suspend') throw new DomainError('forbidden', 'moderation:errors.suspended', { until: sanction.endsAt.toISOString() });
    }
    await assertNotThrottled(tx, rules, 'moderation:errors.tooManyReports');
    if (actor) {
      const same =
        kind === 'post' ? tx`post_id = ${target.postId} and target_kind = 'post'`
        : kind === 'question' ? tx`question_id = ${target.questionId} and target_kind = 'question'`
        : tx`subject_user_id = ${target.userId} and target_kind = 'user'`;
      const [already] = await tx`select 1 from reports where reporter_id = ${actor.userId} and status = 'open' and ${same}`;
      if (already) throw new DomainError('conflict', 'moderation:errors.alreadyReported', {}, 'category');
    }
    const caseTarget =
      kind === 'post' ? { kind: 'post' as const, postId: target.postId!, authorId: target.userId }
      : kind === 'question' ? { kind: 'question' as const, questionId: target.questionId!, authorId: target.userId }
      : { kind: 'user' as const, userId: target.userId! };
    const caseId = await openCase(tx, { townId, target: caseTarget, reports: 1 });
    const postId = kind === 'post' ? target.postId : null;
    const questionId = kind === 'question' ? target.questionId : null;
    const [report] = await tx`
      insert into reports (municipality_id, case_id, target_kind, post_id, question_id, subject_user_id, reporter_id, reporter_email, category, explanation)
      values (${townId}, ${caseId}, ${kind}, ${postId}, ${questionId}, ${target.userId}, ${actor?.userId ?? null},
              ${actor ? null : (input.email ?? null)}, ${input.category}, ${input.explanation})
      returning id`;
    const reportId = Number(report.id);
    await recordAttempt(tx, rules);
    await recordAudit(tx, {
      townId, actorId: actor?.userId ?? null, action: 'report', caseId, postId, subjectUserId: target.userId,
      details: { category: input.category, reportId, ...(questionId ? { questionId } : {}) },
    });
    await sendReceipt(tx, townId, reportId, actor, input.email ?? null, input.language);
    return { reportId, reference: reportReference(reportId) };
  });
}

async function sendReceipt(tx: Tx, townId: number, reportId: number, actor: MaybeActor, guestEmail: string | null, language: string) {
  const [town] = await tx`select name from municipalities where id = ${townId}`;
  const values = { reference: reportReference(reportId), town: town.name };
  if (actor) {
    await tx`insert into notifications (user_id, municipality_id, kind, report_id) values (${actor.userId}, ${townId}, 'report_received', ${reportId})`;
    await publish(tx, { type: 'notifications:created', userIds: [actor.userId] });
    await enqueueMail(tx, renderMail('reportReceived', actor.email, actor.language, values));
  } else if (guestEmail) {
    await enqueueMail(tx, renderMail('reportReceived', guestEmail, language, values));
  }
}

/** A flagging watched word reports the post on the platform's behalf (marked as automated). */
export async function flagAutomatically(tx: Tx, townId: number, target: { kind: 'post'; postId: number; authorId: string | null }, pattern: string | null): Promise<void> {
  const caseId = await openCase(tx, { townId, target, watchedPattern: pattern, reports: 1 });
  await tx`
    insert into reports (municipality_id, case_id, target_kind, post_id, subject_user_id, automated, category, explanation)
    values (${townId}, ${caseId}, 'post', ${target.postId}, ${target.authorId}, true, 'other', ${pattern ?? ''})`;
  await recordAudit(tx, { townId, actorId: null, action: 'flag', caseId, postId: target.postId, subjectUserId: target.authorId, details: { pattern } });
}
