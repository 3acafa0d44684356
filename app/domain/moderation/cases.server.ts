/**
 * The moderation queue of a town: one open case per item (a post, a question at an event, or a person), to which reports, holds and
 * watched-word hits attach. Oldest first. A moderator claims a case so two do not decide the same one; a
 * claim runs out by itself if it is abandoned.
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import { canModerate, type MaybeActor } from '#app/domain/auth/permissions';
import { recordAudit } from './audit.server';
import { CLAIM_MINUTES } from './schemas';
import { requireModerator } from './access';
import type { CaseDetail, CaseReport, HoldReason, QueueItem } from './types';

export type { CaseDetail, CaseReport, HoldReason, QueueItem } from './types';
import { parseReportReference } from './references';


interface OpenCaseInput {
  townId: number;
  target: { kind: 'post'; postId: number; authorId: string | null } | { kind: 'question'; questionId: number; authorId: string | null } | { kind: 'user'; userId: string };
  held?: boolean;
  holdReason?: HoldReason | null;
  watchedPattern?: string | null;
  reports?: number;
}

/** Opens the item's case, or adds to the one already open. Returns its id. */
export async function openCase(tx: Tx, input: OpenCaseInput): Promise<number> {
  const { target } = input;
  const postId = target.kind === 'post' ? target.postId : null;
  const questionId = target.kind === 'question' ? target.questionId : null;
  const subject = target.kind === 'user' ? target.userId : target.authorId;
  const shielded = postId ? await concernsShieldedOfficial(tx, postId) : false;
  const values = sql`(${input.townId}, ${target.kind}, ${postId}, ${questionId}, ${subject}, ${input.held ?? false}, ${input.holdReason ?? null},
                      ${input.watchedPattern ?? null}, ${shielded}, ${input.reports ?? 0})`;
  const sameItem = {
    post: sql`on conflict (post_id) where status = 'open' and target_kind = 'post'`,
    question: sql`on conflict (question_id) where status = 'open' and target_kind = 'question'`,
    user: sql`on conflict (municipality_id, subject_user_id) where status = 'open' and target_kind = 'user'`,
  }[target.kind];
  const merge = sql`do update set report_count = moderation_cases.report_count + excluded.report_count,
                                  held = moderation_cases.held or excluded.held,
                                  hold_reason = coalesce(moderation_cases.hold_reason, excluded.hold_reason),
                                  watched_pattern = coalesce(moderation_cases.watched_pattern, excluded.watched_pattern)`;
  const [row] = await tx`
    insert into moderation_cases (municipality_id, target_kind, post_id, question_id, subject_user_id, held, hold_reason, watched_pattern, shielded, report_count)
    values ${values}
    ${sameItem}
    ${merge}
    returning id`;
  const caseId = Number(row.id);
  await publish(tx, { type: 'queue:changed', townId: input.townId, caseId });
  return caseId;
}

/** A reply in a thread a shielded official started, or a quote of one of their posts. */
export async function concernsShieldedOfficial(tx: Tx, postId: number): Promise<boolean> {
  const [row] = await tx`
    select exists (
      select 1 from posts p
        join threads t on t.id = p.thread_id
        left join posts q on q.id = p.quoted_post_id
        join memberships m on m.municipality_id = p.municipality_id and m.shielded and m.is_official
       where p.id = ${postId} and m.user_id <> coalesce(p.author_id, '')
         and (m.user_id = t.author_id or m.user_id = q.author_id)
    ) as shielded`;
  return row.shielded;
}



const caseColumns = (viewerId: string) => sql`
  c.id, c.target_kind, c.post_id, p.thread_id, t.title as thread_title, coalesce(left(p.body_text, 280), left(q.body, 280)) as excerpt, p.status as post_status,
  c.question_id, q.status as question_status, qe.title as event_title,
  case when qe.id is not null then coalesce('/towns/' || qm.slug, '/network') || '/events/' || qe.id || '/questions' end as questions_path,
  coalesce(s.display_name, qg.guest_name) as subject_name, c.held, c.hold_reason, c.watched_pattern, c.shielded,
  c.reopened_from_decision_id is not null as reopened, c.report_count,
  coalesce((select array_agg(distinct r.category order by r.category) from reports r where r.case_id = c.id), '{}') as categories,
  c.opened_at,
  case when c.claimed_until > now() then cu.display_name end as claimed_by_name,
  coalesce(c.claimed_until > now() and c.claimed_by = ${viewerId}, false) as claimed_by_me,
  case when c.claimed_until > now() then c.claimed_until end as claimed_until`;

const caseJoins = sql`
  left join posts p on p.id = c.post_id
  left join threads t on t.id = p.thread_id
  left join dialogue_questions q on q.id = c.question_id
  left join dialogue_events qe on qe.id = q.event_id
  left join municipalities qm on qm.id = qe.municipality_id
  left join dialogue_registrations qg on qg.id = q.guest_registration_id
  left join users s on s.id = c.subject_user_id
  left join users cu on cu.id = c.claimed_by`;

/** The open cases of a town, oldest first. */
export async function listQueue(actor: MaybeActor, { townId }: { townId: number }): Promise<QueueItem[]> {
  const moderator = requireModerator(actor, townId);
  return sql<QueueItem[]>`
    select ${caseColumns(moderator.userId)} from moderation_cases c ${caseJoins}
     where c.municipality_id = ${townId} and c.status = 'open'
     order by c.opened_at, c.id limit 200`;
}

