/**
 * What each background task does: a thin adapter from the queue's payload to one domain function, like a
 * route or a socket handler. The schedule of recurring work is `CRONTAB`.
 */
import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { TaskName } from '#app/domain/jobs/tasks';
import { deliverMail } from '#app/domain/mail/outbox.server';
import { sendAccountMail } from '#app/domain/auth/accounts.server';
import { sendNotificationDigests } from '#app/domain/forums/notifications.server';
import { sql } from '#app/database/client.server';
import { sendReminder } from '#app/domain/dialogues/reminders.server';
import { buildDataExport, failDataExport } from '#app/domain/personal-data/export.server';
import { eraseAccount, eraseDueAccounts } from '#app/domain/personal-data/deletion.server';
import { pruneRetained } from '#app/domain/personal-data/retention.server';

/** A task whose payload is checked first: a malformed job fails for good instead of being retried. */
function task<S extends z.ZodTypeAny>(schema: S, run: (payload: z.output<S>, job: { attempt: number; maxAttempts: number }) => Promise<unknown>): Task {
  return async (payload, helpers) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      helpers.logger.error(`Dropping a malformed job: ${parsed.error.message}`);
      return;
    }
    await run(parsed.data, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  };
}

export const TASK_LIST = {
  'deliver-mail': task(z.object({ mailId: z.number().int().positive() }), ({ mailId }, job) => deliverMail({ mailId, ...job })),
  'send-account-mail': task(z.object({ kind: z.enum(['reset_password', 'sign_in', 'verify_email']), email: z.string().max(254) }), (payload) => sendAccountMail(payload)),
  'send-notification-digests': task(z.unknown(), () => sendNotificationDigests()),
  'prune-expired': task(z.unknown(), () => pruneRetained({ job: 'prune-expired' })),
  'send-dialogue-reminder': task(z.object({ registrationId: z.number().int().positive(), kind: z.enum(['24h', '1h']) }), (payload) => sendReminder(payload)),
  'delete-dialogue-answers': task(z.unknown(), () => pruneRetained({ job: 'delete-dialogue-answers' })),
  'build-data-export': task(z.object({ exportId: z.number().int().positive() }), async ({ exportId }, job) => {
    try {
      await buildDataExport({ exportId });
    } catch (error) {
      if (job.attempt >= job.maxAttempts) await failDataExport({ exportId });
      throw error;
    }
  }),
  'erase-account': task(z.object({ userId: z.string().min(1).max(100) }), (payload) => eraseAccount(payload)),
  'erase-due-accounts': task(z.unknown(), () => eraseDueAccounts()),
  'prune-personal-data': task(z.unknown(), () => pruneRetained({ job: 'prune-personal-data' })),
} satisfies Record<TaskName, Task> as TaskList;

/** Recurring work (graphile-worker crontab: minute hour day month weekday task). Each runs once per tick across all processes. */
export const CRONTAB = ['*/10 * * * * send-notification-digests', '17 3 * * * prune-expired', '41 3 * * * delete-dialogue-answers', '23 * * * * erase-due-accounts', '41 3 * * * prune-personal-data'].join('\n');
