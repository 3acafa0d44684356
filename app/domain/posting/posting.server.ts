/**
 * Writing in the forums: starting a thread, replying, editing with history, soft deletion. Each post passes
 * moderation's screening (sanctions, slow mode, watched words, pre-moderation, the shield) on its way in,
 * which is why this sits above both forums/ and moderation/.
 *
 * What costs CPU — validating the rich text, rendering it, detecting the language — happens before the
 * transaction; the thread's row lock is held only from the position update to the commit.
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import { canEditPost, canPostInForum, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import { takeAttempt } from '#app/domain/auth/throttle.server';
import { blockquoteOf } from '#app/editor/plain-text';
import { composeBody, type ComposedBody, type ComposerInput } from '#app/domain/forums/compose.server';
import { searchConfigFor } from '#app/domain/forums/language';
import { announcementCtes, announcementSent, quotablePost } from '#app/domain/forums/posts.server';
import { threadReadable } from '#app/domain/forums/visibility.server';
import { screenEdit, screenNewPost } from '#app/domain/moderation/screening.server';
import { openCase } from '#app/domain/moderation/cases.server';
import { flagAutomatically } from '#app/domain/moderation/reports.server';
import { recordAudit } from '#app/domain/moderation/audit.server';

export interface PostedResult {
  postId: number;
  position: number;
  /** held: waits for review, shown to its author only until a moderator approves it. */
  status: 'published' | 'held';
}

const requireSignedIn = (actor: MaybeActor): Actor => {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  return actor;
};

/** Who may write in a forum, and the reason shown when not: confirm the address, join the town, be staff. */
function assertMayPost(actor: Actor, townId: number, forum: { staffOnlyPosting: boolean }) {
  if (canPostInForum(actor, townId, forum)) return;
  if (!actor.emailVerified) throw new DomainError('forbidden', 'forums:errors.verifyFirst');
  throw new DomainError('forbidden', forum.staffOnlyPosting && actor.roles[townId] ? 'forums:errors.staffOnly' : 'forums:errors.joinToPost');
}

interface PostingLimits {
  postsPerWindow: number;
  postWindowSeconds: number;
}

function postingRule(townId: number, userId: string, limits: PostingLimits) {
  return { bucket: `post:${townId}:${userId}`, limit: limits.postsPerWindow, windowSeconds: limits.postWindowSeconds };
}

interface InsertPostInput {
  threadId: number;
  townId: number;
  forumId: number;
  /** Given for the first post of a thread: indexed with the body. */
  title?: string;
  body: ComposedBody;
  quotedPostId?: number;
  quotedAuthorId?: string | null;
  clientKey?: string;
  /** The town's posting limit, read with the thread or forum. */
  limits: PostingLimits;
}

/** A post this author already sent with this key (a second click, a resent form): the same post again. */
async function alreadyPosted(db: Tx | typeof sql, actor: Actor, clientKey: string | undefined): Promise<(PostedResult & { threadId: number }) | null> {
  if (!clientKey) return null;
  const [post] = await db`select id, thread_id, position, status from posts where author_id = ${actor.userId} and client_key = ${clientKey}`;
  return post ? { postId: Number(post.id), threadId: Number(post.threadId), position: post.position, status: post.status === 'held' ? 'held' : 'published' } : null;
}

const isDuplicateKey = (error: unknown) => (error as { code?: string; constraint_name?: string })?.code === '23505' && /client_key/.test(String((error as { constraint_name?: string }).constraint_name ?? (error as Error).message));

/**
 * What a posting transaction's callback returns: the post, read once the transaction has committed. For the
 * common case (a published post nobody needs to look at) the transaction's COMMIT goes out right behind the
 * locked insert, before its answer is back (postgres.js pipelines on the transaction's connection), so the
 * thread's row is locked for the insert and the commit only, not also for a round trip through this process
 * while it serves everyone else (decision 021). Should the insert fail, PostgreSQL turns that COMMIT into a
 * rollback and the function throws the insert's error.
 */
type AfterCommit = () => Promise<PostedResult>;

