/**
 * Capability 5: per town, how many accounts it has and how often people asked for a copy of their data or
 * deleted their account — counts only, from rows that name nobody (personal_data_events). A town's admins
 * see their town; the network team sees every town.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { canManageMembers, canManageNetwork, type MaybeActor } from '#app/domain/auth/permissions';

export interface PersonalDataCounts {
  accounts: number;
  exports: number;
  deletions: number;
}

export interface TownCounts extends PersonalDataCounts {
  townId: number | null;
  slug: string | null;
  name: string | null;
}

const counts = (row: { accounts: number; exports: number; deletions: number }): PersonalDataCounts => ({ accounts: row.accounts, exports: row.exports, deletions: row.deletions });

export async function townPersonalDataCounts(actor: MaybeActor, input: { townId: number }): Promise<PersonalDataCounts> {
  if (!canManageMembers(actor, input.townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const [row] = await sql`
    select (select count(*)::int from memberships where municipality_id = ${input.townId}) as accounts,
           (select count(*)::int from personal_data_events where municipality_id = ${input.townId} and kind = 'export') as exports,
           (select count(*)::int from personal_data_events where municipality_id = ${input.townId} and kind = 'deletion') as deletions`;
  return counts(row as never);
}

/** Every town, and one row (townId null) for accounts in no town. */
export async function networkPersonalDataCounts(actor: MaybeActor): Promise<TownCounts[]> {
  if (!canManageNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const rows = await sql`
    select m.id as town_id, m.slug, m.name,
           (select count(*)::int from memberships ms where ms.municipality_id = m.id) as accounts,
           (select count(*)::int from personal_data_events e where e.municipality_id = m.id and e.kind = 'export') as exports,
           (select count(*)::int from personal_data_events e where e.municipality_id = m.id and e.kind = 'deletion') as deletions
      from municipalities m
    union all
    select null, null, null,
           (select count(*)::int from users u where not exists (select 1 from memberships ms where ms.user_id = u.id)),
           (select count(*)::int from personal_data_events where municipality_id is null and kind = 'export'),
           (select count(*)::int from personal_data_events where municipality_id is null and kind = 'deletion')
     order by 3 nulls last`;
  return rows.map((row) => ({ townId: row.townId, slug: row.slug, name: row.name, ...counts(row as never) }));
}
