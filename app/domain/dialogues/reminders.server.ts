/**
 * Scheduled work of dialogue events, run by the job queue (server/jobs/tasks.ts): the reminders 24 hours and
 * 1 hour before an event, and deleting registrants' answers 30 days after it.
 *
 * Exactly once: a reminder job has a key per registration and kind, so it exists once however often it was
 * scheduled; and the mail is written in the same transaction that marks the registration reminded
 * (`reminded_24h_at is null` in the where clause), so even a job run twice — two workers, a retry after a
 * crash between commit and acknowledgement — writes one mail.
 */
import { sql } from '#app/database/client.server';
import { sendRegistrationMail } from './mails.server';
import type { ReminderKind } from './waiting-list.server';

export const ANSWERS_KEPT_DAYS = 30;

export async function sendReminder(input: { registrationId: number; kind: ReminderKind }): Promise<'sent' | 'skipped'> {
  return sql.begin(async (tx) => {
    const column = input.kind === '24h' ? sql`reminded_24h_at` : sql`reminded_1h_at`;
    const [row] = await tx`
      update dialogue_registrations r set ${column} = now()
        from dialogue_events e
       where r.id = ${input.registrationId} and e.id = r.event_id and r.status = 'confirmed' and e.status = 'published'
         and e.starts_at > now() and r.${column} is null
       returning r.id`;
    if (!row) return 'skipped';
    await sendRegistrationMail(tx, row.id, input.kind === '24h' ? 'reminder24h' : 'reminder1h');
    return 'sent';
  });
}
