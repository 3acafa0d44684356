/**
 * Per-town moderation settings: which forums are pre-moderated, how many first posts of a new member wait
 * for review, and the shield an official can switch on for themselves.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { isOfficial, type MaybeActor } from '#app/domain/auth/permissions';
import { recordAudit } from './audit.server';
import { requireModerator } from './access';

export interface ModerationSettings {
  reviewFirstPosts: number;
  forums: { id: number; name: string; premoderated: boolean }[];
}


export async function getModerationSettings(actor: MaybeActor, { townId }: { townId: number }): Promise<ModerationSettings> {
  requireModerator(actor, townId);
  const [town] = await sql`select review_first_posts from municipalities where id = ${townId}`;
  const forums = await sql<ModerationSettings['forums']>`select id, name, premoderated from forums where municipality_id = ${townId} order by position, id`;
  return { reviewFirstPosts: town.reviewFirstPosts, forums };
}

export async function saveModerationSettings(actor: MaybeActor, { townId, ...input }: { townId: number; reviewFirstPosts: number; premoderatedForums: number[] }): Promise<void> {
  const moderator = requireModerator(actor, townId);
  await sql.begin(async (tx) => {
    await tx`update municipalities set review_first_posts = ${input.reviewFirstPosts} where id = ${townId}`;
    await tx`update forums set premoderated = id = any(${input.premoderatedForums}::bigint[]) where municipality_id = ${townId}`;
    await recordAudit(tx, { townId, actorId: moderator.userId, action: 'settings', details: input });
  });
}

export async function isShielded(actor: MaybeActor, { townId }: { townId: number }): Promise<boolean> {
  if (!actor) return false;
  const [row] = await sql`select shielded from memberships where municipality_id = ${townId} and user_id = ${actor.userId}`;
  return !!row?.shielded;
}

/** Officials (and town admins, who act for the town) may shield themselves; nobody can shield another. */
export async function setShield(actor: MaybeActor, { townId, on }: { townId: number; on: boolean }): Promise<void> {
  if (!actor || !isOfficial(actor, townId)) throw new DomainError('forbidden', 'moderation:errors.notOfficial');
  await sql.begin(async (tx) => {
    await tx`update memberships set shielded = ${on} where municipality_id = ${townId} and user_id = ${actor.userId}`;
    await recordAudit(tx, { townId, actorId: actor.userId, action: on ? 'shield_on' : 'shield_off', subjectUserId: actor.userId });
  });
}