/** A report's reference (from a receipt a reporter quotes) leads to its case, in this town only. */
export async function findCaseByReference(actor: MaybeActor, { townId, reference }: { townId: number; reference: string }): Promise<number> {
  requireModerator(actor, townId);
  const reportId = parseReportReference(reference);
  const [row] = reportId ? await sql`select case_id from reports where id = ${reportId} and municipality_id = ${townId}` : [];
  if (!row) throw new DomainError('not_found', 'moderation:errors.referenceNotFound', {}, 'reference');
  return Number(row.caseId);
}

/** For the site header: open cases and appeals in every town this person moderates. */
export async function openWorkAcrossTowns(actor: MaybeActor): Promise<{ townSlug: string; townName: string; open: number }[]> {
  if (!actor) return [];
  const towns = Object.keys(actor.roles).map(Number).filter((townId) => canModerate(actor, townId));
  if (!towns.length) return [];
  return sql`
    select m.slug as town_slug, m.name as town_name,
           ((select count(*) from moderation_cases c where c.municipality_id = m.id and c.status = 'open')
          + (select count(*) from appeals a where a.municipality_id = m.id and a.status = 'open'))::int as open
      from municipalities m where m.id = any(${towns}::bigint[]) order by m.name`;
}

/** For the navigation: how many cases and appeals wait. Zero for anyone who may not moderate. */
export async function queueCounts(actor: MaybeActor, { townId }: { townId: number }): Promise<{ cases: number; appeals: number }> {
  if (!canModerate(actor, townId)) return { cases: 0, appeals: 0 };
  const [row] = await sql`
    select (select count(*)::int from moderation_cases where municipality_id = ${townId} and status = 'open') as cases,
           (select count(*)::int from appeals where municipality_id = ${townId} and status = 'open') as appeals`;
  return { cases: row.cases, appeals: row.appeals };
}



export async function getCase(actor: MaybeActor, { townId, caseId }: { townId: number; caseId: number }): Promise<CaseDetail> {
  const moderator = requireModerator(actor, townId);
  const [item] = await sql<CaseDetail[]>`
    select ${caseColumns(moderator.userId)}, c.status, c.municipality_id, c.subject_user_id, p.body_html as post_body_html,
           t.forum_id, coalesce(t.locked, false) as thread_locked, coalesce(t.pinned, false) as thread_pinned
      from moderation_cases c ${caseJoins}
     where c.id = ${caseId} and c.municipality_id = ${townId}`;
  if (!item) throw new DomainError('not_found', 'moderation:errors.caseNotFound');
  item.reports = await sql<CaseReport[]>`
    select r.id, 'M-' || r.id as reference, r.category, r.explanation, u.display_name as reporter_name, r.reporter_id is null and not r.automated as guest,
           r.automated, r.created_at
      from reports r left join users u on u.id = r.reporter_id
     where r.case_id = ${caseId} order by r.id`;
  return item;
}

/**
 * Claims a case for CLAIM_MINUTES. One conditional UPDATE: of two moderators claiming at once, exactly one
 * wins; the other is told who was faster.
 */
export async function claimCase(actor: MaybeActor, { townId, caseId }: { townId: number; caseId: number }): Promise<{ claimedUntil: Date }> {
  const moderator = requireModerator(actor, townId);
  return sql.begin(async (tx) => {
    const [won] = await tx`
      update moderation_cases set claimed_by = ${moderator.userId}, claimed_until = now() + make_interval(mins => ${CLAIM_MINUTES})
       where id = ${caseId} and municipality_id = ${townId} and status = 'open'
         and (claimed_by is null or claimed_until <= now() or claimed_by = ${moderator.userId})
      returning claimed_until`;
    if (!won) throw await claimConflict(tx, townId, caseId);
    await recordAudit(tx, { townId, actorId: moderator.userId, action: 'claim', caseId });
    await publish(tx, { type: 'queue:changed', townId, caseId });
    return { claimedUntil: won.claimedUntil };
  });
}

export async function releaseCase(actor: MaybeActor, { townId, caseId }: { townId: number; caseId: number }): Promise<void> {
  const moderator = requireModerator(actor, townId);
  await sql.begin(async (tx) => {
    const released = await tx`
      update moderation_cases set claimed_by = null, claimed_until = null
       where id = ${caseId} and municipality_id = ${townId} and claimed_by = ${moderator.userId} returning id`;
    if (!released.length) return;
    await recordAudit(tx, { townId, actorId: moderator.userId, action: 'release', caseId });
    await publish(tx, { type: 'queue:changed', townId, caseId });
  });
}

/** Why a case could not be claimed or decided: gone, decided already, or someone else holds it. */
export async function claimConflict(tx: Tx, townId: number, caseId: number): Promise<DomainError> {
  const [current] = await tx`
    select c.status, u.display_name from moderation_cases c left join users u on u.id = c.claimed_by
     where c.id = ${caseId} and c.municipality_id = ${townId}`;
  if (!current) return new DomainError('not_found', 'moderation:errors.caseNotFound');
  if (current.status !== 'open') return new DomainError('conflict', 'moderation:errors.alreadyDecided');
  return new DomainError('conflict', 'moderation:errors.claimedByOther', { name: current.displayName ?? '' });
}
