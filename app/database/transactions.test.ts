/**
 * postgres.js (pinned 3.4.9, patched: patches/postgres+3.4.9.patch) under a full pool: a transaction's
 * connection is its own from BEGIN to COMMIT. Unpatched, a BEGIN written when the connection's pipeline
 * filled up, or a socket that drained between two statements of a transaction, left the connection in the
 * pool: the transaction failed with UNSAFE_TRANSACTION (seen as a rare 500 in the bench's write path), and
 * other requests' statements ran inside it (porsager/postgres#823, #1189).
 */
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';

// A small pool with a short pipeline, so the full-pool paths are taken every time, not once in thousands.
// (`max_pipeline` is a postgres.js option its types leave out.)
const db = postgres(process.env.DATABASE_URL!, { max: 3, max_pipeline: 2, onnotice: () => {} } as postgres.Options<Record<string, never>>);
afterAll(() => db.end());

interface Moment { pid: number; at: Date }
/** A statement of no transaction of its own: which backend ran it, and when. */
const stranger = async (): Promise<Moment> => (await db`select pg_backend_pid() as pid, clock_timestamp() as at`)[0] as Moment;

describe('a transaction under a full pool', () => {
  it('keeps its connection from BEGIN to COMMIT: no UNSAFE_TRANSACTION, no stranger statement inside it', async () => {
    for (let round = 0; round < 10; round++) {
      const holding = [1, 2, 3].map(() => db`select pg_sleep(0.2)`);
      const strangers = Array.from({ length: 6 }, stranger);
      const transactions = Array.from({ length: 5 }, () =>
        db.begin(async (tx) => {
          const [{ pid, began }] = await tx`select pg_backend_pid() as pid, transaction_timestamp() as began`;
          await tx`select pg_sleep(0.02)`;
          const [{ ended }] = await tx`select clock_timestamp() as ended`;
          return { pid: pid as number, began: began as Date, ended: ended as Date };
        }),
      );
      const more = Array.from({ length: 6 }, stranger);
      const outcomes = await Promise.allSettled([...holding, ...strangers, ...transactions, ...more]);
      expect(outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []))).toEqual([]);
      const spans = await Promise.all(transactions);
      const inside = (await Promise.all([...strangers, ...more])).filter((s) => spans.some((t) => t.pid === s.pid && s.at > t.began && s.at < t.ended));
      expect(inside).toEqual([]);
      // Nor two transactions on one connection at once (a second BEGIN pipelined behind the first).
      const shared = spans.filter((t, i) => spans.some((u, j) => i !== j && u.pid === t.pid && u.began < t.ended && t.began < u.ended));
      expect(shared).toEqual([]);
    }
  }, 60_000);
});
