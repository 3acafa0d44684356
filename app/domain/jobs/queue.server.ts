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
