/**
 * Reading posts: stable pages by position, the language filter, permalinks, history, and the catch-up after
 * a reconnect — each under the one readability rule (visibility.server.ts). Writing is in posting/.
 */
import { sql, type Db, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publishEach } from '#app/domain/bus.server';
import type { BusMessage } from '#app/domain/bus';
import { canEditPost, type MaybeActor } from '#app/domain/auth/permissions';
import type { RichTextDoc } from '#app/editor/validate';
import { postReadable, postTextShown, readableByWholeRoom, threadReadable } from './visibility.server';
import type { PostView } from './types';

export type { PostView } from './types';

export const POSTS_PER_PAGE = 20;
/** A reconnecting reader gets at most this many posts per catch-up call, and asks again until complete. */
export const CATCH_UP_LIMIT = 200;

export const postColumns = sql`
  p.id, p.thread_id, p.position, p.author_id, u.display_name as author_name,
  case when p.deleted_at is null and p.status <> 'hidden' then p.body_html end as body_html, p.language,
  to_json(p.created_at) #>> '{}' as created_at, to_json(p.edited_at) #>> '{}' as edited_at,
  p.deleted_at is not null as deleted, p.quoted_post_id, qu.display_name as quoted_author_name, p.status,
  case when p.status = 'hidden' then (select max(d.id) from moderation_decisions d where d.post_id = p.id and d.action = 'hide' and d.reversed_at is null) end as decision_id`;

const postJoins = sql`
  join threads t on t.id = p.thread_id
  left join users u on u.id = p.author_id
  left join posts q on q.id = p.quoted_post_id
  left join users qu on qu.id = q.author_id`;

/** Page N of a thread (1-based): one index range scan, the same cost on page 1 and page 500. */
export async function listPostsPage(actor: MaybeActor, input: { threadId: number; page: number }): Promise<PostView[]> {
  const from = (input.page - 1) * POSTS_PER_PAGE + 1;
  return sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.thread_id = ${input.threadId} and p.position between ${from} and ${from + POSTS_PER_PAGE - 1}
       and ${threadReadable(actor)} and ${postReadable(actor)}
     order by p.position`;
}

/** Posts in one language, after a position (keyset), for the thread's language filter. */
export async function listPostsInLanguage(actor: MaybeActor, input: { threadId: number; language: string; afterPosition: number }): Promise<PostView[]> {
  return sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.thread_id = ${input.threadId} and p.language = ${input.language} and p.position > ${input.afterPosition} and p.deleted_at is null
       and ${threadReadable(actor)} and ${postReadable(actor)}
     order by p.position limit ${POSTS_PER_PAGE}`;
}

/**
 * The languages a thread is written in, for its filter. A loose index scan (one index seek per language)
 * instead of GROUP BY, so a 10,000-post thread costs what a short one does.
 */
export async function threadLanguages(input: { threadId: number }): Promise<string[]> {
  const rows = await sql`
    with recursive found as (
      (select language from posts where thread_id = ${input.threadId} and deleted_at is null and status = 'published' order by language limit 1)
      union all
      select (select p.language from posts p
               where p.thread_id = ${input.threadId} and p.language > found.language and p.deleted_at is null and p.status = 'published'
               order by p.language limit 1)
        from found where found.language is not null
    )
    select language from found where language is not null`;
  return rows.map((row) => row.language as string);
}

/**
 * What a reconnecting reader missed: the posts after the last position it saw, at most `limit`; `complete`
 * says whether that was all. Deleted and hidden posts come as placeholders, so the reader's copy matches.
 */
export async function postsAfter(actor: MaybeActor, input: { threadId: number; afterPosition: number; limit?: number }): Promise<{ posts: PostView[]; complete: boolean }> {
  const limit = Math.min(input.limit ?? CATCH_UP_LIMIT, CATCH_UP_LIMIT);
  const rows = await sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.thread_id = ${input.threadId} and p.position > ${input.afterPosition}
       and ${threadReadable(actor)} and ${postReadable(actor)}
     order by p.position limit ${limit + 1}`;
  return { posts: rows.slice(0, limit), complete: rows.length <= limit };
}

/** A post as the thread's live room may receive it (see readableByWholeRoom), or null: held from the room. */
export async function getPostForRoom(input: { postId: number }): Promise<{ post: PostView; threadHeld: boolean } | null> {
  const [row] = await sql<(PostView & { threadHeld: boolean })[]>`
    select ${postColumns}, t.held as thread_held from posts p ${postJoins} where p.id = ${input.postId} and ${readableByWholeRoom()}`;
  if (!row) return null;
  const { threadHeld, ...post } = row;
  return { post, threadHeld };
}

/** One post as this reader may see it, or null. */
export async function getPostView(actor: MaybeActor, input: { postId: number }): Promise<PostView | null> {
  const [post] = await sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.id = ${input.postId} and ${threadReadable(actor)} and ${postReadable(actor)}`;
  return post ?? null;
}

/** Where a post lives, for permalinks: its town, thread and page — only for someone who may read it. */
export async function locatePost(actor: MaybeActor, input: { postId: number }): Promise<{ townSlug: string; threadId: number; page: number } | null> {
  const [post] = await sql`
    select m.slug as town_slug, p.thread_id, p.position from posts p
      join threads t on t.id = p.thread_id
      join municipalities m on m.id = p.municipality_id
     where p.id = ${input.postId} and ${threadReadable(actor)} and ${postReadable(actor)}`;
  if (!post) return null;
  return { townSlug: post.townSlug, threadId: Number(post.threadId), page: Math.ceil(post.position / POSTS_PER_PAGE) };
}

