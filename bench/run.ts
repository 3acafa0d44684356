/**
 * `npm run bench [-- --quick] [-- --only=fan-out,write-path]`: builds and starts the production server on its
 * own embedded database, seeds it, runs the scenarios and writes bench/results/latest.json
 * ({ scenario: { metric: value } }). Scenarios that compare with a baseline run both in the same run,
 * alternating, and report the ratio. See bench/README.md for what each scenario measures.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { installJobQueue, migrate } from '../db/migrate';
import { buildIfStale } from '../server/build';
import type { BenchContext, Metrics } from './context';
import { startBenchDatabase } from './database';
import { seedBenchData } from './fixtures';
import { startAppProcess, type ServerProcess } from './processes';
import { startRedis } from '../server/testing/redis';
import { threadPages } from './scenarios/thread-pages';
import { pageThroughput } from './scenarios/page-throughput';
import { fanOut } from './scenarios/fan-out';
import { writePath } from './scenarios/write-path';
import { idleSockets } from './scenarios/idle-sockets';
import { notifyCapacity } from './scenarios/notify-capacity';
import { registrationBurst } from './scenarios/registration-burst';

const SCENARIOS = ['thread-pages', 'page-throughput', 'fan-out', 'write-path', 'fan-out-4', 'fan-out-4-redis', 'notify-capacity', 'idle-sockets', 'registration-burst'] as const;
const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : [...SCENARIOS];
for (const name of only) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.join(', ')}`);
const runs = (name: (typeof SCENARIOS)[number]) => only.includes(name);

const began = Date.now();
const loadAtStart = os.loadavg()[0];
const say = (line: string) => console.log(`[bench ${String(Math.round((Date.now() - began) / 1000)).padStart(3)}s] ${line}`);
const results: Record<string, Metrics> = {};

async function main() {
  say(`${quick ? 'quick' : 'full'} run on ${os.cpus().length} cores, Node ${process.version}, load average ${loadAtStart.toFixed(2)}: ${only.join(', ')}`);
  await buildIfStale(say);
  const database = await startBenchDatabase(say);
  process.env.DATABASE_URL = database.url; // before the app's modules are imported (fixtures)
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const servers: ServerProcess[] = [];
  const stopServers = async () => void (await Promise.all(servers.splice(0).map((s) => s.stop())));
  try {
    await migrate(sql);
    await installJobQueue(database.url);
    say('seeding threads of 50, 100 and 10,000 posts …');
    const data = await seedBenchData(sql);
    const ctx: BenchContext = { quick, say, sql, databaseUrl: database.url, data };
    // Each scenario's figures are printed as soon as it ends, so a later failure does not lose them.
    const record = (scenario: string, metrics: Metrics) => {
      results[scenario] = metrics;
      say(`${scenario}: ${JSON.stringify(metrics)}`);
    };

    // With the inspector open (idle, it changes nothing else), so page-throughput can tell retained memory from garbage.
    servers.push(await startAppProcess('app-a', database.url, { inspect: true }));
    if (runs('thread-pages')) record('thread-pages', await threadPages(ctx, servers[0].url));
    if (runs('page-throughput')) record('page-throughput', await pageThroughput(ctx, servers[0]));
    if (runs('registration-burst')) record('registration-burst', await registrationBurst(ctx, servers[0]));
    if (runs('fan-out') || runs('write-path')) {
      servers.push(await startAppProcess('app-b', database.url));
      const pair = servers as [ServerProcess, ServerProcess];
      if (runs('fan-out')) record('fan-out', await fanOut(ctx, pair));
      if (runs('write-path')) record('write-path', await writePath(ctx, pair));
    }
    // Scale-out: the same fan-out over four app processes on the one database (docs/scale-out.md).
    if (runs('fan-out-4')) {
      while (servers.length < 4) servers.push(await startAppProcess(`app-${'abcd'[servers.length]}`, database.url));
      record('fan-out-4', await fanOut(ctx, servers.slice(0, 4)));
    }
    // The same over the other bus (REALTIME_BUS=redis-streams, decision 020): outbox, relay, Redis Streams adapter.
    if (runs('fan-out-4-redis')) {
      await stopServers();
      const redis = await startRedis();
      try {
        const env = { REALTIME_BUS: 'redis-streams', REDIS_URL: redis.url };
        for (const name of ['app-a', 'app-b', 'app-c', 'app-d']) servers.push(await startAppProcess(name, database.url, { env }));
        record('fan-out-4-redis', await fanOut(ctx, servers.slice(0, 4)));
        await stopServers();
      } finally {
        await redis.kill();
      }
    }
    if (runs('notify-capacity')) record('notify-capacity', await notifyCapacity(ctx));
    await stopServers();
    if (runs('idle-sockets')) record('idle-sockets', await idleSockets(ctx));

    results.machine = {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      open_files_limit: execSync('sh -c "ulimit -n"').toString().trim(),
      mode: quick ? 'quick' : 'full',
      scenarios: only.join(','),
      seconds: Math.round((Date.now() - began) / 1000),
      // The machine may be shared: its 1-minute load average when the bench began and ended.
      load_avg_1m_start: Number(loadAtStart.toFixed(2)),
      load_avg_1m_end: Number(os.loadavg()[0].toFixed(2)),
      date: new Date().toISOString(),
    };
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(path.join('bench/results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
    console.log('');
    for (const [scenario, metrics] of Object.entries(results)) {
      console.log(scenario);
      for (const [metric, value] of Object.entries(metrics)) console.log(`  ${metric.padEnd(36)} ${value}`);
    }
    say('written to bench/results/latest.json');
    const fanOutOk = ['fan-out', 'fan-out-4', 'fan-out-4-redis'].every((name) => !results[name] || (results[name].app_delivered_ratio === 1 && results[name].app_duplicates === 0));
    const writeOk = !results['write-path'] || results['write-path'].lost === 0;
    if (!fanOutOk || !writeOk) {
      say('a delivery check failed (see above): every acknowledged post must reach every reader exactly once');
      process.exitCode = 1;
    }
  } finally {
    await stopServers();
    const { sql: appSql } = await import('../app/database/client.server');
    await appSql.end({ timeout: 2 });
    await sql.end();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
