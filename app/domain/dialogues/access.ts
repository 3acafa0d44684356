/**
 * Who may run dialogue events: a town's organisers and admins for the town's events, the network team for
 * network-wide ones (no town). Pure: pages use it to show the organiser's links, the domain checks it again.
 */
import { canManageNetwork, canOrganise, type MaybeActor } from '#app/domain/auth/permissions';

export const canManageEvents = (actor: MaybeActor, townId: number | null): boolean => (townId === null ? canManageNetwork(actor) : canOrganise(actor, townId));

/** The towns whose drafts and registrations this person may see as an organiser. */
export const organisedTowns = (actor: MaybeActor): number[] =>
  actor ? Object.keys(actor.roles).map(Number).filter((townId) => canOrganise(actor, townId)) : [];

