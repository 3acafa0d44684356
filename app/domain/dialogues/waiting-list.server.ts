/**
 * Seats and the waiting list. Every change of an event's seats runs with the event's row locked
 * (`select … for update`), so registrations, cancellations and capacity changes of one event happen one after
 * another: the number of confirmed seats never exceeds the capacity, and the waiting list moves up in the
 * order people joined it, in the same transaction that freed the seat.
 */
import type { Tx } from '#app/database/client.server';
import { cancelJob, enqueue } from '#app/domain/jobs/queue.server';
import { publish } from '#app/domain/bus.server';
import { sendRegistrationMail } from './mails.server';

const HOUR = 3_600_000;
export const REMINDERS = { '24h': 24 * HOUR, '1h': HOUR } as const;
export type ReminderKind = keyof typeof REMINDERS;

export const reminderKey = (registrationId: number, kind: ReminderKind) => `dialogue-reminder:${registrationId}:${kind}`;

/** A confirmed seat gets its two reminders (when still ahead); the job key makes adding them twice harmless. */
export async function scheduleReminders(tx: Tx, registrationId: number, startsAt: Date): Promise<void> {
  for (const [kind, before] of Object.entries(REMINDERS) as [ReminderKind, number][]) {
    const runAt = new Date(startsAt.getTime() - before);
    if (runAt.getTime() > Date.now()) await enqueue(tx, 'send-dialogue-reminder', { registrationId, kind }, { key: reminderKey(registrationId, kind), runAt, maxAttempts: 5 });
  }
}

export async function unscheduleReminders(tx: Tx, registrationId: number): Promise<void> {
  for (const kind of Object.keys(REMINDERS) as ReminderKind[]) await cancelJob(tx, reminderKey(registrationId, kind));
}

/** Tells the event's organisers (their open pages) that the counts changed. */
export const countsChanged = (tx: Tx, eventId: number, townId: number | null) => publish(tx, { type: 'dialogue:registrations-changed', eventId, townId });

/**
 * Fills free seats from the waiting list, first come first served. The caller holds the event's row lock.
 * Returns the promoted registrations' ids.
 */
export async function promoteWaiting(tx: Tx, eventId: number): Promise<number[]> {
  const [event] = await tx`
    select e.capacity, e.starts_at, e.status, e.municipality_id,
           (select count(*)::int from dialogue_registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed
      from dialogue_events e where e.id = ${eventId}`;
  if (!event || event.status !== 'published' || event.startsAt.getTime() <= Date.now()) return [];
  const free = event.capacity === null ? 1_000_000 : Math.max(0, event.capacity - event.confirmed);
  if (free === 0) return [];
  const promoted = await tx`
    update dialogue_registrations set status = 'confirmed', confirmed_at = now()
     where id in (select id from dialogue_registrations where event_id = ${eventId} and status = 'waiting'
                   order by waiting_since, id limit ${free})
     returning id, user_id`;
  for (const row of promoted) {
    await sendRegistrationMail(tx, row.id, 'promoted');
    await scheduleReminders(tx, row.id, event.startsAt);
  }
  if (promoted.length) {
    const userIds = promoted.map((row) => row.userId).filter(Boolean) as string[];
    if (userIds.length) {
      await notify(tx, eventId, event.municipalityId, userIds, 'event_promoted');
      await publish(tx, { type: 'dialogue:promoted', eventId, userIds });
    }
    await countsChanged(tx, eventId, event.municipalityId);
  }
  return promoted.map((row) => row.id as number);
}

export const afterCapacityChange = promoteWaiting;

/** In-app notices beside the mails (already mailed, so the digest leaves them out). */
async function notify(tx: Tx, eventId: number, townId: number | null, userIds: string[], kind: 'event_promoted' | 'event_cancelled') {
  await tx`insert into notifications (user_id, municipality_id, kind, dialogue_event_id, emailed_at)
           select user_id, ${townId}, ${kind}, ${eventId}, now() from unnest(${userIds}::text[]) as user_id`;
  await publish(tx, { type: 'notifications:created', userIds });
}

/** The event was cancelled: everyone still registered or waiting is told, and their reminders are dropped. */
export async function afterCancellation(tx: Tx, eventId: number): Promise<void> {
  const live = await tx`select id, user_id from dialogue_registrations where event_id = ${eventId} and status in ('confirmed', 'waiting', 'pending')`;
  for (const row of live) {
    await unscheduleReminders(tx, row.id);
    await sendRegistrationMail(tx, row.id, 'eventCancelled');
  }
  const userIds = live.map((row) => row.userId).filter(Boolean) as string[];
  if (userIds.length) {
    const [event] = await tx`select municipality_id from dialogue_events where id = ${eventId}`;
    await notify(tx, eventId, event.municipalityId, userIds, 'event_cancelled');
  }
}