/** Inserts a post inside the caller's transaction; the thread row must exist. Call what it returns after the commit. */
async function insertPost(tx: Tx, actor: Actor, input: InsertPostInput): Promise<AfterCommit> {
  // Everything that needs no lock goes out at once, before the thread's row lock: postgres.js pipelines a
  // transaction's concurrent queries, and PostgreSQL runs them in the order sent (the throttle counts before
  // this attempt is recorded; a refusal rolls the whole transaction back, the recorded attempt with it).
  const rule = postingRule(input.townId, actor.userId, input.limits);
  const config = searchConfigFor(input.body.language);
  const indexed = input.title ? `${input.title}\n\n${input.body.text}` : input.body.text;
  const [, screening, [reserved]] = await Promise.all([
    takeAttempt(tx, rule, 'forums:errors.postingLimit'),
    screenNewPost(tx, actor, {
      townId: input.townId,
      forumId: input.forumId,
      threadId: input.threadId,
      title: input.title,
      text: input.body.text,
      quotedPostId: input.quotedPostId,
    }),
    // The post's id is taken now, and indexing (it costs the database CPU) done now, not while the thread is locked.
    tx<{ id: number; searchVector: string }[]>`
      select nextval(pg_get_serial_sequence('posts', 'id')) as id,
             to_tsvector(${config}::regconfig, ${indexed}) || to_tsvector('simple', ${indexed}) as search_vector`,
    // Authors follow what they write.
    tx`insert into thread_subscriptions (user_id, thread_id) values (${actor.userId}, ${input.threadId}) on conflict do nothing`,
  ]);
  const published = screening.status === 'published';
  const announced = { townId: input.townId, forumId: input.forumId, threadId: input.threadId, authorId: actor.userId, quotedAuthorId: input.quotedAuthorId ?? null };
  // A published post is announced under its id (notifications, the bus) in the statement before the locked
  // insert, on the same round trip: it runs before the lock is taken, and the bus delivers only at commit.
  const announcement = published ? tx`with new_post as (select ${reserved.id}::bigint as id), ${announcementCtes(tx, announced)} select ${announcementSent(tx)} as sent` : null;

  // From here to the commit the thread's row is locked: positions commit in order, so catch-up by position misses nothing.
  // A held post takes its position now (pages stay stable) but changes nothing readers see until approved.
  const locked = tx<{ id: string; position: number }[]>`
    with thread as (
      update threads set post_count = post_count + 1,
                         visible_post_count = visible_post_count + ${published ? 1 : 0},
                         last_post_at = case when ${published} then date_trunc('milliseconds', now()) else last_post_at end,
                         held = case when ${!!input.title} then ${!published} else held end
       where id = ${input.threadId} and municipality_id = ${input.townId}
      returning post_count)
    insert into posts (id, municipality_id, thread_id, position, author_id, body, body_html, body_text, language, language_source, quoted_post_id,
                       search_vector, status, client_key)
    overriding system value
    select ${reserved.id}, ${input.townId}, ${input.threadId}, thread.post_count, ${actor.userId}, ${tx.json(input.body.doc as never)}, ${input.body.html},
           ${input.body.text}, ${input.body.language}, ${input.body.languageSource}, ${input.quotedPostId ?? null},
           ${reserved.searchVector}::tsvector, ${screening.status}, ${input.clientKey ?? null}
      from thread
    returning id, position`;
  const inserted = ([post]: { id: string; position: number }[]) => {
    if (!post) throw new DomainError('not_found', 'forums:errors.threadNotFound');
    return { postId: Number(post.id), position: Number(post.position) };
  };
  announcement?.execute();
  locked.execute();
  // A failed announcement fails the insert behind it: its own error is the one to report.
  if (published && !screening.flagged) {
    return async () => {
      await announcement;
      return { ...inserted(await locked), status: 'published' };
    };
  }
  await announcement;
  const { postId, position } = inserted(await locked);

  const target = { kind: 'post' as const, postId, authorId: actor.userId };
  if (!published) {
    const caseId = await openCase(tx, { townId: input.townId, target, held: true, holdReason: screening.holdReason, watchedPattern: screening.watchedPattern });
    await recordAudit(tx, {
      townId: input.townId,
      actorId: null,
      action: 'hold',
      caseId,
      postId,
      threadId: input.threadId,
      subjectUserId: actor.userId,
      details: { reason: screening.holdReason, pattern: screening.watchedPattern },
    });
    return async () => ({ postId, position, status: 'held' });
  }
  await flagAutomatically(tx, input.townId, target, screening.watchedPattern);
  return async () => ({ postId, position, status: 'published' });
}

