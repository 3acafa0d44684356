/** Threads: listing by last activity (keyset paging), reading one, the reader's unread marker. */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { forumTextLanguage, localisedForumName } from './forum-texts.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { threadReadable } from './visibility.server';
import type { ThreadSummary } from './types';

export type { ThreadSummary } from './types';

export const THREADS_PER_PAGE = 25;

/** Opaque cursor for "older threads": the last row's sort key (pinned, activity time, id). */
export const threadCursor = (thread: { pinned: boolean; lastPostAt: Date; id: number }) =>
  `${thread.pinned ? 1 : 0}_${thread.lastPostAt.toISOString()}_${thread.id}`;

function parseCursor(cursor: string | null | undefined): { pinned: boolean; at: Date; id: number } | null {
  const match = cursor?.match(/^([01])_(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z)_(\d{1,15})$/);
  if (!match || Number.isNaN(Date.parse(match[2]))) return null;
  return { pinned: match[1] === '1', at: new Date(match[2]), id: Number(match[3]) };
}

export async function listThreads(
  actor: MaybeActor,
  input: { townId: number; forumId: number; cursor?: string | null },
): Promise<{ threads: ThreadSummary[]; next: string | null }> {
  const after = parseCursor(input.cursor);
  const rows = await sql<ThreadSummary[]>`
    select t.id, t.title, u.display_name as author_name, t.created_at, t.last_post_at,
           greatest(t.visible_post_count - 1, 0) as reply_count, t.post_count, t.pinned, t.locked,
           ${actor ? sql`case when r.last_read_position is null then null else greatest(t.post_count - r.last_read_position, 0) end` : sql`null`}::int as unread_count
      from threads t
      left join users u on u.id = t.author_id
      ${actor ? sql`left join thread_reads r on r.thread_id = t.id and r.user_id = ${actor.userId}` : sql``}
     where t.forum_id = ${input.forumId} and t.municipality_id = ${input.townId} and ${threadReadable(actor)}
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
  /** in the reader's language where the town translated it */
  forumName: string;
  forumNameLanguage: string;
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

/** A thread as this reader may see it, or not_found (held threads exist only for their author and the moderators). */
export async function getThread(actor: MaybeActor, input: { townId: number; threadId: number; language?: string }): Promise<Thread> {
  const language = input.language ?? '';
  const [thread] = await sql<Thread[]>`
    select t.id, t.municipality_id, t.forum_id, f.slug as forum_slug, ${localisedForumName(language)} as forum_name,
           ${forumTextLanguage(language)} as forum_name_language, f.staff_only_posting,
           t.title, t.author_id, t.post_count, t.visible_post_count, t.locked, t.pinned, t.held, t.slow_mode_seconds
      from threads t join forums f on f.id = t.forum_id join municipalities m on m.id = t.municipality_id
     where t.id = ${input.threadId} and t.municipality_id = ${input.townId} and ${threadReadable(actor)}`;
  if (!thread) throw new DomainError('not_found', 'forums:errors.threadNotFound');
  return thread;
}

/** For joining a thread's live room: where the thread lives, if this reader may read it. */
export async function readableThread(actor: MaybeActor, input: { threadId: number }): Promise<{ municipalityId: number; forumId: number } | null> {
  const [thread] = await sql`select t.municipality_id, t.forum_id from threads t where t.id = ${input.threadId} and ${threadReadable(actor)}`;
  return thread ? { municipalityId: Number(thread.municipalityId), forumId: Number(thread.forumId) } : null;
}

/** Remembers how far a signed-in reader has read, for unread markers (never moves backwards). */
export async function markThreadRead(actor: MaybeActor, input: { threadId: number; position: number }): Promise<void> {
  if (!actor || input.position <= 0) return;
  // Rereading a page changes nothing: then nothing is written (no row version, no commit to flush).
  await sql`
    insert into thread_reads (user_id, thread_id, last_read_position)
    select ${actor.userId}, ${input.threadId}, ${input.position}
     where not exists (select 1 from thread_reads where user_id = ${actor.userId} and thread_id = ${input.threadId} and last_read_position >= ${input.position})
    on conflict (user_id, thread_id) do update set last_read_position = excluded.last_read_position
     where thread_reads.last_read_position < excluded.last_read_position`;
}
