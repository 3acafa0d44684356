/**
 * Who may read what in the forums — written once, as SQL, and used by every path: pages, permalinks,
 * history, report forms, search, quotes, the socket room join, the catch-up after a reconnect and the live
 * emit (which reads as a guest, because a thread's room holds guests too).
 *
 * Town forums are public. What waits for review is not: a thread whose first post is held exists only for
 * its author and the town's moderators, and so does a held post. Hidden and deleted posts keep their place
 * with a placeholder; their text never leaves the database (see `postColumns`).
 */
import { sql } from '#app/database/client.server';
import { canModerate, type MaybeActor } from '#app/domain/auth/permissions';

/** The towns in which this person sees what waits for review. */
function reviewingTowns(actor: MaybeActor): number[] {
  if (!actor) return [];
  return Object.keys(actor.roles)
    .map(Number)
    .filter((townId) => canModerate(actor, townId));
}

/** `threads` row under `alias` is readable by the actor. */
export function threadReadable(actor: MaybeActor, alias = 't') {
  const t = sql(alias);
  return sql`(not ${t}.held or ${t}.author_id = ${actor?.userId ?? ''} or ${t}.municipality_id = any(${reviewingTowns(actor)}::bigint[]))`;
}

/** `posts` row under `alias` is readable by the actor (its thread must be readable too: join it and add threadReadable). */
export function postReadable(actor: MaybeActor, alias = 'p') {
  const p = sql(alias);
  return sql`(${p}.status <> 'held' or ${p}.author_id = ${actor?.userId ?? ''} or ${p}.municipality_id = any(${reviewingTowns(actor)}::bigint[]))`;
}

/**
 * What everyone in a thread's live room may read. Only readers of the thread get into the room (the socket
 * join asks threadReadable): for a public thread that includes guests, so only what a guest may read; for a
 * held thread only its author and the town's moderators, so also what the thread's author may read.
 */
export function readableByWholeRoom(postAlias = 'p', threadAlias = 't') {
  const p = sql(postAlias);
  const t = sql(threadAlias);
  return sql`(${p}.status <> 'held' or (${t}.held and ${p}.author_id = ${t}.author_id))`;
}

/** Readable and with its text shown: what may be quoted, reported or have its history opened. */
export function postTextShown(actor: MaybeActor, alias = 'p') {
  const p = sql(alias);
  return sql`(${postReadable(actor, alias)} and ${p}.deleted_at is null and ${p}.status <> 'hidden')`;
}