export interface EditablePost {
  id: number;
  threadId: number;
  body: RichTextDoc;
  language: string;
  languageSource: 'detected' | 'author';
}

export async function getEditablePost(actor: MaybeActor, input: { townId: number; postId: number }): Promise<EditablePost> {
  const [post] = await sql`
    select p.id, p.thread_id, p.author_id, p.body, p.language, p.language_source from posts p join threads t on t.id = p.thread_id
     where p.id = ${input.postId} and p.municipality_id = ${input.townId} and ${threadReadable(actor)} and ${postTextShown(actor)}`;
  if (!post || !canEditPost(actor, { authorId: post.authorId })) throw new DomainError('not_found', 'forums:errors.postNotFound');
  return { id: Number(post.id), threadId: Number(post.threadId), body: post.body, language: post.language, languageSource: post.languageSource };
}

export interface Revision {
  id: number;
  bodyHtml: string;
  createdAt: Date;
}

/** The kept versions of a post, newest first; only while the post itself is shown to this reader. */
export async function listRevisions(actor: MaybeActor, input: { townId: number; postId: number }): Promise<{ post: PostView; revisions: Revision[] }> {
  const [post] = await sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.id = ${input.postId} and p.municipality_id = ${input.townId} and ${threadReadable(actor)} and ${postTextShown(actor)}`;
  if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
  const revisions = await sql<Revision[]>`select id, body_html, created_at from post_revisions where post_id = ${input.postId} order by id desc`;
  return { post, revisions };
}

/** A post that may be quoted: shown to everyone in the same thread, so quoting it reveals nothing. */
export async function quotablePost(db: Db, actor: MaybeActor, input: { threadId: number; postId: number }): Promise<{ doc: RichTextDoc; authorId: string | null } | null> {
  const [quoted] = await db`
    select p.body, p.author_id from posts p join threads t on t.id = p.thread_id
     where p.id = ${input.postId} and p.thread_id = ${input.threadId} and p.status = 'published'
       and ${threadReadable(actor)} and ${postTextShown(actor)}`;
  return quoted ? { doc: quoted.body as RichTextDoc, authorId: quoted.authorId } : null;
}

export interface AnnouncedPost {
  townId: number;
  forumId: number;
  threadId: number;
  authorId: string | null;
  quotedAuthorId: string | null;
}

/**
 * Once a post is public, who hears of it and how, as common table expressions that follow the statement's
 * `new_post (id)`: a notification for each follower but the author who has no open one for the thread yet
 * (an open reply notice stands for every later reply, decision 027), one for a quoted author who does not
 * follow the thread, who hears of it as a quote, `post:created` for live readers and `notifications:created`
 * (at most 200 people per message: NOTIFY caps its payload) on the bus, in one statement. A new reply runs it
 * under the id it took from the sequence, before it locks the thread (posting.server.ts); the bus delivers at
 * commit. Select `announcementSent(db)` in the statement so the bus expressions run.
 */
export function announcementCtes(db: Tx, post: AnnouncedPost) {
  const quoted = post.quotedAuthorId && post.quotedAuthorId !== post.authorId ? post.quotedAuthorId : null;
  const created: BusMessage = { type: 'post:created', townId: post.townId, forumId: post.forumId, threadId: post.threadId, postId: 0 };
  return db`
    notified as (
      insert into notifications (user_id, municipality_id, kind, thread_id, post_id)
      select audience.user_id, ${post.townId}, audience.kind, ${post.threadId}, new_post.id
        from new_post cross join (
              select s.user_id, 'reply' as kind from thread_subscriptions s
               where s.thread_id = ${post.threadId} and s.user_id <> ${post.authorId ?? ''}
                 -- The thread's open notices, read once into a set (migration 00017's index): a lookup per follower
                 -- was planned, with few rows in the statistics, as a scan of everyone's unread notices per follower.
                 and s.user_id not in (select open_notice.user_id from notifications open_notice
                                        where open_notice.thread_id = ${post.threadId} and open_notice.kind = 'reply'
                                          and open_notice.read_at is null and open_notice.emailed_at is null)
              union all
              -- A quoted author who follows the thread hears of it as a reply already.
              select ${quoted}::text, 'quote'
               where ${quoted}::text is not null
                 and not exists (select 1 from thread_subscriptions where thread_id = ${post.threadId} and user_id = ${quoted}::text)) audience
      returning user_id),
    post_created as (
      ${publishEach(db, db`jsonb_set(${db.json(created as never)}, '{postId}', to_jsonb(new_post.id))::text`, db`from new_post`)}),
    notifications_created as (
      ${publishEach(
        db,
        db`json_build_object('type', 'notifications:created', 'userIds', json_agg(user_id))::text`,
        db`from (select user_id, (row_number() over () - 1) / 200 as batch from notified) batches group by batch`,
      )})`;
}

/** The column that makes a statement with `announcementCtes` send its bus messages. */
export const announcementSent = (db: Tx) => db`(select count(*) from post_created) + (select count(*) from notifications_created)`;

/** Announces a post that became public later (a moderator approved it). */
export async function announcePublishedPost(tx: Tx, post: AnnouncedPost & { postId: number }): Promise<void> {
  await tx`with new_post as (select ${post.postId}::bigint as id), ${announcementCtes(tx, post)} select ${announcementSent(tx)} as sent`;
}
