/** The one gate of every moderation function: the actor moderates this town (moderator or town admin). */
import { DomainError } from '#app/domain/errors';
import { canModerate, type Actor, type MaybeActor } from '#app/domain/auth/permissions';

export function requireModerator(actor: MaybeActor, townId: number): Actor {
  if (!canModerate(actor, townId)) throw new DomainError('forbidden', 'moderation:errors.notModerator');
  return actor!;
}
