/** Following threads, in-app notifications (pushed live to `user:{id}`), and the optional daily e-mail digest. */
import { sql, type Db } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { Actor, MaybeActor } from '#app/domain/auth/permissions';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';
import { settings } from '#app/env.server';
import { threadReadable } from './visibility.server';

export type NotificationKind = 'reply' | 'quote' | 'report_received' | 'decision' | 'appeal_outcome' | 'event_promoted' | 'event_cancelled' | 'export_ready' | 'advice_update';

/**
 * What the notifications page lists: replies and quotes grouped per thread (the newest first, with how many
 * are unread), moderation notices one by one.
 */
export interface NotificationGroup {
  key: string;
  kind: NotificationKind;
  threadId: number | null;
  threadTitle: string | null;
  /** The newest post of the group (reply, quote). */
  postId: number | null;
  reportId: number | null;
  decisionId: number | null;
  /** A dialogue event's notice (a seat from the waiting list, a cancellation): its title and page. */
  event: { title: string; path: string } | null;
  /** Null for notices that belong to no town (a copy of one's data is ready). */
  townSlug: string | null;
  townName: string | null;
  /** Who wrote, newest first, at most three names. */
  authorNames: string[];
  count: number;
  unread: number;
  latestAt: Date;
}

function requireSignedIn(actor: MaybeActor): Actor {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  return actor;
}

export async function isFollowing(actor: MaybeActor, input: { threadId: number }): Promise<boolean> {
  if (!actor) return false;
  const [row] = await sql`select 1 from thread_subscriptions where user_id = ${actor.userId} and thread_id = ${input.threadId}`;
  return !!row;
}

export async function setFollowing(maybeActor: MaybeActor, input: { townId: number; threadId: number; follow: boolean }): Promise<void> {
  const actor = requireSignedIn(maybeActor);
  const [thread] = await sql`select 1 from threads t where t.id = ${input.threadId} and t.municipality_id = ${input.townId} and ${threadReadable(actor)}`;
  if (!thread) throw new DomainError('not_found', 'forums:errors.threadNotFound');
  if (input.follow) await sql`insert into thread_subscriptions (user_id, thread_id) values (${actor.userId}, ${input.threadId}) on conflict do nothing`;
  else await sql`delete from thread_subscriptions where user_id = ${actor.userId} and thread_id = ${input.threadId}`;
}

const GROUPED: readonly NotificationKind[] = ['reply', 'quote'];

/**
 * A follower's reply notice stands for its reply and every later one in the thread up to their next reply
 * notice (decision 027: a pile-on of replies is one notice per follower, not one per reply). Joined to
 * `notifications n`: `covered.replies` (at least 1), how many of those replies are still shown and not the
 * reader's own, and `covered.author_names`, their authors, newest first. Other notices stand for themselves.
 */
const coveredReplies = (db: Db) => db`
  left join lateral (
    with span as (
      select (select position from posts where id = n.post_id) as from_position,
             (select next_post.position from notifications next_notice join posts next_post on next_post.id = next_notice.post_id
               where next_notice.user_id = n.user_id and next_notice.thread_id = n.thread_id and next_notice.kind = 'reply'
                 and next_notice.id > n.id
               order by next_notice.id limit 1) as until_position),
    replies as (
      select c.position, c.author_id from posts c, span
       where c.thread_id = n.thread_id and c.position >= span.from_position
         and (span.until_position is null or c.position < span.until_position)
         and c.status = 'published' and c.deleted_at is null and c.author_id is distinct from n.user_id)
    select greatest(1, (select count(*)::int from replies)) as replies,
           array(select a.display_name from replies r join users a on a.id = r.author_id order by r.position desc limit 20) as author_names
     where n.kind = 'reply') covered on true`;

