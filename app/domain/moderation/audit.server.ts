/**
 * The audit log: every moderation action, written in the same transaction as the action itself. The
 * database refuses updates and deletes of these rows (see migration 00003), so the log is append-only.
 */
import { sql, type Tx } from '#app/database/client.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { requireModerator } from './access';

export interface AuditEntry {
  townId: number;
  actorId: string | null;
  action: string;
  caseId?: number | null;
  decisionId?: number | null;
  appealId?: number | null;
  postId?: number | null;
  threadId?: number | null;
  subjectUserId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx`
    insert into moderation_audit_log (municipality_id, actor_id, action, case_id, decision_id, appeal_id, post_id, thread_id, subject_user_id, details)
    values (${entry.townId}, ${entry.actorId}, ${entry.action}, ${entry.caseId ?? null}, ${entry.decisionId ?? null}, ${entry.appealId ?? null},
            ${entry.postId ?? null}, ${entry.threadId ?? null}, ${entry.subjectUserId ?? null}, ${tx.json((entry.details ?? {}) as never)})`;
}

export interface AuditRow {
  id: number;
  action: string;
  actorName: string | null;
  caseId: number | null;
  decisionId: number | null;
  appealId: number | null;
  postId: number | null;
  threadId: number | null;
  subjectName: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface AuditFilter {
  action?: string;
  /** part of a moderator's display name */
  moderator?: string;
  from?: string;
  to?: string;
  /** keyset: rows older than this id */
  before?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** Moderators and town admins read their town's log, newest first, filtered. */
export async function listAudit(actor: MaybeActor, { townId, ...filter }: AuditFilter & { townId: number }): Promise<{ rows: AuditRow[]; next: number | null; actions: string[] }> {
  requireModerator(actor, townId);
  const rows = await sql<AuditRow[]>`
    select a.id, a.action, coalesce(u.display_name, a.actor_pseudonym) as actor_name, a.case_id, a.decision_id, a.appeal_id, a.post_id, a.thread_id,
           -- an erased account appears under its pseudonym (decision 019), the same one in every row
           coalesce(s.display_name, case when a.subject_user_id like 'former-%' then a.subject_user_id end) as subject_name, a.details, a.created_at
      from moderation_audit_log a
      left join users u on u.id = a.actor_id
      left join users s on s.id = a.subject_user_id
     where a.municipality_id = ${townId}
       ${filter.action ? sql`and a.action = ${filter.action}` : sql``}
       ${filter.moderator ? sql`and u.display_name ilike ${'%' + filter.moderator.replace(/[\\%_]/g, '\\$&') + '%'}` : sql``}
       ${filter.from ? sql`and a.created_at >= ${filter.from}::date` : sql``}
       ${filter.to ? sql`and a.created_at < ${filter.to}::date + 1` : sql``}
       ${filter.before ? sql`and a.id < ${filter.before}` : sql``}
     order by a.id desc limit ${AUDIT_PAGE_SIZE + 1}`;
  const actions = await sql`select distinct action from moderation_audit_log where municipality_id = ${townId} order by action`;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, next: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id : null, actions: actions.map((row) => row.action as string) };
}