/** Runs a posting transaction; when the same key raced in twice, answers with the post the first one stored. */
async function onceByKey<T>(actor: Actor, clientKey: string | undefined, write: () => Promise<T>, existing: (found: PostedResult & { threadId: number }) => T): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const found = await alreadyPosted(sql, actor, clientKey);
    if (!found) throw error;
    return existing(found);
  }
}

export interface NewThreadInput extends ComposerInput {
  townId: number;
  forumId: number;
  title: string;
  clientKey?: string;
}

export async function createThread(maybeActor: MaybeActor, input: NewThreadInput): Promise<PostedResult & { threadId: number }> {
  const actor = requireSignedIn(maybeActor);
  const [forum] = await sql`
    select f.id, f.staff_only_posting, m.posts_per_window, m.post_window_seconds
      from forums f join municipalities m on m.id = f.municipality_id
     where f.id = ${input.forumId} and f.municipality_id = ${input.townId}`;
  if (!forum) throw new DomainError('not_found', 'forums:errors.forumNotFound');
  assertMayPost(actor, input.townId, { staffOnlyPosting: forum.staffOnlyPosting });
  const repeated = await alreadyPosted(sql, actor, input.clientKey);
  if (repeated) return repeated;
  const body = composeBody(input, actor.language);
  return onceByKey(
    actor,
    input.clientKey,
    () =>
      sql
        .begin(async (tx) => {
          const [thread] = await tx`
            insert into threads (municipality_id, forum_id, title, author_id)
            values (${input.townId}, ${input.forumId}, ${input.title}, ${actor.userId}) returning id`;
          const threadId = Number(thread.id);
          const afterCommit = await insertPost(tx, actor, {
            threadId,
            townId: input.townId,
            forumId: input.forumId,
            title: input.title,
            body,
            clientKey: input.clientKey,
            limits: { postsPerWindow: forum.postsPerWindow, postWindowSeconds: forum.postWindowSeconds },
          });
          return { threadId, afterCommit };
        })
        .then(async ({ threadId, afterCommit }) => ({ ...(await afterCommit()), threadId })),
    (found) => found,
  );
}

export interface ReplyInput extends ComposerInput {
  townId: number;
  threadId: number;
  quotedPostId?: number;
  clientKey?: string;
}

export async function createReply(maybeActor: MaybeActor, input: ReplyInput): Promise<PostedResult> {
  const actor = requireSignedIn(maybeActor);
  const repeated = await alreadyPosted(sql, actor, input.clientKey);
  if (repeated && repeated.threadId === input.threadId) return repeated;
  // Only what everyone in this thread can read may be quoted: never a hidden, held or deleted post, nor one from elsewhere.
  const quote = input.quotedPostId ? await quotablePost(sql, actor, { threadId: input.threadId, postId: input.quotedPostId }) : null;
  if (input.quotedPostId && !quote) throw new DomainError('not_found', 'forums:errors.quotedPostGone', {}, 'body');
  const body = composeBody(input, actor.language, quote ? blockquoteOf(quote.doc) : undefined);
  return onceByKey(
    actor,
    input.clientKey,
    () =>
      sql
        .begin(async (tx) => {
          const [thread] = await tx`
            select t.id, t.forum_id, t.locked, f.staff_only_posting, m.posts_per_window, m.post_window_seconds
              from threads t join forums f on f.id = t.forum_id join municipalities m on m.id = t.municipality_id
             where t.id = ${input.threadId} and t.municipality_id = ${input.townId} and ${threadReadable(actor)}`;
          if (!thread) throw new DomainError('not_found', 'forums:errors.threadNotFound');
          assertMayPost(actor, input.townId, { staffOnlyPosting: thread.staffOnlyPosting });
          if (thread.locked) throw new DomainError('forbidden', 'forums:errors.locked');
          return insertPost(tx, actor, {
            threadId: input.threadId,
            townId: input.townId,
            forumId: Number(thread.forumId),
            body,
            quotedPostId: input.quotedPostId,
            quotedAuthorId: quote?.authorId ?? null,
            clientKey: input.clientKey,
            limits: { postsPerWindow: thread.postsPerWindow, postWindowSeconds: thread.postWindowSeconds },
          });
        })
        .then((afterCommit) => afterCommit()),
    (found) => found,
  );
}

