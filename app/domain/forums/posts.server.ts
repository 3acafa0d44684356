/**
 * Posts: writing (with rate limit, subscriptions, notifications and a live event), editing with history,
 * soft deletion, stable pages by position, permalinks and catch-up after a reconnect.
 */
import { sql, type Tx } from '#app/db.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/events.server';
import { canEditPost, canModerate, canPostInForum, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import { assertNotThrottled, recordAttempt } from '#app/domain/auth/throttle.server';
import { blockquoteOf } from '#app/editor/plain-text';
import type { RichTextDoc } from '#app/editor/validate';
import { composeBody, type ComposerInput } from './compose.server';
import { searchConfigFor } from './language';
import { screenEdit, screenNewPost } from '#app/domain/moderation/screening.server';
import { openCase } from '#app/domain/moderation/cases.server';
import { flagAutomatically } from '#app/domain/moderation/reports.server';
import { recordAudit } from '#app/domain/moderation/audit.server';

export const POSTS_PER_PAGE = 20;

export interface PostView {
  id: number;
  threadId: number;
  position: number;
  authorId: string | null;
  authorName: string | null;
  /** null when deleted: the thread keeps its shape with a placeholder */
  bodyHtml: string | null;
  language: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  quotedPostId: number | null;
  quotedAuthorName: string | null;
  /** published; held: waiting for review (shown to its author and moderators only); hidden by moderation */
  status: 'published' | 'held' | 'hidden';
  /** For a hidden post: the decision with its statement of reasons. */
  decisionId: number | null;
}

/** Who is reading: held posts are shown to their author and to the town's moderators only. */
export interface PostViewer {
  userId: string | null;
  moderator: boolean;
}
export const GUEST_VIEWER: PostViewer = { userId: null, moderator: false };

const visibleTo = (viewer: PostViewer) =>
  viewer.moderator ? sql`true` : sql`(p.status <> 'held' or p.author_id = ${viewer.userId ?? ''})`;

const postColumns = sql`
  p.id, p.thread_id, p.position, p.author_id, u.display_name as author_name,
  case when p.deleted_at is null and p.status <> 'hidden' then p.body_html end as body_html, p.language,
  to_json(p.created_at) #>> '{}' as created_at, to_json(p.edited_at) #>> '{}' as edited_at,
  p.deleted_at is not null as deleted, p.quoted_post_id, qu.display_name as quoted_author_name, p.status,
  case when p.status = 'hidden' then (select max(d.id) from moderation_decisions d where d.post_id = p.id and d.action = 'hide' and d.reversed_at is null) end as decision_id`;

const postJoins = sql`
  left join users u on u.id = p.author_id
  left join posts q on q.id = p.quoted_post_id
  left join users qu on qu.id = q.author_id`;

function postingRule(townId: number, userId: string, limits: { postsPerWindow: number; postWindowSeconds: number }) {
  return { bucket: `post:${townId}:${userId}`, limit: limits.postsPerWindow, windowSeconds: limits.postWindowSeconds };
}

interface InsertPostInput {
  threadId: number;
  townId: number;
  forumId: number;
  /** Given for the first post of a thread: indexed with the body. */
  title?: string;
  composer: ComposerInput;
  quotedPostId?: number;
}

/** Inserts a post inside the caller's transaction; the thread row must exist. Returns the post id. */
export async function insertPost(tx: Tx, actor: Actor, input: InsertPostInput): Promise<number> {
  const [town] = await tx`select posts_per_window, post_window_seconds from municipalities where id = ${input.townId}`;
  const rule = postingRule(input.townId, actor.userId, town as { postsPerWindow: number; postWindowSeconds: number });
  await assertNotThrottled(tx, [rule], 'forums:errors.postingLimit');

  let quote: { doc: RichTextDoc; authorId: string | null } | null = null;
  if (input.quotedPostId) {
    const [quoted] = await tx`select body, author_id from posts
                               where id = ${input.quotedPostId} and thread_id = ${input.threadId} and deleted_at is null`;
    if (!quoted) throw new DomainError('not_found', 'forums:errors.quotedPostGone', {}, 'body');
    quote = { doc: quoted.body as RichTextDoc, authorId: quoted.authorId };
  }
  const body = composeBody(input.composer, actor.language, quote ? blockquoteOf(quote.doc) : undefined);
  const screening = await screenNewPost(tx, actor, {
    townId: input.townId,
    forumId: input.forumId,
    threadId: input.threadId,
    title: input.title,
    text: body.text,
    quotedPostId: input.quotedPostId,
  });
  const published = screening.status === 'published';
  const config = searchConfigFor(body.language);
  const indexed = input.title ? `${input.title}\n\n${body.text}` : body.text;

  // A held post takes its position now (pages stay stable) but changes nothing readers see until approved.
  const [thread] = await tx`
    update threads set post_count = post_count + 1,
                       visible_post_count = visible_post_count + ${published ? 1 : 0},
                       last_post_at = case when ${published} then date_trunc('milliseconds', now()) else last_post_at end,
                       held = case when ${!!input.title} then ${!published} else held end
     where id = ${input.threadId} and municipality_id = ${input.townId}
    returning post_count`;
  const [post] = await tx`
    insert into posts (municipality_id, thread_id, position, author_id, body, body_html, body_text, language, language_source, quoted_post_id, search_vector, status)
    values (${input.townId}, ${input.threadId}, ${thread.postCount}, ${actor.userId}, ${tx.json(body.doc as never)}, ${body.html}, ${body.text},
            ${body.language}, ${body.languageSource}, ${input.quotedPostId ?? null},
            to_tsvector(${config}::regconfig, ${indexed}) || to_tsvector('simple', ${indexed}), ${screening.status})
    returning id`;
  const postId = Number(post.id);
  await recordAttempt(tx, [rule]);
  // Authors follow what they write.
  await tx`insert into thread_subscriptions (user_id, thread_id) values (${actor.userId}, ${input.threadId}) on conflict do nothing`;

  const target = { kind: 'post' as const, postId, authorId: actor.userId };
  if (!published) {
    const caseId = await openCase(tx, { townId: input.townId, target, held: true, holdReason: screening.holdReason, watchedPattern: screening.watchedPattern });
    await recordAudit(tx, { townId: input.townId, actorId: null, action: 'hold', caseId, postId, threadId: input.threadId, subjectUserId: actor.userId, details: { reason: screening.holdReason, pattern: screening.watchedPattern } });
    return postId;
  }
  if (screening.flagged) await flagAutomatically(tx, input.townId, target, screening.watchedPattern);
  await announcePublishedPost(tx, { townId: input.townId, forumId: input.forumId, threadId: input.threadId, postId, authorId: actor.userId, quotedAuthorId: quote?.authorId ?? null });
  return postId;
}

/**
 * Once a post is public (at once, or when a moderator approves it): followers and a quoted author are
 * notified, and readers get it live.
 */
export async function announcePublishedPost(
  tx: Tx,
  post: { townId: number; forumId: number; threadId: number; postId: number; authorId: string | null; quotedAuthorId: string | null },
): Promise<void> {
  const notified = await tx`
    insert into notifications (user_id, municipality_id, kind, thread_id, post_id)
    select user_id, ${post.townId}, 'reply', ${post.threadId}, ${post.postId} from thread_subscriptions
     where thread_id = ${post.threadId} and user_id <> ${post.authorId ?? ''}
    returning user_id`;
  const userIds = new Set(notified.map((row) => row.userId as string));
  if (post.quotedAuthorId && post.quotedAuthorId !== post.authorId && !userIds.has(post.quotedAuthorId)) {
    await tx`insert into notifications (user_id, municipality_id, kind, thread_id, post_id)
             values (${post.quotedAuthorId}, ${post.townId}, 'quote', ${post.threadId}, ${post.postId})`;
    userIds.add(post.quotedAuthorId);
  }
  await publish(tx, { type: 'post:created', townId: post.townId, forumId: post.forumId, threadId: post.threadId, postId: post.postId });
  const ids = [...userIds];
  for (let i = 0; i < ids.length; i += 200) await publish(tx, { type: 'notifications:created', userIds: ids.slice(i, i + 200) });
}

export async function createReply(
  actor: MaybeActor,
  townId: number,
  threadId: number,
  input: ComposerInput & { quotedPostId?: number },
): Promise<{ postId: number; position: number }> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  return sql.begin(async (tx) => {
    // The row lock orders concurrent replies: positions commit in order, so catch-up by position misses nothing.
    const [thread] = await tx`
      select t.id, t.forum_id, t.locked, t.held, t.author_id, f.staff_only_posting from threads t join forums f on f.id = t.forum_id
       where t.id = ${threadId} and t.municipality_id = ${townId} for update of t`;
    if (!thread || (thread.held && thread.authorId !== actor.userId && !canModerate(actor, townId))) throw new DomainError('not_found', 'forums:errors.threadNotFound');
    if (!canPostInForum(actor, townId, { staffOnlyPosting: thread.staffOnlyPosting })) {
      throw new DomainError('forbidden', thread.staffOnlyPosting ? 'forums:errors.staffOnly' : 'forums:errors.joinToPost');
    }
    if (thread.locked) throw new DomainError('forbidden', 'forums:errors.locked');
    const postId = await insertPost(tx, actor, { threadId, townId, forumId: Number(thread.forumId), composer: input, quotedPostId: input.quotedPostId });
    const [post] = await tx`select position from posts where id = ${postId}`;
    return { postId, position: post.position as number };
  });
}

