/** The Selbstcheck's live rooms: who may join them (the domain's read checks) and what a role change ends. */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { requireNetworkTeam, requireTownAdmin } from './access';

/** A round's progress room: the admin of the round's town only. Another town's round is "not found". */
export async function checkRoundProgressReader(actor: MaybeActor, { roundId }: { roundId: number }): Promise<void> {
  const [round] = await sql`select municipality_id from selfcheck_rounds where id = ${roundId}`;
  if (!round || actor?.roles[Number(round.municipalityId)] === undefined) {
    if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
    throw new DomainError('not_found', 'selfcheck:errors.roundNotFound');
  }
  requireTownAdmin(actor, Number(round.municipalityId));
}

export function checkAdviceQueueReader(actor: MaybeActor): void {
  requireNetworkTeam(actor);
}

/** Every round of a town, for taking a former admin out of their progress rooms (internal, no reader). */
export async function roundIdsOfTown({ townId }: { townId: number }): Promise<number[]> {
  const rows = await sql`select id from selfcheck_rounds where municipality_id = ${townId}`;
  return rows.map((r) => Number(r.id));
}
