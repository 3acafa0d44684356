/**
 * fan-out: N Socket.IO clients, split over the given app processes (two; four in fan-out-4) on one database, read one thread; a member
 * posts a reply every 100 ms through the real write path (the thread page's form POST to process A). Each
 * delivered post's latency is send-to-receive: from just before the poster sends the POST to the moment a
 * client's `post:created` handler runs. Poster and clients are in this one process, so the clocks agree;
 * the figure is an upper bound of commit-to-receive (it includes the request up to the commit).
 *
 * Baseline, in the same run, alternating with the app: the same number of clients on as many bare Socket.IO
 * processes (bench/bare-socket-server.ts), and the same poster rate; each "post" is an HTTP request to
 * both bare processes, which emit a payload of the same shape and size (a copy of a post the app delivered).
 */
import { performance } from 'node:perf_hooks';
import type { PostView } from '#app/domain/forums/posts.server';
import type { BenchContext, Metrics } from '../context';
import { createBenchThread, seedBenchPeople } from '../fixtures';
import { cpuMs, ownCpuMs, startBareProcess, TRACE, type ServerProcess } from '../processes';
import { postReply } from '../reply';
import { closeReaders, openReaders, readThread, type ThreadReader } from '../sockets';
import { latencySummary, round } from '../stats';

const INTERVAL_MS = 100;
const MARK = /Fan-out (\d+) @(\d+)/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Side {
  name: 'app' | 'bare';
  servers: ServerProcess[];
  readers: ThreadReader[];
  /** Post ids each client has, by client. */
  seen: Set<number>[];
  /** Post ids whose send was acknowledged (app: redirect to the new post; bare: both processes answered). */
  acked: number[];
  ackMs: number[];
  sendErrors: Record<string, number>;
  /** send-to-receive of live deliveries, ms */
  latencies: number[];
  /** Live deliveries: post id, wall-clock receive time and the post's createdAt (ms since the epoch). */
  deliveryPostIds: number[];
  deliveryWall: number[];
  deliveryCreated: number[];
  /** Wall-clock send time of each acknowledged post. */
  sentWall: Map<number, number>;
  roundP99: number[];
  duplicates: number;
  catchUp: number;
  serverCpuMs: number;
  clientCpuMs: number;
  seconds: number;
  /** Posts of the warm-up: checked for delivery like the others, left out of the latency and CPU figures. */
  warmupIds: Set<number>;
}