export async function editPost(actor: MaybeActor, townId: number, postId: number, input: ComposerInput): Promise<void> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  await sql.begin(async (tx) => {
    const [post] = await tx`
      select p.id, p.author_id, p.thread_id, p.position, p.body_html, p.deleted_at, p.status, t.forum_id, t.title, t.locked
        from posts p join threads t on t.id = p.thread_id
       where p.id = ${postId} and p.municipality_id = ${townId} for update of p`;
    if (!post || post.deletedAt || post.status === 'hidden') throw new DomainError('not_found', 'forums:errors.postNotFound');
    if (!canEditPost(actor, { authorId: post.authorId })) throw new DomainError('forbidden', 'forums:errors.notYourPost');
    if (post.locked) throw new DomainError('forbidden', 'forums:errors.locked');
    const body = composeBody(input, actor.language);
    const { flaggedPattern } = await screenEdit(tx, actor, townId, post.position === 1 ? `${post.title}\n${body.text}` : body.text);
    const indexed = post.position === 1 ? `${post.title}\n\n${body.text}` : body.text;
    const config = searchConfigFor(body.language);
    await tx`insert into post_revisions (post_id, body_html, edited_by) values (${postId}, ${post.bodyHtml}, ${actor.userId})`;
    await tx`
      update posts set body = ${tx.json(body.doc as never)}, body_html = ${body.html}, body_text = ${body.text},
                       language = ${body.language}, language_source = ${body.languageSource}, edited_at = now(),
                       search_vector = to_tsvector(${config}::regconfig, ${indexed}) || to_tsvector('simple', ${indexed})
       where id = ${postId}`;
    if (flaggedPattern) await flagAutomatically(tx, townId, { kind: 'post', postId, authorId: post.authorId }, flaggedPattern);
    await publish(tx, { type: 'post:updated', townId, forumId: Number(post.forumId), threadId: Number(post.threadId), postId });
  });
}

