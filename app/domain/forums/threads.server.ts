/** Threads: listing by last activity (keyset paging), starting a thread, reading one. */
import { sql } from '#app/db.server';
import { DomainError } from '#app/domain/errors';
import { canModerate, canPostInForum, type MaybeActor } from '#app/domain/auth/permissions';
import type { Forum } from './forums.server';
import { insertPost } from './posts.server';
import type { ComposerInput } from './compose.server';

export interface ThreadSummary {
  id: number;
  title: string;
  authorName: string | null;
  createdAt: Date;
  lastPostAt: Date;
  replyCount: number;
  postCount: number;
  pinned: boolean;
  locked: boolean;
  /** Posts after what the signed-in reader has seen; null for guests and for threads never opened. */
  unreadCount: number | null;
}

export const THREADS_PER_PAGE = 25;

/** Opaque cursor for "older threads": the last row's sort key (pinned, activity time, id). */
export const threadCursor = (thread: { pinned: boolean; lastPostAt: Date; id: number }) =>
  `${thread.pinned ? 1 : 0}_${thread.lastPostAt.toISOString()}_${thread.id}`;

function parseCursor(cursor: string | null | undefined): { pinned: boolean; at: Date; id: number } | null {
  const match = cursor?.match(/^([01])_(\d{4}-\d\d-\d\dT[\d:.]+Z)_(\d+)$/);
  return match ? { pinned: match[1] === '1', at: new Date(match[2]), id: Number(match[3]) } : null;
}

export async function listThreads(actor: MaybeActor, forum: Forum, cursor?: string | null): Promise<{ threads: ThreadSummary[]; next: string | null }> {
  const after = parseCursor(cursor);
  const rows = await sql<ThreadSummary[]>`
    select t.id, t.title, u.display_name as author_name, t.created_at, t.last_post_at,
           greatest(t.visible_post_count - 1, 0) as reply_count, t.post_count, t.pinned, t.locked,
           ${actor ? sql`case when r.last_read_position is null then null else greatest(t.post_count - r.last_read_position, 0) end` : sql`null`}::int as unread_count
      from threads t
      left join users u on u.id = t.author_id
      ${actor ? sql`left join thread_reads r on r.thread_id = t.id and r.user_id = ${actor.userId}` : sql``}
     where t.forum_id = ${forum.id} and t.municipality_id = ${forum.municipalityId}
       ${canModerate(actor, forum.municipalityId) ? sql`` : sql`and (not t.held or t.author_id = ${actor?.userId ?? ''})`}
       ${after ? sql`and (t.pinned, t.last_post_at, t.id) < (${after.pinned}, ${after.at}, ${after.id})` : sql``}
     order by t.pinned desc, t.last_post_at desc, t.id desc
     limit ${THREADS_PER_PAGE + 1}`;
  const threads = rows.slice(0, THREADS_PER_PAGE);
  return { threads, next: rows.length > THREADS_PER_PAGE ? threadCursor(threads[threads.length - 1]) : null };
}

export interface Thread {
  id: number;
  municipalityId: number;
  forumId: number;
  forumSlug: string;
  forumName: string;
  staffOnlyPosting: boolean;
  title: string;
  authorId: string | null;
  postCount: number;
  visiblePostCount: number;
  locked: boolean;
  pinned: boolean;
  /** its first post waits for review */
  held: boolean;
  slowModeSeconds: number | null;
}

export async function getThread(townId: number, threadId: number): Promise<Thread> {
  const [thread] = await sql<Thread[]>`
    select t.id, t.municipality_id, t.forum_id, f.slug as forum_slug, f.name as forum_name, f.staff_only_posting,
           t.title, t.author_id, t.post_count, t.visible_post_count, t.locked, t.pinned, t.held, t.slow_mode_seconds
      from threads t join forums f on f.id = t.forum_id
     where t.id = ${threadId} and t.municipality_id = ${townId}`;
  if (!thread) throw new DomainError('not_found', 'forums:errors.threadNotFound');
  return thread;
}

/** A thread as this reader may see it: one waiting for review exists only for its author and the moderators. */
export async function getReadableThread(actor: MaybeActor, townId: number, threadId: number): Promise<Thread> {
  const thread = await getThread(townId, threadId);
  if (thread.held && thread.authorId !== actor?.userId && !canModerate(actor, townId)) throw new DomainError('not_found', 'forums:errors.threadNotFound');
  return thread;
}

/** Town forums are public: anyone may read a thread that exists. Returns its town and forum for room checks. */
export async function readableThread(threadId: number): Promise<{ municipalityId: number; forumId: number } | null> {
  const [thread] = await sql`select municipality_id, forum_id from threads where id = ${threadId}`;
  return thread ? { municipalityId: Number(thread.municipalityId), forumId: Number(thread.forumId) } : null;
}

export async function readableForum(forumId: number): Promise<boolean> {
  const [forum] = await sql`select 1 from forums where id = ${forumId}`;
  return !!forum;
}

export async function createThread(actor: MaybeActor, forum: Forum, input: { title: string } & ComposerInput): Promise<{ threadId: number; postId: number }> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!canPostInForum(actor, forum.municipalityId, forum)) {
    throw new DomainError('forbidden', forum.staffOnlyPosting ? 'forums:errors.staffOnly' : 'forums:errors.joinToPost');
  }
  return sql.begin(async (tx) => {
    const [thread] = await tx`
      insert into threads (municipality_id, forum_id, title, author_id)
      values (${forum.municipalityId}, ${forum.id}, ${input.title}, ${actor.userId}) returning id`;
    const postId = await insertPost(tx, actor, {
      threadId: Number(thread.id),
      townId: forum.municipalityId,
      forumId: forum.id,
      title: input.title,
      composer: input,
    });
    return { threadId: Number(thread.id), postId };
  });
}

/** Remembers how far a signed-in reader has read, for unread markers (never moves backwards). */
export async function markThreadRead(actor: MaybeActor, threadId: number, position: number): Promise<void> {
  if (!actor || position <= 0) return;
  await sql`
    insert into thread_reads (user_id, thread_id, last_read_position) values (${actor.userId}, ${threadId}, ${position})
    on conflict (user_id, thread_id) do update set last_read_position = greatest(thread_reads.last_read_position, excluded.last_read_position)`;
}