export interface EditInput extends ComposerInput {
  townId: number;
  postId: number;
}

export async function editPost(maybeActor: MaybeActor, input: EditInput): Promise<{ threadId: number }> {
  const actor = requireSignedIn(maybeActor);
  const body = composeBody(input, actor.language);
  return sql.begin(async (tx) => {
    const [post] = await tx`
      select p.id, p.author_id, p.thread_id, p.position, p.body_html, p.deleted_at, p.status, t.forum_id, t.title, t.locked
        from posts p join threads t on t.id = p.thread_id
       where p.id = ${input.postId} and p.municipality_id = ${input.townId} for update of p`;
    if (!post || post.deletedAt || post.status === 'hidden' || !canEditPost(actor, { authorId: post.authorId })) {
      throw new DomainError('not_found', 'forums:errors.postNotFound');
    }
    if (post.locked) throw new DomainError('forbidden', 'forums:errors.locked');
    const { flaggedPattern } = await screenEdit(tx, actor, input.townId, post.position === 1 ? `${post.title}\n${body.text}` : body.text);
    const indexed = post.position === 1 ? `${post.title}\n\n${body.text}` : body.text;
    const config = searchConfigFor(body.language);
    await tx`insert into post_revisions (post_id, body_html, edited_by) values (${input.postId}, ${post.bodyHtml}, ${actor.userId})`;
    await tx`
      update posts set body = ${tx.json(body.doc as never)}, body_html = ${body.html}, body_text = ${body.text},
                       language = ${body.language}, language_source = ${body.languageSource}, edited_at = now(),
                       search_vector = to_tsvector(${config}::regconfig, ${indexed}) || to_tsvector('simple', ${indexed})
       where id = ${input.postId}`;
    if (flaggedPattern) await flagAutomatically(tx, input.townId, { kind: 'post', postId: input.postId, authorId: post.authorId }, flaggedPattern);
    await publish(tx, { type: 'post:updated', townId: input.townId, forumId: Number(post.forumId), threadId: Number(post.threadId), postId: input.postId });
    return { threadId: Number(post.threadId) };
  });
}

/** Soft delete: the text goes, a placeholder keeps the thread's shape and positions. */
export async function deletePost(maybeActor: MaybeActor, input: { townId: number; postId: number }): Promise<void> {
  const actor = requireSignedIn(maybeActor);
  await sql.begin(async (tx) => {
    const [post] = await tx`
      select p.author_id, p.thread_id, p.deleted_at, p.status, t.forum_id from posts p join threads t on t.id = p.thread_id
       where p.id = ${input.postId} and p.municipality_id = ${input.townId} for update of p`;
    if (!post || post.deletedAt || !canEditPost(actor, { authorId: post.authorId })) throw new DomainError('not_found', 'forums:errors.postNotFound');
    await tx`update posts set deleted_at = now(), search_vector = ''::tsvector where id = ${input.postId}`;
    if (post.status === 'published') await tx`update threads set visible_post_count = visible_post_count - 1 where id = ${post.threadId}`;
    // A held post its author withdrew needs no decision any more.
    const withdrawn = await tx`update moderation_cases set status = 'decided', decided_at = now(), claimed_by = null
                                where post_id = ${input.postId} and status = 'open' and held returning id`;
    if (withdrawn.length) await publish(tx, { type: 'queue:changed', townId: input.townId, caseId: Number(withdrawn[0].id) });
    await publish(tx, { type: 'post:deleted', townId: input.townId, forumId: Number(post.forumId), threadId: Number(post.threadId), postId: input.postId });
  });
}

