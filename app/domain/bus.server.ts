/**
 * The internal message bus: domain writes publish facts through PostgreSQL. NOTIFY inside the writing
 * transaction is delivered only on COMMIT, and to every server process (docs/architecture.md, "Messages").
 * Payloads carry ids and small facts (NOTIFY caps at 8,000 bytes).
 */
import { sql, type Tx } from '#app/database/client.server';
import type { BusMessage } from './bus';

export const BUS_CHANNEL = 'app_bus';

export async function publish(tx: Tx, message: BusMessage): Promise<void> {
  await tx`select pg_notify(${BUS_CHANNEL}, ${JSON.stringify(message)})`;
}

/**
 * `pg_notify` of a payload computed in SQL, for a statement that writes and publishes in one round trip (the
 * payload must be a bus message's JSON, as `publish` sends it).
 */
export function notifyExpression(db: Tx, payloadJson: ReturnType<Tx>) {
  return db`pg_notify(${BUS_CHANNEL}, ${payloadJson})`;
}

/** For passing signals that are not writes (typing, presence): sent at once, to every process. */
export async function announce(message: BusMessage): Promise<void> {
  await sql`select pg_notify(${BUS_CHANNEL}, ${JSON.stringify(message)})`;
}
