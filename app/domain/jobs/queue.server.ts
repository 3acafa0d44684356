/**
 * Scheduled and background work on one PostgreSQL job queue (graphile-worker; decision 009). A job is
 * added inside the writing transaction, so it exists exactly when the write committed; a `key` makes
 * adding idempotent (the same reminder added twice is one job), and a job runs once even with several app
 * processes working the queue.
 */
import type { Db } from '#app/database/client.server';
import type { TaskName } from './tasks';

export interface EnqueueOptions {
  /** Not before this time (reminders). */
  runAt?: Date;
  /** At most one pending job with this key; adding it again replaces the pending one. */
  key?: string;
  maxAttempts?: number;
  /** Jobs of one queue run one after another. */
  queue?: string;
}

export async function enqueue(db: Db, task: TaskName, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await db`
    select graphile_worker.add_job(${task}, ${db.json(payload as never)}::json,
                                   queue_name => ${options.queue ?? null}, run_at => ${options.runAt ?? null},
                                   max_attempts => ${options.maxAttempts ?? 10}, job_key => ${options.key ?? null})`;
}

/** Takes back a job not yet run (a reminder for a registration that was cancelled). */
export async function cancelJob(db: Db, key: string): Promise<void> {
  await db`select graphile_worker.remove_job(${key})`;
}

/**
 * Each app process works the queue under worker ids of the form `weltoffen-jobs:<process>:<n>`, over
 * connections named `weltoffen-jobs:<process>`; the name is how PostgreSQL tells that the process still lives.
 */
export const JOB_CONNECTION_PREFIX = 'weltoffen-jobs';

/**
 * Gives back the jobs a killed process had taken: graphile-worker frees such a lock only after four
 * hours, so a mail or reminder being sent when its process died (SIGKILL, power loss) would wait that long.
 * A process counts as gone when none of its queue connections is left; a live process always holds one
 * (the queue's LISTEN connection). Every task tolerates a second run, so releasing early is safe.
 * Returns how many worker ids were released.
 */
export async function releaseJobsOfStoppedProcesses(db: Db): Promise<number> {
  const orphaned = await db<{ workerId: string }[]>`
    select distinct held.worker_id
      from (select locked_by as worker_id from graphile_worker._private_jobs
             union all
            select locked_by from graphile_worker._private_job_queues) held
     where held.worker_id like ${JOB_CONNECTION_PREFIX + ':%'}
       and not exists (
         select 1 from pg_stat_activity a
          where a.application_name = split_part(held.worker_id, ':', 1) || ':' || split_part(held.worker_id, ':', 2))`;
  if (orphaned.length === 0) return 0;
  await db`select graphile_worker.force_unlock_workers(${orphaned.map((row) => row.workerId)}::text[])`;
  return orphaned.length;
}
