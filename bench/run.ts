/**
 * `npm run bench [-- --quick]`: builds and starts the production server on its own embedded database,
 * seeds it, runs the scenarios and writes bench/results/latest.json ({ scenario: { metric: value } }).
 * Scenarios that compare with a baseline run both in the same run, alternating, and report the ratio.
 * See bench/README.md for what each scenario measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { buildIfStale } from '../server/build';
import { freePort } from '../db/testing/free-port';
import { seedBenchData } from './fixtures';

const quick = process.argv.includes('--quick');
const DURATION_S = quick ? 2 : 10;
const ROUNDS = quick ? 1 : 3;
const say = (line: string) => console.log(`[bench] ${line}`);

type Metrics = Record<string, number | string>;
const results: Record<string, Metrics> = {};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Load one URL with `connections` concurrent clients; latencies per response (ms), requests per second. */
async function load(url: string, connections: number, seconds: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: result.requests.average };
}

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', WELTOFFEN_DEMO: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

async function main() {
  say(`${quick ? 'quick' : 'full'} run on ${os.cpus().length} cores, Node ${process.version}`);
  await buildIfStale(say);
  const database = await startEmbeddedPostgres({ dataDir: '.data/bench', freshDatabase: true });
  process.env.DATABASE_URL = database.url;
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  let server: { url: string; child: ChildProcess } | null = null;
  try {
    await migrate(sql);
    say('seeding threads of 50, 100 and 10,000 posts …');
    const data = await seedBenchData(sql);
    server = await startServer(database.url);
    const threadUrl = (id: number, page: number) => `${server!.url}/towns/${data.townSlug}/threads/${id}?page=${page}`;

    // thread-pages: first, middle and last page of a 100-post and a 10,000-post thread, alternating.
    const pages = { first: [1, 1], middle: [3, 250], last: [5, 500] } as const;
    const samples: Record<string, { p50: number[]; p95: number[] }> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [where, [small, large]] of Object.entries(pages)) {
        for (const [size, page, id] of [['100', small, data.threads.t100], ['10k', large, data.threads.t10k]] as const) {
          say(`thread-pages round ${round}/${ROUNDS}: ${size} posts, ${where} page …`);
          const r = await load(threadUrl(id, page), 20, DURATION_S);
          const key = `${size}_${where}`;
          samples[key] ??= { p50: [], p95: [] };
          samples[key].p50.push(r.p50);
          samples[key].p95.push(r.p95);
        }
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const threadPages: Metrics = {};
    for (const [key, s] of Object.entries(samples)) {
      threadPages[`${key}_p50_ms`] = median(s.p50);
      threadPages[`${key}_p95_ms`] = median(s.p95);
    }
    const p95Of = (size: string) => Math.max(...Object.keys(pages).map((where) => threadPages[`${size}_${where}_p95_ms`] as number));
    threadPages.ratio_p95_10k_vs_100 = Number((p95Of('10k') / p95Of('100')).toFixed(3));
    results['thread-pages'] = threadPages;

    // page-throughput: requests per second of a 50-post thread page and of the town's forum index.
    say('page-throughput …');
    const thread50 = await load(threadUrl(data.threads.t50, 1), 20, DURATION_S);
    const forumIndex = await load(`${server.url}/towns/${data.townSlug}`, 20, DURATION_S);
    results['page-throughput'] = { thread_50_posts_rps: Math.round(thread50.rps), forum_index_rps: Math.round(forumIndex.rps) };

    results.machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, mode: quick ? 'quick' : 'full', date: new Date().toISOString() };
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(path.join('bench/results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
    console.log('');
    for (const [scenario, metrics] of Object.entries(results)) {
      console.log(scenario);
      for (const [metric, value] of Object.entries(metrics)) console.log(`  ${metric.padEnd(28)} ${value}`);
    }
    say('written to bench/results/latest.json');
  } finally {
    if (server) await new Promise((resolve) => (server!.child.once('exit', resolve), server!.child.kill('SIGTERM')));
    await sql.end();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
