/**
 * Notices (DSA art. 16): anyone may report a post or a person in a town — signed in, or as a guest with an
 * optional address for the answer. Each report gets a receipt; the reporter hears of the decision later.
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
import { activeSanction } from './screening.server';
import { openCase } from './cases.server';
import { recordAudit } from './audit.server';
import type { ReportInput } from './schemas';
import { reportReference } from './references';

const reportRules = (actor: MaybeActor, ip: string): ThrottleRule[] =>
  actor
    ? [{ bucket: `report:account:${actor.userId}`, limit: 20, windowSeconds: 60 * 60 }]
    : [{ bucket: `report:ip:${ip}`, limit: 5, windowSeconds: 60 * 60 }];

export interface ReportTarget {
  kind: 'post' | 'user';
  postId: number | null;
  userId: string | null;
  /** for the report page: what is being reported */
  authorName: string | null;
  excerpt: string | null;
  threadId: number | null;
}

/** What a report form is about: a post in this town the reporter can read, or its author. */
export async function reportTarget(actor: MaybeActor, { townId, postId }: { townId: number; postId: number }): Promise<ReportTarget> {
  const [post] = await sql`
    select p.id, p.author_id, u.display_name, left(p.body_text, 280) as excerpt, p.thread_id from posts p
      join threads t on t.id = p.thread_id
      left join users u on u.id = p.author_id
     where p.id = ${postId} and p.municipality_id = ${townId} and p.status = 'published' and ${threadReadable(actor)} and ${postTextShown(actor)}`;
  if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
  return { kind: 'post', postId: Number(post.id), userId: post.authorId, authorName: post.displayName, excerpt: post.excerpt, threadId: Number(post.threadId) };
}

export async function fileReport(actor: MaybeActor, input: ReportInput & ClientFacts & { townId: number; postId: number }): Promise<{ reportId: number; reference: string }> {
  const { townId, postId } = input;
  const target = await reportTarget(actor, { townId, postId });
  if (actor && target.userId === actor.userId) throw new DomainError('invalid', 'moderation:errors.ownContent', {}, 'target');
  if (input.target === 'user' && !target.userId) throw new DomainError('invalid', 'moderation:errors.formerMember', {}, 'target');
  const rules = reportRules(actor, input.ip);
  return sql.begin(async (tx) => {
    if (actor) {
      const sanction = await activeSanction(tx, townId, actor.userId);
      if (sanction?.kind === 'suspend') throw new DomainError('forbidden', 'moderation:errors.suspended', { until: sanction.endsAt.toISOString() });
    }
    await assertNotThrottled(tx, rules, 'moderation:errors.tooManyReports');
    if (actor) {
      const [already] = await tx`
        select 1 from reports where reporter_id = ${actor.userId} and status = 'open'
           and ${input.target === 'post' ? tx`post_id = ${postId} and target_kind = 'post'` : tx`subject_user_id = ${target.userId} and target_kind = 'user'`}`;
      if (already) throw new DomainError('conflict', 'moderation:errors.alreadyReported', {}, 'category');
    }
    const caseTarget = input.target === 'post' ? { kind: 'post' as const, postId, authorId: target.userId } : { kind: 'user' as const, userId: target.userId! };
    const caseId = await openCase(tx, { townId, target: caseTarget, reports: 1 });
    const [report] = await tx`
      insert into reports (municipality_id, case_id, target_kind, post_id, subject_user_id, reporter_id, reporter_email, category, explanation)
      values (${townId}, ${caseId}, ${input.target}, ${input.target === 'post' ? postId : null}, ${target.userId}, ${actor?.userId ?? null},
              ${actor ? null : (input.email ?? null)}, ${input.category}, ${input.explanation})
      returning id`;
    const reportId = Number(report.id);
    await recordAttempt(tx, rules);
    await recordAudit(tx, { townId, actorId: actor?.userId ?? null, action: 'report', caseId, postId: input.target === 'post' ? postId : null, subjectUserId: target.userId, details: { category: input.category, reportId } });
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