/** Soft delete: the text goes, a placeholder keeps the thread's shape and positions. */
export async function deletePost(actor: MaybeActor, townId: number, postId: number): Promise<void> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  await sql.begin(async (tx) => {
    const [post] = await tx`
      select p.author_id, p.thread_id, p.deleted_at, p.status, t.forum_id from posts p join threads t on t.id = p.thread_id
       where p.id = ${postId} and p.municipality_id = ${townId} for update of p`;
    if (!post || post.deletedAt) throw new DomainError('not_found', 'forums:errors.postNotFound');
    if (!canEditPost(actor, { authorId: post.authorId })) throw new DomainError('forbidden', 'forums:errors.notYourPost');
    await tx`update posts set deleted_at = now(), search_vector = ''::tsvector where id = ${postId}`;
    if (post.status === 'published') await tx`update threads set visible_post_count = visible_post_count - 1 where id = ${post.threadId}`;
    // A held post its author withdrew needs no decision any more.
    const withdrawn = await tx`update moderation_cases set status = 'decided', decided_at = now(), claimed_by = null
                                where post_id = ${postId} and status = 'open' and held returning id`;
    if (withdrawn.length) await publish(tx, { type: 'queue:changed', townId, caseId: Number(withdrawn[0].id) });
    await publish(tx, { type: 'post:deleted', townId, forumId: Number(post.forumId), threadId: Number(post.threadId), postId });
  });
}

