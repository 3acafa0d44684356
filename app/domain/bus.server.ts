/**
 * The internal message bus: domain writes publish facts inside their transaction, so only committed facts
 * travel (docs/architecture.md, "Messages"). How they travel is one setting (REALTIME_BUS, decision 020):
 * - `notify` (the default): `pg_notify`, delivered on COMMIT to every server process's LISTEN;
 * - `redis-streams`: a row in `bus_outbox`, which the outbox relay hands to Socket.IO's Redis Streams adapter.
 * Payloads carry ids and small facts (NOTIFY caps at 8,000 bytes).
 */
import { sql, type Tx } from '#app/database/client.server';
import { settings } from '#app/env.server';
import type { BusMessage } from './bus';

export const BUS_CHANNEL = 'app_bus';

const viaOutbox = () => settings().realtimeBus.kind === 'redis-streams';

export async function publish(tx: Tx, message: BusMessage): Promise<void> {
  await send(tx, message);
}

async function send(db: Tx | typeof sql, message: BusMessage): Promise<void> {
  if (viaOutbox()) await db`insert into bus_outbox (message) values (${db.json(message as never)})`;
  else await db`select pg_notify(${BUS_CHANNEL}, ${JSON.stringify(message)})`;
}

/**
 * A statement (for a common table expression) that publishes one bus message per row of `rows`, its JSON
 * computed in SQL, so that a statement writes and publishes in one round trip. `rows` is the statement's
 * tail after the select list (`from new_post`, `from batches group by batch`).
 */
export function publishEach(db: Tx, messageJson: ReturnType<Tx>, rows: ReturnType<Tx>) {
  return viaOutbox()
    ? db`insert into bus_outbox (message) select (${messageJson})::jsonb ${rows} returning id`
    : db`select pg_notify(${BUS_CHANNEL}, ${messageJson}) ${rows}`;
}

/**
 * For passing signals that are not writes (typing, presence): sent at once, to every process. Through the
 * outbox they take the same way as writes (the relay tells every process), a row that lives for milliseconds.
 */
export async function announce(message: BusMessage): Promise<void> {
  await send(sql, message);
}

/** Only one process relays the outbox at a time, so messages leave in one order (a transaction's lock). */
const OUTBOX_RELAY_LOCK = 20_020;
/** Which process is the relay: a session lock, held as long as that process's connection lives. */
const OUTBOX_RELAY_LEAD = 20_021;

/**
 * The relay's lead, on a connection of its own: `holds()` is true while this process holds it, taking it
 * when it is free. A killed process's connection ends and frees it; a connection that dropped and came back
 * (the database restarted) no longer holds it, which `holds()` sees. While two processes believe they lead
 * (between such a drop and the next check), the relay lock still lets only one relay at a time.
 */
export async function outboxRelayLead() {
  const connection = await sql.reserve();
  return {
    async holds(): Promise<boolean> {
      const [{ held }] = await connection`
        select case when exists (select 1 from pg_locks
                                  where locktype = 'advisory' and classid = 0 and objid = ${OUTBOX_RELAY_LEAD} and objsubid = 1
                                    and pid = pg_backend_pid() and granted)
                    then true else pg_try_advisory_lock(${OUTBOX_RELAY_LEAD}) end as held`;
      return held as boolean;
    },
    /** Gives the lead up; the connection goes back to the pool without the lock. */
    async release() {
      await connection`select pg_advisory_unlock(${OUTBOX_RELAY_LEAD})`.catch(() => {});
      connection.release();
    },
  };
}

/**
 * Takes up to `limit` committed outbox messages and hands them to `deliver`, in one transaction that deletes
 * them only when `deliver` has finished: a relay killed midway leaves them to the next (a client may then get
 * a message twice; it merges posts by id). Null when another process is relaying.
 *
 * A reply's row is written before it locks its thread (posting.server.ts), so two replies to one thread can
 * commit in the other order than their rows' ids. Within a batch the new posts of a thread are put in position
 * order (in the places the thread's posts take), the order NOTIFY delivers them in.
 */
export async function relayOutbox(limit: number, deliver: (messages: BusMessage[]) => Promise<void>): Promise<number | null> {
  return sql.begin(async (tx) => {
    const [{ relaying }] = await tx`select pg_try_advisory_xact_lock(${OUTBOX_RELAY_LOCK}) as relaying`;
    if (!relaying) return null;
    const rows = await tx<{ message: BusMessage; position: number | null }[]>`
      with taken as (
        delete from bus_outbox where id in (select id from bus_outbox order by id limit ${limit}) returning id, message)
      select taken.message, p.position
        from taken left join posts p on taken.message->>'type' = 'post:created' and p.id = (taken.message->>'postId')::bigint
       order by taken.id`;
    if (rows.length) await deliver(inThreadPositionOrder(rows));
    return rows.length;
  });
}

function inThreadPositionOrder(rows: { message: BusMessage; position: number | null }[]): BusMessage[] {
  const ordered = rows.map((row) => row.message);
  const slotsByThread = new Map<number, number[]>();
  rows.forEach((row, index) => {
    if (row.message.type !== 'post:created' || row.position === null) return;
    const slots = slotsByThread.get(row.message.threadId);
    if (slots) slots.push(index);
    else slotsByThread.set(row.message.threadId, [index]);
  });
  for (const slots of slotsByThread.values()) {
    const byPosition = [...slots].sort((a, b) => rows[a].position! - rows[b].position!);
    slots.forEach((slot, i) => (ordered[slot] = rows[byPosition[i]].message));
  }
  return ordered;
}
