/**
 * What happens to a post before anyone reads it: sanctions and slow mode may refuse it, a blocking watched
 * word rejects it, and pre-moderation (of a forum or of a new member), a holding watched word or the shield
 * of an official holds it for review. Moderators' own posts are never held.
 */
import { sql, type Db, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { canModerate, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import { compileWatchedWords, strongestAction } from './watched-words/matcher';
import type { WatchedWordAction } from './watched-words/types';
import type { HoldReason } from './cases.server';

export interface ActiveSanction {
  kind: 'mute' | 'suspend';
  endsAt: Date;
  decisionId: number;
}

/** SQL for the mute or suspension in force for a person in a town (warnings do not stop anyone), as JSON. */
const sanctionJson = (townId: number, userId: string) => sql`
  (select json_build_object('kind', kind, 'endsAt', ends_at, 'decisionId', decision_id) from sanctions
    where municipality_id = ${townId} and user_id = ${userId} and kind in ('mute', 'suspend') and lifted_at is null and ends_at > now()
    order by (kind = 'suspend') desc, ends_at desc limit 1)`;

const asSanction = (json: { kind: 'mute' | 'suspend'; endsAt: string; decisionId: number } | null): ActiveSanction | null =>
  json ? { kind: json.kind, endsAt: new Date(json.endsAt), decisionId: Number(json.decisionId) } : null;

export async function activeSanction(db: Db, townId: number, userId: string): Promise<ActiveSanction | null> {
  const [row] = await db`select ${sanctionJson(townId, userId)} as sanction`;
  return asSanction(row.sanction);
}

function assertNotSanctioned(sanction: ActiveSanction | null, field = 'body'): void {
  if (sanction) {
    throw new DomainError('forbidden', `moderation:errors.${sanction.kind === 'suspend' ? 'suspended' : 'muted'}`, { until: sanction.endsAt.toISOString() }, field);
  }
}

// A compiled list per town and list version (municipalities.watched_words_version, bumped by every change):
// compiling costs far more than reading the version with the query the posting path makes anyway.
const compiled = new Map<number, { version: number; matcher: ReturnType<typeof compileWatchedWords> }>();

async function watchedWordHits(db: Db, townId: number, version: number, text: string) {
  let entry = compiled.get(townId);
  if (entry?.version !== version) {
    const words = await db<{ pattern: string; action: WatchedWordAction }[]>`select pattern, action from watched_words where municipality_id = ${townId}`;
    entry = { version, matcher: compileWatchedWords(words) };
    compiled.set(townId, entry);
  }
  return entry.matcher.match(text);
}

export interface Screening {
  status: 'published' | 'held';
  holdReason: HoldReason | null;
  /** The watched word that held or flagged the post. */
  watchedPattern: string | null;
  /** A flagging watched word: publish, but report automatically. */
  flagged: boolean;
}

interface ScreenInput {
  townId: number;
  forumId: number;
  /** null for the first post of a new thread */
  threadId: number | null;
  title?: string;
  text: string;
  quotedPostId?: number | null;
}

export async function screenNewPost(tx: Tx, actor: Actor, input: ScreenInput): Promise<Screening> {
  const moderator = canModerate(actor, input.townId);
  // One round trip for everything the screening needs: this runs for every post.
  const [context] = await tx`
    select f.premoderated, m.review_first_posts, m.watched_words_version, t.slow_mode_seconds, ${sanctionJson(input.townId, actor.userId)} as sanction,
           -- Counted only where the town reviews first posts (the default is not to): a count like this is the
           -- kind of statement a generic plan turns into a scan of the town's posts when few people wrote most.
           case when m.review_first_posts > 0 then
             (select count(*)::int from (select 1 from posts p where p.author_id = ${actor.userId} and p.municipality_id = ${input.townId}
                                            and p.status = 'published' limit 50) mine) else 0 end as published_posts,
           (select p.created_at > now() - make_interval(secs => t.slow_mode_seconds) from posts p
             where p.thread_id = t.id and p.author_id = ${actor.userId} order by p.created_at desc limit 1) as too_soon,
           exists (select 1 from memberships o
                    where o.municipality_id = ${input.townId} and o.shielded and o.is_official and o.user_id <> ${actor.userId}
                      and (o.user_id = t.author_id or o.user_id = (select q.author_id from posts q where q.id = ${input.quotedPostId ?? null}))) as shielded
      from forums f join municipalities m on m.id = f.municipality_id
      left join threads t on t.id = ${input.threadId}
     where f.id = ${input.forumId}`;
  assertNotSanctioned(asSanction(context.sanction));
  if (!moderator && context.slowModeSeconds && context.tooSoon) {
    throw new DomainError('throttled', 'moderation:errors.slowMode', { seconds: context.slowModeSeconds }, 'body');
  }

  const hits = await watchedWordHits(tx, input.townId, context.watchedWordsVersion, input.title ? `${input.title}\n${input.text}` : input.text);
  const strongest = strongestAction(hits);
  const pattern = hits.find((hit) => hit.action === strongest)?.pattern ?? null;
  if (strongest === 'block') throw new DomainError('invalid', 'moderation:errors.blockedWord', { word: pattern ?? '' }, 'body');

  const published: Screening = { status: 'published', holdReason: null, watchedPattern: strongest === 'flag' ? pattern : null, flagged: strongest === 'flag' };
  if (moderator) return published;
  const hold = (holdReason: HoldReason): Screening => ({ status: 'held', holdReason, watchedPattern: pattern, flagged: false });
  if (strongest === 'hold') return hold('watched_word');
  if (context.shielded) return hold('shield');
  if (context.premoderated) return hold('forum');
  if (context.reviewFirstPosts > context.publishedPosts) return hold('new_member');
  return published;
}

/**
 * An edit is checked too: a blocking word refuses it; a holding or flagging word sends the post to the queue.
 * (Also a guest's question at an event, `actor` null: the town's list applies, there is no sanction to check.)
 */
export async function screenEdit(tx: Tx, actor: Actor | null, townId: number, text: string): Promise<{ flaggedPattern: string | null }> {
  const [state] = await tx`select watched_words_version, ${actor ? sanctionJson(townId, actor.userId) : sql`null::json`} as sanction from municipalities where id = ${townId}`;
  assertNotSanctioned(asSanction(state.sanction));
  const hits = await watchedWordHits(tx, townId, state.watchedWordsVersion, text);
  const strongest = strongestAction(hits);
  const pattern = hits.find((hit) => hit.action === strongest)?.pattern ?? null;
  if (strongest === 'block') throw new DomainError('invalid', 'moderation:errors.blockedWord', { word: pattern ?? '' }, 'body');
  return { flaggedPattern: strongest && !canModerate(actor, townId) ? pattern : null };
}

/** The sanction in force for the reader in a town, for pages that explain why they cannot write. */
export const sanctionOf = (actor: MaybeActor, { townId }: { townId: number }) => (actor ? activeSanction(sql, townId, actor.userId) : Promise.resolve(null));