/** Page N of a thread (1-based): one index range scan, the same cost on page 1 and page 500. */
export async function listPostsPage(threadId: number, page: number, viewer: PostViewer = GUEST_VIEWER): Promise<PostView[]> {
  const from = (page - 1) * POSTS_PER_PAGE + 1;
  return sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.thread_id = ${threadId} and p.position between ${from} and ${from + POSTS_PER_PAGE - 1} and ${visibleTo(viewer)}
     order by p.position`;
}

/** Posts in one language, after a position (keyset), for the thread's language filter. */
export async function listPostsInLanguage(threadId: number, language: string, afterPosition: number, viewer: PostViewer = GUEST_VIEWER): Promise<PostView[]> {
  return sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.thread_id = ${threadId} and p.language = ${language} and p.position > ${afterPosition} and p.deleted_at is null and ${visibleTo(viewer)}
     order by p.position limit ${POSTS_PER_PAGE}`;
}

/**
 * The languages a thread is written in, for its filter. A loose index scan (one index seek per language)
 * instead of GROUP BY, so a 10,000-post thread costs what a short one does.
 */
export async function threadLanguages(threadId: number): Promise<string[]> {
  const rows = await sql`
    with recursive found as (
      (select language from posts where thread_id = ${threadId} and deleted_at is null and status = 'published' order by language limit 1)
      union all
      select (select p.language from posts p
               where p.thread_id = ${threadId} and p.language > found.language and p.deleted_at is null and p.status = 'published'
               order by p.language limit 1)
        from found where found.language is not null
    )
    select language from found where language is not null`;
  return rows.map((row) => row.language as string);
}

/** What a reconnecting reader missed: every post after the last position it saw (bounded; beyond that, reload). */
export async function postsAfter(threadId: number, lastSeenPosition: number, limit = 200): Promise<PostView[]> {
  return sql<PostView[]>`
    select ${postColumns} from posts p ${postJoins}
     where p.thread_id = ${threadId} and p.position > ${lastSeenPosition} and p.status <> 'held'
     order by p.position limit ${limit}`;
}

export async function getPostView(postId: number): Promise<PostView | null> {
  const [post] = await sql<PostView[]>`select ${postColumns} from posts p ${postJoins} where p.id = ${postId}`;
  return post ?? null;
}

/** Where a post lives, for permalinks: its town, thread and page. */
export async function locatePost(postId: number): Promise<{ townSlug: string; threadId: number; page: number } | null> {
  const [post] = await sql`
    select m.slug as town_slug, p.thread_id, p.position from posts p join municipalities m on m.id = p.municipality_id
     where p.id = ${postId}`;
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

export async function getEditablePost(actor: MaybeActor, townId: number, postId: number): Promise<EditablePost> {
  const [post] = await sql`
    select id, thread_id, author_id, body, language, language_source from posts
     where id = ${postId} and municipality_id = ${townId} and deleted_at is null and status <> 'hidden'`;
  if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
  if (!canEditPost(actor, { authorId: post.authorId })) throw new DomainError('forbidden', 'forums:errors.notYourPost');
  return { id: Number(post.id), threadId: Number(post.threadId), body: post.body, language: post.language, languageSource: post.languageSource };
}

export interface Revision {
  id: number;
  bodyHtml: string;
  createdAt: Date;
}

/** The kept versions of a post, newest first; only while the post itself is visible. */
export async function listRevisions(townId: number, postId: number): Promise<{ post: PostView; revisions: Revision[] }> {
  const [post] = await sql<PostView[]>`select ${postColumns} from posts p ${postJoins} where p.id = ${postId} and p.municipality_id = ${townId} and p.deleted_at is null and p.status = 'published'`;
  if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
  const revisions = await sql<Revision[]>`select id, body_html, created_at from post_revisions where post_id = ${postId} order by id desc`;
  return { post, revisions };
}
