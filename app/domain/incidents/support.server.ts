/**
 * Where officials find help, per federal state and for the whole country ('DE'): counselling, helplines,
 * the state police's online reporting, how to block one's address in the population register (§ 51 BMG).
 * Everyone signed in reads it; the network team keeps it.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { canManageNetwork, type MaybeActor } from '#app/domain/auth/permissions';
import type { SupportEntryInput } from './schemas';

import type { SupportEntry } from './types';

export type { SupportEntry };

const columns = sql`id, state, name, description, url, phone`;
const toEntry = (row: Record<string, unknown>): SupportEntry => ({
  id: Number(row.id), state: row.state as string, name: row.name as string, description: row.description as string, url: (row.url as string | null) ?? null, phone: (row.phone as string | null) ?? null,
});

/** The entries for a state: the state's own first, then the nationwide ones. */
export async function supportFor(actor: MaybeActor, { state }: { state: string }): Promise<SupportEntry[]> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  const rows = await sql`select ${columns} from support_directory where state = ${state} or state = 'DE' order by (state = 'DE'), position, id`;
  return rows.map(toEntry);
}

function requireNetwork(actor: MaybeActor) {
  if (!canManageNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
}

export async function listSupportDirectory(actor: MaybeActor): Promise<SupportEntry[]> {
  requireNetwork(actor);
  const rows = await sql`select ${columns} from support_directory order by state, position, id`;
  return rows.map(toEntry);
}

export async function addSupportEntry(actor: MaybeActor, input: Omit<SupportEntryInput, 'intent'>): Promise<void> {
  requireNetwork(actor);
  await sql`
    insert into support_directory (state, name, description, url, phone, position)
    values (${input.state}, ${input.name}, ${input.description}, ${input.url}, ${input.phone},
            (select coalesce(max(position), 0) + 1 from support_directory where state = ${input.state}))`;
}

export async function removeSupportEntry(actor: MaybeActor, { id }: { id: number }): Promise<void> {
  requireNetwork(actor);
  const removed = await sql`delete from support_directory where id = ${id} returning id`;
  if (!removed.length) throw new DomainError('not_found', 'incidents:errors.notFound');
}
