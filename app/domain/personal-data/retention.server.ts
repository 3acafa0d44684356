/**
 * What is kept how long (docs/retention.md is this table in words; retention.test.ts tests each row). Each
 * rule names the scheduled job that runs it (server/jobs/tasks.ts), and each of those jobs is `pruneRetained`
 * for its own rules, so the table is what runs. `now` moves the clock in tests.
 */
import { sql } from '#app/database/client.server';
import { ANSWERS_KEPT_DAYS } from '#app/domain/dialogues/reminders.server';
import { EXPORT_DAYS } from './schemas';

export type RetentionJob = 'prune-personal-data' | 'prune-expired' | 'delete-dialogue-answers';

export interface RetentionRule {
  key: string;
  /** What the rule keeps, and for how long (the row in docs/retention.md). */
  what: string;
  keptFor: string;
  job: RetentionJob;
  prune(now: Date): Promise<number>;
}

export const RETENTION: readonly RetentionRule[] = [
  {
    key: 'unverified-sign-ups',
    what: 'Accounts whose e-mail address was never confirmed',
    keptFor: '7 days after sign-up',
    job: 'prune-personal-data',
    prune: async (now) => (await sql`delete from users where email_verified_at is null and created_at < ${now}::timestamptz - interval '7 days'`).count,
  },
  {
    key: 'sessions',
    what: 'Sessions (signed-in browsers)',
    keptFor: 'until they expire: 30 days after last use',
    job: 'prune-expired',
    prune: async (now) => (await sql`delete from user_sessions where expires_at <= ${now}`).count,
  },
  {
    key: 'one-time-links',
    what: 'One-time links (hashes): confirmation, password reset, sign-in',
    keptFor: '1 day after they expire',
    job: 'prune-personal-data',
    prune: async (now) => (await sql`delete from user_tokens where expires_at < ${now}::timestamptz - interval '1 day'`).count,
  },
  {
    key: 'known-devices',
    what: 'Devices that signed in before (hashes)',
    keptFor: '400 days after last use',
    job: 'prune-expired',
    prune: async (now) => (await sql`delete from known_devices where last_used_at < ${now}::timestamptz - interval '400 days'`).count,
  },
  {
    key: 'mail-outbox',
    what: 'Mail outbox: mail sent, kept locally, undeliverable or failed',
    keptFor: '30 days after it was written (mail still waiting for delivery stays until it is sent or fails)',
    job: 'prune-personal-data',
    prune: async (now) => (await sql`delete from mail_outbox where status <> 'pending' and created_at < ${now}::timestamptz - interval '30 days'`).count,
  },
  {
    key: 'throttling',
    what: 'Throttling rows (failed sign-ins and sign-ups per address and client)',
    keptFor: '1 day',
    job: 'prune-expired',
    prune: async (now) => (await sql`delete from throttle_events where occurred_at < ${now}::timestamptz - interval '1 day'`).count,
  },
  {
    key: 'event-answers',
    what: 'Answers to an organiser’s questions in dialogue event registrations',
    keptFor: `${ANSWERS_KEPT_DAYS} days after the event; the registration itself stays with the event`,
    job: 'delete-dialogue-answers',
    prune: async (now) =>
      (
        await sql`
          update dialogue_registrations r set answers = null, answers_deleted_at = ${now}
            from dialogue_events e
           where e.id = r.event_id and r.answers is not null and e.ends_at < ${now}::timestamptz - make_interval(days => ${ANSWERS_KEPT_DAYS})`
      ).count,
  },
  {
    key: 'guest-report-addresses',
    what: 'The e-mail address a guest gave with a report (for the outcome mail)',
    keptFor: '180 days after the report; the report itself stays as the town’s record',
    job: 'prune-personal-data',
    prune: async (now) => (await sql`update reports set reporter_email = null where reporter_email is not null and created_at < ${now}::timestamptz - interval '180 days'`).count,
  },
  {
    key: 'audit-log',
    what: 'Moderation audit log (erased accounts appear in it under a pseudonym)',
    keptFor: '3 years',
    job: 'prune-personal-data',
    prune: async (now) => (await sql`delete from moderation_audit_log where created_at < ${now}::timestamptz - interval '3 years'`).count,
  },
  {
    key: 'exports',
    what: 'Copies of a member’s data (the ZIP archives)',
    keptFor: `${EXPORT_DAYS} days after they are ready (requests that were never built: ${EXPORT_DAYS} days after the request)`,
    job: 'prune-personal-data',
    prune: async (now) =>
      (await sql`delete from data_exports where coalesce(expires_at, requested_at + make_interval(days => ${EXPORT_DAYS})) <= ${now}`).count,
  },
];

/** A scheduled retention job: every rule of the table that names it. */
export async function pruneRetained(input: { job: RetentionJob; now?: Date }): Promise<Record<string, number>> {
  const now = input.now ?? new Date();
  const pruned: Record<string, number> = {};
  for (const rule of RETENTION) if (rule.job === input.job) pruned[rule.key] = await rule.prune(now);
  return pruned;
}
