/**
 * page-throughput: requests per second of a 50-post thread page and of the town page with its forum index, and
 * the app process's CPU time per page (from /proc, over a fixed number of requests after a warm-up) for the
 * pages people open most: a guest's and a member's thread page of 20 posts, and the town page. CPU time per
 * request depends little on what else the machine does, unlike requests per second. Ends with the app
 * process's resident memory before and after all that load, and after a forced full collection (retained, not garbage).
 * Guests' pages come from the guest page cache (decision 025) once rendered; the `*_uncached_*` figures send a
 * cookie that is no session, which keeps a request out of that cache, so they show what rendering costs.
 */
import type { BenchContext, Metrics } from '../context';
import { seedBenchPeople } from '../fixtures';
import { load } from '../http-load';
import { cpuMs, forceGc, heapSnapshot, rssMb, type ServerProcess } from '../processes';

async function cpuPerRequest(server: ServerProcess, url: string, requests: number, headers?: Record<string, string>) {
  await load(url, 20, 0, { amount: Math.min(200, requests), headers }); // warm-up: code paths, caches, JIT
  const before = cpuMs(server.pid);
  await load(url, 20, 0, { amount: requests, headers });
  return Math.round(((cpuMs(server.pid) - before) / requests) * 100) / 100;
}

export async function pageThroughput(ctx: BenchContext, server: ServerProcess): Promise<Metrics> {
  const duration = ctx.quick ? 2 : 10;
  const requests = ctx.quick ? 300 : 2000;
  ctx.say('page-throughput …');
  const thread = `${server.url}/towns/${ctx.data.townSlug}/threads/${ctx.data.threads.t50}?page=1`;
  const town = `${server.url}/towns/${ctx.data.townSlug}`;
  const [member] = await seedBenchPeople(ctx.sql, ctx.data.townId, 'page-reader', 1);
  // What browsers send; the server then answers with brotli, as it does for them.
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  const uncached = { ...gzip, cookie: 'bench-uncached=1' };
  const rssBefore = Math.round(rssMb(server.pid));
  const thread50 = await load(thread, 20, duration, { headers: gzip });
  const forumIndex = await load(town, 20, duration, { headers: gzip });
  const thread50Uncached = await load(thread, 20, duration, { headers: uncached });
  const forumIndexUncached = await load(town, 20, duration, { headers: uncached });
  const metrics: Metrics = {
    thread_50_posts_rps: Math.round(thread50.rps),
    forum_index_rps: Math.round(forumIndex.rps),
    thread_50_posts_uncached_rps: Math.round(thread50Uncached.rps),
    forum_index_uncached_rps: Math.round(forumIndexUncached.rps),
    guest_thread_20_posts_server_cpu_ms_per_request: await cpuPerRequest(server, thread, requests, gzip),
    guest_thread_20_posts_uncached_server_cpu_ms_per_request: await cpuPerRequest(server, thread, requests, uncached),
    town_page_uncached_server_cpu_ms_per_request: await cpuPerRequest(server, town, requests, uncached),
    member_thread_20_posts_server_cpu_ms_per_request: await cpuPerRequest(server, thread, requests, { ...gzip, cookie: member.cookie }),
    town_page_server_cpu_ms_per_request: await cpuPerRequest(server, town, requests, gzip),
  };
  metrics.rss_mb_before_load = rssBefore;
  metrics.rss_mb_after_load = Math.round(rssMb(server.pid));
  // What a full collection gives back is garbage that was not yet collected; what stays is retained.
  if (server.inspectorPort) {
    await forceGc(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    metrics.rss_mb_after_load_and_full_gc = Math.round(rssMb(server.pid));
    if (process.env.BENCH_HEAP_SNAPSHOT) await heapSnapshot(server, `.data/bench-profiles/${server.name}-after-page-throughput.heapsnapshot`);
  }
  return metrics;
}
