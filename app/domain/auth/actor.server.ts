import { sql } from '#app/database/client.server';
import type { Actor, TownRole } from './permissions';

/** The columns an Actor is made of, for a statement that reads `users` (as `users`, perhaps outer-joined). */
export const actorColumns = sql`
  users.id as actor_id, users.email as actor_email, users.display_name as actor_display_name,
  users.email_verified_at as actor_email_verified_at, users.language as actor_language, users.is_network_team as actor_is_network_team,
  coalesce((select json_object_agg(municipality_id, role) from memberships where user_id = users.id), '{}') as actor_roles,
  array(select municipality_id::int from memberships where user_id = users.id and is_official order by 1) as actor_official_in`;

interface ActorRow {
  actorId: string | null;
  actorEmail: string;
  actorDisplayName: string;
  actorEmailVerifiedAt: Date | null;
  actorLanguage: string;
  actorIsNetworkTeam: boolean;
  actorRoles: Record<number, TownRole>;
  actorOfficialIn: number[];
}

/** The Actor in a row read with `actorColumns`, or null when there is no such account. */
export function actorFromRow(row: Record<string, unknown>): Actor | null {
  const user = row as unknown as ActorRow;
  if (user.actorId === null || user.actorId === undefined) return null;
  return {
    userId: user.actorId,
    email: user.actorEmail,
    displayName: user.actorDisplayName,
    emailVerified: user.actorEmailVerifiedAt !== null,
    language: user.actorLanguage,
    isNetworkTeam: user.actorIsNetworkTeam,
    roles: user.actorRoles,
    officialIn: user.actorOfficialIn,
  };
}

/** The signed-in person with their role in each town, or null when the account is gone. */
export async function loadActor(userId: string): Promise<Actor | null> {
  const [row] = await sql`select ${actorColumns} from users where id = ${userId}`;
  return row ? actorFromRow(row) : null;
}
