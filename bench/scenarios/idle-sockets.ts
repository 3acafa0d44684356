/**
 * idle-sockets: memory of connected, idle readers on one app process. A fresh production server process is
 * warmed up (sockets connect, join a thread, leave), then N clients connect over WebSocket and join a thread
 * room, as an open thread page does, and sit idle. The server's RSS (VmRSS) is read before and after, each
 * time once it stopped moving and then again after a forced full GC (through the inspector, the one flag the
 * server gets here). `rss_mb_per_1000` compares the GC'd readings (memory the sockets keep); the readings
 * without a forced GC also hold the connection burst's garbage and vary from run to run.
 */
import type { BenchContext, Metrics } from '../context';
import { createBenchThread } from '../fixtures';
import { cpuMs, forceGc, ownCpuMs, rssMb, startAppProcess } from '../processes';
import { closeReaders, openReaders, readThread } from '../sockets';
import { round } from '../stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS once it stops moving: after `minMs`, sampled every 500 ms until two in a row differ by < 0.5 MB (or `maxMs`). */
async function settledRss(pid: number, minMs: number, maxMs: number): Promise<number> {
  const start = Date.now();
  let last = rssMb(pid);
  for (;;) {
    await sleep(500);
    const now = rssMb(pid);
    if ((Date.now() - start >= minMs && Math.abs(now - last) < 0.5) || Date.now() - start >= maxMs) return now;
    last = now;
  }
}

export async function idleSockets(ctx: BenchContext): Promise<Metrics> {
  const { quick, say, data } = ctx;
  const count = quick ? 1000 : 10_000;
  const settleMs = quick ? 1500 : 10_000;
  const threadIds = [await createBenchThread(data.townId, 'Ruhige Leser 1'), await createBenchThread(data.townId, 'Ruhige Leser 2')];
  const server = await startAppProcess('idle', ctx.databaseUrl, { inspect: true });
  const open = (i: number) => readThread(server.url, threadIds[i % 2], 1, () => {});
  const gcRss = async () => (await forceGc(server), await sleep(1000), rssMb(server.pid));
  try {
    say('idle-sockets: warming up the server process …');
    await closeReaders(await openReaders(200, 50, open, () => {}, 'warm-up'));
    const before = await settledRss(server.pid, settleMs, 30_000);
    const beforeGc = await gcRss();
    say(`idle-sockets: server RSS ${before.toFixed(1)} MB (${beforeGc.toFixed(1)} MB after a full GC); connecting ${count} sockets …`);
    const [started, serverCpu0, ownCpu0] = [Date.now(), cpuMs(server.pid), ownCpuMs()];
    const readers = await openReaders(count, 100, open, say, 'idle-sockets');
    const connectSeconds = (Date.now() - started) / 1000;
    const [serverCpu1, ownCpu1] = [cpuMs(server.pid), ownCpuMs()];
    try {
      const after = await settledRss(server.pid, settleMs, 60_000);
      const [cpu0, idleMs] = [cpuMs(server.pid), quick ? 1000 : settleMs];
      await sleep(idleMs);
      const idleCpuPct = ((cpuMs(server.pid) - cpu0) / idleMs) * 100;
      const afterGc = await gcRss();
      const perThousand = ((after - before) / count) * 1000;
      const perThousandGc = ((afterGc - beforeGc) / count) * 1000;
      say(`idle-sockets: server RSS ${after.toFixed(1)} MB with ${count} sockets, ${afterGc.toFixed(1)} MB after a full GC: ${perThousandGc.toFixed(1)} MB per 1,000 (${perThousand.toFixed(1)} without forcing a GC)`);
      return {
        sockets: count,
        connected: readers.filter((r) => r.socket.connected).length,
        connect_and_join_per_s: Math.round(count / connectSeconds),
        connect_and_join_server_cpu_ms_per_socket: round((serverCpu1 - serverCpu0) / count, 2),
        connect_and_join_client_cpu_ms_per_socket: round((ownCpu1 - ownCpu0) / count, 2),
        rss_before_mb: round(beforeGc),
        rss_after_mb: round(afterGc),
        rss_mb_per_1000: round(perThousandGc, 2),
        rss_before_no_forced_gc_mb: round(before),
        rss_after_no_forced_gc_mb: round(after),
        rss_mb_per_1000_no_forced_gc: round(perThousand, 2),
        server_cpu_pct_while_idle: round(idleCpuPct),
      };
    } finally {
      await closeReaders(readers);
    }
  } finally {
    await server.stop();
  }
}
