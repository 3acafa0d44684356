/**
 * Who may do what in the Selbstcheck, as predicates over an Actor (browser-safe, like
 * app/domain/auth/permissions.ts). The domain functions call them again and put the same rule into their
 * SQL, so hiding a button is never the protection. The privacy rules behind them: decision 017.
 */
import { DomainError } from '#app/domain/errors';
import { isStaffIn, roleIn, type Actor, type MaybeActor } from '#app/domain/auth/permissions';

/** The town admin runs the town's self-check: opens rounds, invites, watches progress, closes, asks for advice. */
export const canRunSelfcheck = (actor: MaybeActor, townId: number) => roleIn(actor, townId) === 'admin';

/**
 * A closed round's results (aggregates only) are read by the town's staff and its respondents; the network
 * team reads aggregates of every town (for advice and the Bilanz), never single answers or comments.
 */
export const canReadTownResults = (actor: MaybeActor, townId: number) => isStaffIn(actor, townId) || !!actor?.isNetworkTeam;

/** The network team keeps the questionnaire, works the advice queue and takes stock. */
export const canManageSelfcheckNetwork = (actor: MaybeActor) => !!actor?.isNetworkTeam;

export function requireSignedIn(actor: MaybeActor): Actor {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  return actor;
}

export function requireTownAdmin(actor: MaybeActor, townId: number): Actor {
  const signedIn = requireSignedIn(actor);
  if (!canRunSelfcheck(signedIn, townId)) throw new DomainError('forbidden', 'selfcheck:errors.notTownAdmin');
  return signedIn;
}

export function requireNetworkTeam(actor: MaybeActor): Actor {
  const signedIn = requireSignedIn(actor);
  if (!canManageSelfcheckNetwork(signedIn)) throw new DomainError('forbidden', 'selfcheck:errors.notNetworkTeam');
  return signedIn;
}
