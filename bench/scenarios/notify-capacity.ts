/**
 * notify-capacity: how many bus messages PostgreSQL's NOTIFY carries here, the ceiling of the app's realtime
 * design (every write publishes with pg_notify inside its transaction; every app process LISTENs once).
 * Writers commit small transactions as fast as they can, each an insert plus a pg_notify with a payload the
 * size of a bus message, for a fixed time; the same writers then commit the same transactions without the
 * notify, alternating; listeners (one per app process the design would run) count what arrives. Reported:
 * commits per second with and without NOTIFY (NOTIFY takes a database-wide lock from the commit's queue
 * insert to its end, so notifying commits serialise), notifications per second each listener received, and
 * whether every one arrived. The load generator shares the machine, so this is a floor, not the ceiling.
 */
import postgres from 'postgres';
import type { BenchContext, Metrics } from '../context';
import { round } from '../stats';

const CHANNEL = 'bench_notify_capacity';
const PAYLOAD = JSON.stringify({ type: 'post:created', townId: 1, forumId: 12, threadId: 123456, postId: 12345678 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function notifyCapacity(ctx: BenchContext): Promise<Metrics> {
  const writers = 20;
  const listenersCount = 4;
  const seconds = ctx.quick ? 2 : 8;
  const rounds = ctx.quick ? 1 : 2;
  ctx.say(`notify-capacity: ${writers} writers, ${listenersCount} listeners, ${rounds} × ${seconds} s with and without NOTIFY …`);
  await ctx.sql`create table if not exists bench_notify_probe (id bigint generated always as identity primary key, payload text not null)`;
  const db = postgres(ctx.databaseUrl, { max: writers, onnotice: () => {} });
  const listeners = Array.from({ length: listenersCount }, () => postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} }));
  const received = new Array<number>(listenersCount).fill(0);
  try {
    await Promise.all(listeners.map((listener, i) => listener.listen(CHANNEL, () => void received[i]++)));
    const run = async (notify: boolean) => {
      let commits = 0;
      const deadline = Date.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: writers }, async () => {
          while (Date.now() < deadline) {
            await db.begin((tx) => (notify ? [tx`insert into bench_notify_probe (payload) values (${PAYLOAD})`, tx`select pg_notify(${CHANNEL}, ${PAYLOAD})`] : [tx`insert into bench_notify_probe (payload) values (${PAYLOAD})`]));
            commits++;
          }
        }),
      );
      return commits / seconds;
    };
    const withNotify: number[] = [];
    const without: number[] = [];
    let sent = 0;
    for (let r = 0; r < rounds; r++) {
      const before = received.slice();
      const rate = await run(true);
      withNotify.push(rate);
      sent += Math.round(rate * seconds);
      without.push(await run(false));
      ctx.say(`notify-capacity round ${r + 1}: ${Math.round(rate)} notifying commits/s, ${Math.round(without.at(-1)!)} without; listener 1 got ${received[0] - before[0]}`);
    }
    // Notifications still on their way when the writers stopped.
    const drainUntil = Date.now() + 10_000;
    while (Date.now() < drainUntil && received.some((n) => n < sent)) await sleep(50);
    const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
      writers,
      listeners: listenersCount,
      seconds_per_side: rounds * seconds,
      notifying_commits_per_s: Math.round(median(withNotify)),
      plain_commits_per_s: Math.round(median(without)),
      ratio_notifying_vs_plain: round(median(withNotify) / median(without), 3),
      notifications_sent: sent,
      notifications_received_min: Math.min(...received),
      notifications_received_ratio: round(Math.min(...received) / Math.max(1, sent), 6),
    };
  } finally {
    await Promise.all(listeners.map((listener) => listener.end({ timeout: 1 })));
    await db.end({ timeout: 1 });
    await ctx.sql`drop table if exists bench_notify_probe`;
  }
}
