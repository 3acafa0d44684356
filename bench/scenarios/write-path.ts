/**
 * write-path: P members post replies as fast as the servers answer (closed loop: each sends its next reply
 * when the last was answered) for D seconds, through the real HTTP write path, into a few threads, over two
 * app processes. Each thread is watched by one socket client on each process. Afterwards every acknowledged
 * post (a redirect naming the new post) is looked up in the database and in what the watchers received.
 * A warm-up of W seconds runs first at the same load (as fan-out's): its posts are in the loss check, not in
 * the rate, latency or CPU figures, which describe a server in service rather than one just started.
 */
import { performance } from 'node:perf_hooks';
import type { BenchContext, Metrics } from '../context';
import { createBenchThread, seedBenchPeople } from '../fixtures';
import { cpuMs, databaseCpuMs, ownCpuMs, type ServerProcess } from '../processes';
import { postReply } from '../reply';
import { closeReaders, readThread, type ThreadReader } from '../sockets';
import { latencySummary, round } from '../stats';

const THREADS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function writePath(ctx: BenchContext, servers: [ServerProcess, ServerProcess]): Promise<Metrics> {
  const { quick, say, sql, data } = ctx;
  const posters = quick ? 20 : 200;
  const seconds = quick ? 5 : 30;
  const warmUpSeconds = quick ? 2 : 15;

  const warningsBefore = servers.reduce((sum, s) => sum + s.warnings.length, 0);
  say(`write-path: ${THREADS} threads, ${posters} signed-in members …`);
  const threadIds: number[] = [];
  for (let t = 1; t <= THREADS; t++) threadIds.push(await createBenchThread(data.townId, `Schreiblast ${t}`));
  const people = await seedBenchPeople(sql, data.townId, 'writer', posters);

  // Watchers: one per thread on each process.
  const received = new Map<number, Set<number>[]>(threadIds.map((id) => [id, []]));
  const watchers: ThreadReader[] = [];
  for (const threadId of threadIds) {
    for (const server of servers) {
      const got = new Set<number>();
      received.get(threadId)!.push(got);
      watchers.push(readThread(server.url, threadId, 1, (post) => got.add(post.id)));
    }
  }
  await Promise.all(watchers.map((w) => w.joined));

  try {
    const acked: { postId: number; threadId: number }[] = [];
    const errors: Record<string, number> = {};
    const ackMs: number[] = [];
    let measuredAcks = 0;
    say(`write-path: ${posters} posters, ${warmUpSeconds} s warm-up, then ${seconds} s …`);
    const serverCpu = () => servers.reduce((sum, s) => sum + cpuMs(s.pid), 0);
    const warmUpEnd = performance.now() + warmUpSeconds * 1000;
    const deadline = warmUpEnd + seconds * 1000;
    let cpu0 = 0;
    let [databaseCpu0, ownCpu0] = [0, 0];
    let start = warmUpEnd;
    const measuring = setTimeout(async () => {
      cpu0 = serverCpu();
      ownCpu0 = ownCpuMs();
      start = performance.now();
      databaseCpu0 = await databaseCpuMs(sql);
    }, warmUpSeconds * 1000);
    const progress = setInterval(() => say(`write-path: ${acked.length} posts acknowledged, ${Object.values(errors).reduce((a, b) => a + b, 0)} errors`), 5000);
    await Promise.all(
      people.map(async (person, i) => {
        const threadId = threadIds[i % THREADS];
        const server = servers[Math.floor(i / THREADS) % 2];
        for (let n = 1; performance.now() < deadline; n++) {
          const sentAt = performance.now();
          const result = await postReply(server.url, data.townSlug, threadId, person.cookie, `Schreiblast: Beitrag ${n} von ${person.userId}. Wir treffen uns am Samstag am Rathaus.`);
          const measured = sentAt >= warmUpEnd;
          if (measured) ackMs.push(result.ackMs);
          if (result.ok) {
            acked.push({ postId: result.postId, threadId });
            if (measured) measuredAcks++;
          } else {
            if (measured) errors[result.kind] = (errors[result.kind] ?? 0) + 1;
            else errors[`warmup_${result.kind}`] = (errors[`warmup_${result.kind}`] ?? 0) + 1;
            await sleep(50); // an error answers fast; do not turn a failure into a tight loop
          }
        }
      }),
    );
    clearTimeout(measuring);
    clearInterval(progress);
    const elapsed = (performance.now() - start) / 1000;
    const cpuSpent = serverCpu() - cpu0;
    const ownCpuSpent = ownCpuMs() - ownCpu0;
    const databaseCpuSpent = (await databaseCpuMs(sql)) - databaseCpu0;

    // Delivered: every watcher of the post's thread has it (waiting up to 15 s for stragglers).
    const deliveredToAll = (p: { postId: number; threadId: number }) => received.get(p.threadId)!.every((got) => got.has(p.postId));
    const drainUntil = performance.now() + 15_000;
    while (performance.now() < drainUntil && !acked.every(deliveredToAll)) await sleep(100);

    const ids = acked.map((p) => p.postId);
    const ackedIds = new Set(ids);
    const storedIds = new Set((await sql`select id from posts where id = any(${ids}::bigint[])`).map((row) => Number(row.id)));
    const [{ total }] = await sql`select count(*)::int as total from posts where thread_id = any(${threadIds}::bigint[]) and position > 1`;
    const delivered = acked.filter(deliveredToAll).length;
    const lost = acked.filter((p) => !storedIds.has(p.postId) || !deliveredToAll(p)).length;
    const lat = latencySummary(ackMs);
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    if (lost) say(`write-path: DELIVERY CHECK FAILED: ${lost} acknowledged posts lost`);
    return {
      posters,
      threads: THREADS,
      processes: 2,
      seconds: round(elapsed),
      warm_up_seconds: warmUpSeconds,
      posts_per_s: round(measuredAcks / elapsed),
      requests: ackMs.length,
      errors: errorCount,
      errors_by_kind: Object.entries(errors).map(([k, v]) => `${k}:${v}`).join(' ') || 'none',
      acknowledged: acked.length,
      stored: storedIds.size,
      stored_without_acknowledgement: Number(total) - storedIds.size,
      delivered,
      lost,
      received_without_acknowledgement: [...received.values()].flat().reduce((sum, got) => sum + [...got].filter((id) => !ackedIds.has(id)).length, 0),
      watcher_reconnects: watchers.reduce((sum, w) => sum + w.reconnects(), 0),
      ack_p50_ms: round(lat.p50),
      ack_p95_ms: round(lat.p95),
      ack_p99_ms: round(lat.p99),
      server_cpu_ms_per_post: round(cpuSpent / Math.max(1, measuredAcks)),
      server_cpu_pct_of_one_core: round((100 * cpuSpent) / 1000 / elapsed),
      // Where else the two cores went: the database, and this process (the 200 posters and the watchers).
      database_cpu_ms_per_post: round(databaseCpuSpent / Math.max(1, measuredAcks)),
      client_cpu_ms_per_post: round(ownCpuSpent / Math.max(1, measuredAcks)),
      server_warnings: servers.reduce((sum, s) => sum + s.warnings.length, 0) - warningsBefore,
    };
  } finally {
    await closeReaders(watchers);
  }
}
