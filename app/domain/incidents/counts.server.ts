/**
 * What a town (its admins) and the network team may know about incidents: how many of each kind per month,
 * as first recorded — never content, names, or who recorded them. Officials' own logs stay theirs.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { roleIn, type MaybeActor } from '#app/domain/auth/permissions';

export const canSeeIncidentCounts = (actor: MaybeActor, townId: number) => roleIn(actor, townId) === 'admin' || !!actor?.isNetworkTeam;

export interface IncidentCount {
  month: string;
  kind: string;
  count: number;
}

export async function incidentCounts(actor: MaybeActor, { townId }: { townId: number }): Promise<IncidentCount[]> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!canSeeIncidentCounts(actor, townId)) throw new DomainError('forbidden', 'incidents:errors.notCounts');
  const rows = await sql`
    select to_char(created_at at time zone 'Europe/Berlin', 'YYYY-MM') as month, kind, count(*)::int as count
      from incidents where municipality_id = ${townId} group by 1, 2 order by 1 desc, 2`;
  return rows.map((row) => ({ month: row.month, kind: row.kind, count: row.count }));
}
