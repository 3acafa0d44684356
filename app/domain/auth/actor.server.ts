import { sql } from '#app/database/client.server';
import type { Actor, TownRole } from './permissions';

/** The signed-in person with their role in each town, or null when the account is gone. */
export async function loadActor(userId: string): Promise<Actor | null> {
  const [user] = await sql`
    select id, email, display_name, email_verified_at, language, is_network_team,
           coalesce((select json_object_agg(municipality_id, role) from memberships where user_id = users.id), '{}') as roles,
           array(select municipality_id::int from memberships where user_id = users.id and is_official order by 1) as official_in
      from users where id = ${userId}`;
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerifiedAt !== null,
    language: user.language,
    isNetworkTeam: user.isNetworkTeam,
    roles: user.roles as Record<number, TownRole>,
    officialIn: user.officialIn as number[],
  };
}
