/**
 * Domain events leave through PostgreSQL: NOTIFY inside the writing transaction is delivered only on
 * COMMIT, and to every server process (see ARCHITECTURE.md). Payloads carry ids and small facts.
 */
import { sql, type Tx } from '#app/db.server';
import type { DomainEvent } from '#app/realtime/events';

export const EVENTS_CHANNEL = 'app_events';

export async function publish(tx: Tx, event: DomainEvent): Promise<void> {
  await tx`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}

/** For passing signals that are not writes (typing, presence): sent at once, to every process. */
export async function announce(event: DomainEvent): Promise<void> {
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}
