/**
 * Who may do what, as predicates over an Actor. Shared by routes, socket handlers and the browser (to hide
 * what one may not use); the domain functions call them again, so hiding is never the protection.
 */
export const TOWN_ROLES = ['member', 'moderator', 'organiser', 'official', 'admin'] as const;
export type TownRole = (typeof TOWN_ROLES)[number];
export const STAFF_ROLES = ['moderator', 'organiser', 'official', 'admin'] as const satisfies readonly TownRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Actor {
  userId: string;
  displayName: string;
  email: string;
  emailVerified: boolean;
  language: string;
  isNetworkTeam: boolean;
  /** municipality id → role in that town */
  roles: Record<number, TownRole>;
  /** Towns where the actor is an official: by role (official, admin) or marked as one by the town (memberships.is_official). */
  officialIn: number[];
}

/** A guest is `null`. */
export type MaybeActor = Actor | null;

export const roleIn = (actor: MaybeActor, townId: number): TownRole | null => actor?.roles[townId] ?? null;

export const isMemberOf = (actor: MaybeActor, townId: number) => roleIn(actor, townId) !== null;

export const canJoinTown = (actor: MaybeActor, townId: number) => !!actor && actor.emailVerified && !isMemberOf(actor, townId);

export const canModerate = (actor: MaybeActor, townId: number) => ['moderator', 'admin'].includes(roleIn(actor, townId) ?? '');

export const canOrganise = (actor: MaybeActor, townId: number) => ['organiser', 'admin'].includes(roleIn(actor, townId) ?? '');

/** Officials keep an incident log and may shield themselves; who counts as one is decided by memberships.is_official. */
export const isOfficial = (actor: MaybeActor, townId: number) => !!actor?.officialIn.includes(townId);

/** Town admins manage their town's staff; the network team may step in for any town. */
export const canManageMembers = (actor: MaybeActor, townId: number) => roleIn(actor, townId) === 'admin' || !!actor?.isNetworkTeam;

export const canManageNetwork = (actor: MaybeActor) => !!actor?.isNetworkTeam;

export const canReadDevMail = (demoMode: boolean) => demoMode;

export const isStaffIn = (actor: MaybeActor, townId: number) => (STAFF_ROLES as readonly string[]).includes(roleIn(actor, townId) ?? '');

/** Members with a confirmed address post; announcement forums take posts from staff only. */
export const canPostInForum = (actor: MaybeActor, townId: number, forum: { staffOnlyPosting: boolean }) =>
  !!actor && actor.emailVerified && isMemberOf(actor, townId) && (!forum.staffOnlyPosting || isStaffIn(actor, townId));

export const canManageForums = (actor: MaybeActor, townId: number) => roleIn(actor, townId) === 'admin' || !!actor?.isNetworkTeam;

/** Authors edit and delete their own posts (moderation comes on top, per town). */
export const canEditPost = (actor: MaybeActor, post: { authorId: string | null }) => !!actor && post.authorId === actor.userId;