/** When each post committed (ms since the epoch), from pg_xact_commit_timestamp (bench/database.ts turns it on). */
async function commitTimes(sql: BenchContext['sql'], ids: number[]): Promise<Map<number, number>> {
  const rows = await sql`select id, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000)::float8 as ms from posts where id = any(${ids}::bigint[])`;
  return new Map(rows.map((row) => [Number(row.id), Number(row.ms)]));
}
export async function fanOut(ctx: BenchContext, appServers: ServerProcess[]): Promise<Metrics> {
  const processes = appServers.length;
  const { quick, say, sql, data } = ctx;
  const clients = quick ? 100 : 1000;
  const phaseSeconds = quick ? 5 : 10;
  const rounds = quick ? 1 : 3;
  const warmupSeconds = quick ? 1 : 2;

  const threadId = await createBenchThread(data.townId, `Fan-out: viele lesen mit (${processes} Prozesse)`);
  const [poster] = await seedBenchPeople(sql, data.townId, 'fanout', 1);
  const bare: ServerProcess[] = [];
  for (let i = 0; i < processes; i++) bare.push(await startBareProcess(`bare-${i + 1}`));
  const sides: Side[] = (['app', 'bare'] as const).map((name) => ({
    name, servers: name === 'app' ? appServers : bare, readers: [], seen: [], acked: [], ackMs: [], sendErrors: {},
    latencies: [], deliveryPostIds: [], deliveryWall: [], deliveryCreated: [], sentWall: new Map(), roundP99: [], duplicates: 0, catchUp: 0, serverCpuMs: 0, clientCpuMs: 0, seconds: 0, warmupIds: new Set(),
  }));
  const [app, baseline] = sides;
  let template: PostView | null = null; // the first post the app delivered: the baseline sends copies of it
  let wallOffset = Date.now() - performance.now();

  try {
    for (const side of sides) {
      side.readers = await openReaders(clients, 50, (i) => {
        const seen = (side.seen[i] = new Set<number>());
        return readThread(side.servers[i % processes].url, threadId, 1, (post, via, receivedAt) => {
          if (seen.has(post.id)) return void side.duplicates++;
          seen.add(post.id);
          if (via === 'catch-up') return void side.catchUp++;
          const mark = MARK.exec(post.bodyHtml ?? '');
          if (!mark) return;
          side.latencies.push(receivedAt - Number(mark[2]) / 1000);
          side.deliveryPostIds.push(post.id);
          side.deliveryWall.push(wallOffset + receivedAt);
          side.deliveryCreated.push(Date.parse(post.createdAt));
          if (side.name === 'app') template ??= post;
        });
      }, say, `fan-out: ${side.name} clients`);
    }
    await sleep(1500); // let the join burst's presence announcements pass

    let seq = 0;
    const send = async (side: Side) => {
      const n = ++seq;
      const sentAt = performance.now();
      const text = `Fan-out ${n} @${Math.round(sentAt * 1000)} Ein ganz normaler Beitrag im Forum, mit ein paar Sätzen. Wir treffen uns am Samstag am Rathaus.`;
      if (side.name === 'app') {
        const result = await postReply(app.servers[0].url, data.townSlug, threadId, poster.cookie, text, sentAt);
        if (TRACE && result.ackMs > 150) console.log(`[bench trace ${(sentAt / 1000).toFixed(2)}s] fan-out: reply ${n} answered after ${result.ackMs.toFixed(0)} ms`);
        if (result.ok) side.acked.push(result.postId), side.ackMs.push(result.ackMs), side.sentWall.set(result.postId, wallOffset + sentAt);
        else side.sendErrors[result.kind] = (side.sendErrors[result.kind] ?? 0) + 1;
        return result.ok ? result.postId : null;
      }
      const id = 2_000_000_000 + n;
      const post: PostView = { ...template!, id, position: 1 + n, bodyHtml: template!.bodyHtml!.replace(MARK, `Fan-out ${n} @${Math.round(sentAt * 1000)}`) };
      const payload = JSON.stringify({ threadId, post });
      const statuses = await Promise.all(
        side.servers.map((s) => fetch(`${s.url}/broadcast`, { method: 'POST', body: payload, headers: { 'content-type': 'application/json' } }).then((r) => r.status, () => 0)),
      );
      if (statuses.every((s) => s === 204)) side.acked.push(id), side.ackMs.push(performance.now() - sentAt), side.sentWall.set(id, wallOffset + sentAt);
      else side.sendErrors[`http_${statuses.join('_')}`] = (side.sendErrors[`http_${statuses.join('_')}`] ?? 0) + 1;
      return statuses.every((s) => s === 204) ? id : null;
    };

    const phase = async (side: Side, label: string, seconds: number) => {
      say(`fan-out ${label}: ${side.name}, ${clients} clients, a post every ${INTERVAL_MS} ms for ${seconds} s …`);
      const firstSample = side.latencies.length;
      const serverCpu = () => side.servers.reduce((sum, s) => sum + cpuMs(s.pid), 0);
      const [cpu0, own0] = [serverCpu(), ownCpuMs()];
      wallOffset = Date.now() - performance.now();
      const start = performance.now();
      const sends: Promise<number | null>[] = [];
      for (let k = 0; k < (seconds * 1000) / INTERVAL_MS; k++) {
        const wait = start + k * INTERVAL_MS - performance.now();
        if (wait > 0) await sleep(wait);
        sends.push(send(side));
      }
      const ids = (await Promise.all(sends)).filter((id): id is number => id !== null);
      // Drain: until every client has every acknowledged post of this phase, or 15 s.
      const drainUntil = performance.now() + 15_000;
      while (performance.now() < drainUntil && !side.seen.every((seen) => ids.every((id) => seen.has(id)))) await sleep(50);
      side.seconds += (performance.now() - start) / 1000;
      side.serverCpuMs += serverCpu() - cpu0;
      side.clientCpuMs += ownCpuMs() - own0;
      side.roundP99.push(latencySummary(side.latencies.slice(firstSample)).p99);
      await sleep(500);
    };
    // Warm-up, not measured: the first replies meet cold code (the action, the editor's renderer, the listener's
    // read) in both app processes; each side gets the same few seconds at the same rate.
    for (const side of sides) {
      await phase(side, 'warm-up', warmupSeconds);
      if (!template) throw new Error('fan-out: no post reached the app clients, so the baseline has no payload to copy');
      side.warmupIds = new Set(side.acked);
      Object.assign(side, { latencies: [], deliveryPostIds: [], deliveryWall: [], deliveryCreated: [], ackMs: [], roundP99: [], serverCpuMs: 0, clientCpuMs: 0, seconds: 0 });
    }
    for (let r = 1; r <= rounds; r++) {
      await phase(app, `round ${r}/${rounds}`, phaseSeconds);
      await phase(baseline, `round ${r}/${rounds}`, phaseSeconds);
    }

    const metrics: Metrics = { clients, processes, posts_per_s_target: 1000 / INTERVAL_MS, seconds_per_side: rounds * phaseSeconds, rounds, warmup_seconds_per_side: warmupSeconds };
    metrics.payload_bytes = Buffer.byteLength(JSON.stringify({ post: template }));
    const summaries: Record<string, ReturnType<typeof latencySummary>> = {};
    for (const side of sides) {
      const p = side.name;
      const acked = new Set(side.acked);
      const measured = side.acked.filter((id) => !side.warmupIds.has(id));
      const expected = side.acked.length * clients;
      let delivered = 0;
      let unexpected = 0;
      for (const seen of side.seen) for (const id of seen) acked.has(id) ? delivered++ : unexpected++;
      const lat = (summaries[p] = latencySummary(side.latencies));
      Object.assign(metrics, {
        [`${p}_posts_acknowledged`]: side.acked.length,
        [`${p}_posts_measured`]: measured.length,
        [`${p}_send_errors`]: Object.entries(side.sendErrors).map(([k, v]) => `${k}:${v}`).join(' ') || 0,
        [`${p}_deliveries_expected`]: expected,
        [`${p}_deliveries`]: delivered,
        [`${p}_delivered_ratio`]: expected ? Number((delivered / expected).toFixed(6)) : 0,
        [`${p}_duplicates`]: side.duplicates,
        [`${p}_caught_up_after_reconnect`]: side.catchUp,
        [`${p}_reconnects`]: side.readers.reduce((sum, r) => sum + r.reconnects(), 0),
        [`${p}_unacknowledged_received`]: unexpected,
        [`${p}_p50_ms`]: round(lat.p50),
        [`${p}_p95_ms`]: round(lat.p95),
        [`${p}_p99_ms`]: round(lat.p99),
        [`${p}_max_ms`]: round(lat.max),
        [`${p}_p99_ms_by_round`]: side.roundP99.map((v) => round(v)).join(' / '),
        [`${p}_send_ack_p50_ms`]: round(latencySummary(side.ackMs).p50),
        [`${p}_send_ack_p95_ms`]: round(latencySummary(side.ackMs).p95),
        [`${p}_server_cpu_ms_per_post`]: round(side.serverCpuMs / Math.max(1, measured.length)),
        [`${p}_server_cpu_pct_of_one_core`]: round((100 * side.serverCpuMs) / 1000 / side.seconds),
        [`${p}_client_cpu_ms_per_post`]: round(side.clientCpuMs / Math.max(1, measured.length)),
      });
      // Where the time goes: up to the commit (app) or to the emit (bare), and from there to the client.
      const origin = p === 'app' ? await commitTimes(sql, side.acked) : null;
      const toReceive: number[] = [];
      const toOrigin: number[] = [];
      side.deliveryPostIds.forEach((id, i) => {
        const at = origin ? origin.get(id) : side.deliveryCreated[i];
        if (at !== undefined) toReceive.push(side.deliveryWall[i] - at);
      });
      for (const id of measured) {
        const at = origin ? origin.get(id) : undefined;
        if (at !== undefined) toOrigin.push(at - side.sentWall.get(id)!);
      }
      const delivery = (summaries[`${p}_delivery`] = latencySummary(toReceive));
      const stage = p === 'app' ? 'commit' : 'emit';
      Object.assign(metrics, {
        [`${p}_${stage}_to_receive_p50_ms`]: round(delivery.p50),
        [`${p}_${stage}_to_receive_p95_ms`]: round(delivery.p95),
        [`${p}_${stage}_to_receive_p99_ms`]: round(delivery.p99),
      });
      if (p === 'app') {
        const write = latencySummary(toOrigin);
        // Replies to one thread commit one after another (createReply locks the thread's row), so the writes
        // form a queue: a post's service time is its commit minus the later of its send and the previous commit.
        // A median above the 100 ms interval means one thread cannot take the poster's rate here: a backlog grows.
        const byCommit = measured.filter((id) => origin!.has(id)).sort((a, b) => origin!.get(a)! - origin!.get(b)!);
        const service = byCommit.slice(1).map((id, i) => origin!.get(id)! - Math.max(side.sentWall.get(id)!, origin!.get(byCommit[i])!));
        const serviceSummary = latencySummary(service);
        Object.assign(metrics, {
          app_send_to_commit_p50_ms: round(write.p50),
          app_send_to_commit_p99_ms: round(write.p99),
          app_write_service_p50_ms: round(serviceSummary.p50),
          app_write_service_p95_ms: round(serviceSummary.p95),
        });
      }
      if (delivered !== expected || side.duplicates) say(`fan-out: ${p} DELIVERY CHECK FAILED: ${delivered}/${expected} delivered, ${side.duplicates} duplicates`);
    }
    metrics.ratio_p50 = round(summaries.app.p50 / summaries.bare.p50, 3);
    metrics.ratio_p95 = round(summaries.app.p95 / summaries.bare.p95, 3);
    metrics.ratio_p99 = round(summaries.app.p99 / summaries.bare.p99, 3);
    metrics.ratio_p99_commit_vs_emit_to_receive = round(summaries.app_delivery.p99 / summaries.bare_delivery.p99, 3);
    metrics.server_warnings = appServers.reduce((sum, s) => sum + s.warnings.length, 0);
    return metrics;
  } finally {
    for (const side of sides) await closeReaders(side.readers);
    await Promise.all(bare.map((s) => s.stop()));
  }
}