export async function listNotifications(maybeActor: MaybeActor, input: { limit?: number } = {}): Promise<NotificationGroup[]> {
  const actor = requireSignedIn(maybeActor);
  const rows = await sql`
    select n.id, n.kind, n.thread_id, t.title as thread_title, n.post_id, n.report_id, n.decision_id, m.slug as town_slug,
           m.name as town_name, u.display_name as author_name, n.created_at, n.read_at is not null as read,
           n.dialogue_event_id, de.title as event_title, coalesce(covered.replies, 1) as replies, covered.author_names
      from notifications n
      ${coveredReplies(sql)}
      left join municipalities m on m.id = n.municipality_id
      left join dialogue_events de on de.id = n.dialogue_event_id
      left join threads t on t.id = n.thread_id
      left join posts p on p.id = n.post_id
      left join users u on u.id = p.author_id
     where n.user_id = ${actor.userId}
     order by n.id desc limit 300`;
  const groups = new Map<string, NotificationGroup>();
  for (const row of rows) {
    const kind = row.kind as NotificationKind;
    const key = GROUPED.includes(kind) && row.threadId ? `thread:${row.threadId}` : `notice:${row.id}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        kind,
        threadId: row.threadId === null ? null : Number(row.threadId),
        threadTitle: row.threadTitle,
        postId: row.postId === null ? null : Number(row.postId),
        reportId: row.reportId === null ? null : Number(row.reportId),
        decisionId: row.decisionId === null ? null : Number(row.decisionId),
        event: row.dialogueEventId === null ? null : { title: row.eventTitle, path: row.townSlug ? `/towns/${row.townSlug}/events/${row.dialogueEventId}` : `/network/events/${row.dialogueEventId}` },
        townSlug: row.townSlug,
        townName: row.townName,
        authorNames: [],
        count: 0,
        unread: 0,
        latestAt: row.createdAt,
      };
      groups.set(key, group);
    }
    group.count += row.replies;
    if (!row.read) group.unread += row.replies;
    for (const name of (row.authorNames as string[] | null) ?? [row.authorName]) {
      if (name && !group.authorNames.includes(name) && group.authorNames.length < 3) group.authorNames.push(name);
    }
  }
  return [...groups.values()].slice(0, input.limit ?? 50);
}

export async function unreadNotificationCount(actor: MaybeActor): Promise<number> {
  if (!actor) return 0;
  const [row] = await sql`select count(*)::int as n from notifications where user_id = ${actor.userId} and read_at is null`;
  return row.n;
}

/** Marks notifications as read: one, a thread's, or (without either) all. Only one's own. */
export async function markNotificationsRead(maybeActor: MaybeActor, input: { notificationId?: number; threadId?: number } = {}): Promise<void> {
  const actor = requireSignedIn(maybeActor);
  await sql`update notifications set read_at = now()
             where user_id = ${actor.userId} and read_at is null
               ${input.notificationId ? sql`and id = ${input.notificationId}` : sql``}
               ${input.threadId ? sql`and thread_id = ${input.threadId}` : sql``}`;
}

export async function setDigest(maybeActor: MaybeActor, input: { digest: 'off' | 'daily' }): Promise<void> {
  const actor = requireSignedIn(maybeActor);
  await sql`update users set notification_digest = ${input.digest} where id = ${actor.userId}`;
}

export async function digestSetting(maybeActor: MaybeActor): Promise<'off' | 'daily'> {
  const actor = requireSignedIn(maybeActor);
  const [row] = await sql`select notification_digest from users where id = ${actor.userId}`;
  return row.notificationDigest;
}

/**
 * Daily digest (a scheduled job): for everyone who asked for it and was not mailed in the last 24 hours, one
 * mail listing unread notifications not yet mailed. Safe to run in several processes (row locks, skip locked).
 */
export async function sendNotificationDigests(): Promise<number> {
  const origin = settings().publicOrigin;
  return sql.begin(async (tx) => {
    const due = await tx`
      select u.id, u.email, u.language from users u
       where u.notification_digest = 'daily' and (u.digest_sent_at is null or u.digest_sent_at < now() - interval '24 hours')
         and exists (select 1 from notifications n where n.user_id = u.id and n.read_at is null and n.emailed_at is null)
       for update of u skip locked limit 100`;
    for (const user of due) {
      const items = await tx`
        with mailed as (
          update notifications n set emailed_at = now()
            from threads t where t.id = n.thread_id and n.user_id = ${user.id} and n.read_at is null and n.emailed_at is null
          returning n.id)
        select t.title, n.post_id, coalesce(covered.replies, 1) as replies
          from notifications n join mailed using (id) join threads t on t.id = n.thread_id
          ${coveredReplies(tx)}
         order by n.id`;
      const lines = items.map((item) => `• ${item.title}\n  ${origin}/posts/${item.postId}`).join('\n');
      const count = items.reduce((sum, item) => sum + item.replies, 0);
      await enqueueMail(tx, renderMail('notificationDigest', user.email, user.language, { count, items: lines, link: `${origin}/notifications` }));
      await tx`update users set digest_sent_at = now() where id = ${user.id}`;
    }
    return due.length;
  });
}
