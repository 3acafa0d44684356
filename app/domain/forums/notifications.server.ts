/** Following threads, in-app notifications (pushed live to `user:{id}`), and the optional daily e-mail digest. */
import { sql } from '#app/db.server';
import { DomainError } from '#app/domain/errors';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';

export interface NotificationView {
  id: number;
  kind: 'reply' | 'quote' | 'report_received' | 'decision' | 'appeal_outcome';
  /** reply and quote: the post and its thread */
  threadId: number | null;
  threadTitle: string | null;
  postId: number | null;
  /** moderation: the report's reference, or the decision with its statement of reasons */
  reportId: number | null;
  decisionId: number | null;
  townSlug: string;
  townName: string;
  authorName: string | null;
  createdAt: Date;
  read: boolean;
}

function requireSignedIn(actor: MaybeActor): asserts actor is NonNullable<MaybeActor> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
}

export async function isFollowing(actor: MaybeActor, threadId: number): Promise<boolean> {
  if (!actor) return false;
  const [row] = await sql`select 1 from thread_subscriptions where user_id = ${actor.userId} and thread_id = ${threadId}`;
  return !!row;
}

export async function setFollowing(actor: MaybeActor, townId: number, threadId: number, follow: boolean): Promise<void> {
  requireSignedIn(actor);
  const [thread] = await sql`select 1 from threads where id = ${threadId} and municipality_id = ${townId}`;
  if (!thread) throw new DomainError('not_found', 'forums:errors.threadNotFound');
  if (follow) await sql`insert into thread_subscriptions (user_id, thread_id) values (${actor.userId}, ${threadId}) on conflict do nothing`;
  else await sql`delete from thread_subscriptions where user_id = ${actor.userId} and thread_id = ${threadId}`;
}

export async function listNotifications(actor: MaybeActor, limit = 50): Promise<NotificationView[]> {
  requireSignedIn(actor);
  return sql<NotificationView[]>`
    select n.id, n.kind, n.thread_id, t.title as thread_title, n.post_id, n.report_id, n.decision_id, m.slug as town_slug, m.name as town_name,
           u.display_name as author_name, n.created_at, n.read_at is not null as read
      from notifications n
      join municipalities m on m.id = n.municipality_id
      left join threads t on t.id = n.thread_id
      left join posts p on p.id = n.post_id
      left join users u on u.id = p.author_id
     where n.user_id = ${actor.userId}
     order by n.id desc limit ${limit}`;
}

export async function unreadNotificationCount(actor: MaybeActor): Promise<number> {
  if (!actor) return 0;
  const [row] = await sql`select count(*)::int as n from notifications where user_id = ${actor.userId} and read_at is null`;
  return row.n;
}

/** Marks one notification (or all, without an id) as read. Only one's own. */
export async function markNotificationsRead(actor: MaybeActor, notificationId?: number): Promise<void> {
  requireSignedIn(actor);
  await sql`update notifications set read_at = now()
             where user_id = ${actor.userId} and read_at is null ${notificationId ? sql`and id = ${notificationId}` : sql``}`;
}

export async function setDigest(actor: MaybeActor, digest: 'off' | 'daily'): Promise<void> {
  requireSignedIn(actor);
  await sql`update users set notification_digest = ${digest} where id = ${actor.userId}`;
}

export async function digestSetting(actor: MaybeActor): Promise<'off' | 'daily'> {
  requireSignedIn(actor);
  const [row] = await sql`select notification_digest from users where id = ${actor.userId}`;
  return row.notificationDigest;
}

/**
 * Daily digest: for everyone who asked for it and was not mailed in the last 24 hours, one mail listing
 * unread notifications not yet mailed. Safe to run in several processes (row locks, skip locked).
 */
export async function sendNotificationDigests(origin: string): Promise<number> {
  return sql.begin(async (tx) => {
    const due = await tx`
      select u.id, u.email, u.language from users u
       where u.notification_digest = 'daily' and (u.digest_sent_at is null or u.digest_sent_at < now() - interval '24 hours')
         and exists (select 1 from notifications n where n.user_id = u.id and n.read_at is null and n.emailed_at is null)
       for update of u skip locked limit 100`;
    for (const user of due) {
      const items = await tx`
        update notifications n set emailed_at = now()
          from threads t where t.id = n.thread_id and n.user_id = ${user.id} and n.read_at is null and n.emailed_at is null
        returning t.title, n.post_id`;
      const lines = items.map((item) => `• ${item.title}\n  ${origin}/posts/${item.postId}`).join('\n');
      await enqueueMail(tx, renderMail('notificationDigest', user.email, user.language, { count: String(items.length), items: lines, link: `${origin}/notifications` }));
      await tx`update users set digest_sent_at = now() where id = ${user.id}`;
    }
    return due.length;
  });
}
