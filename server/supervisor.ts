/**
 * `npm start`: provide a database (embedded PostgreSQL unless DATABASE_URL is set), migrate, seed the demo
 * network on first start in demo mode, build the app if needed, and run the app process — and keep both
 * running: an app process that dies (a crash, the OOM killer) is started again, and so is an embedded
 * PostgreSQL that dies, on the same port, so the app answers 503 for a moment and then recovers by itself.
 * SIGTERM/SIGINT drain the app, then stop the database.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { ConfigurationError, parseSettings, startupWarnings, type Settings } from '#app/env.server';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded';
import { installJobQueue, migrate } from '../db/migrate';

/**
 * What the app process gets unless the operator set it. glibc gives each thread that allocates its own malloc
 * arena and keeps freed memory there; with libuv's and V8's threads that held a few hundred MB of RSS after page
 * load that the JavaScript heap no longer used (heap snapshot: about 100 MB retained). Two arenas cut RSS after
 * load by a fifth and after a full collection by a quarter in `npm run bench` (bench/README.md).
 */
export const appProcessDefaults: Record<string, string> = { MALLOC_ARENA_MAX: '2' };

/**
 * The young generation's semi-space in MB. A page render allocates a few MB that die with it; with V8's
 * default (16 MB) a render spans scavenges often enough that its objects get copied and promoted, so the
 * old generation fills with short-lived garbage. 32 MB cut the member thread page's CPU by about a tenth for
 * about 40 MB more RSS (bench/README.md, decision 021).
 */
const SEMI_SPACE_MB = 32;

/**
 * The app process's V8 heap settings: the old generation's limit in MB (`APP_HEAP_MB`, default 320) and the
 * semi-space above. V8 sizes the limit from the machine's memory (4 GB here) and lets garbage pile up towards
 * it; within 320 MB it collects sooner (decision 021). The retained heap after 10,000 sockets and page load is
 * well under half of it; a larger installation raises it.
 */
export function appHeapArgs(env: Record<string, string | undefined> = process.env): string[] {
  const semiSpace = `--max-semi-space-size=${SEMI_SPACE_MB}`;
  const mb = Number(env.APP_HEAP_MB ?? 320);
  if (Number.isInteger(mb) && mb >= 128) return [`--max-old-space-size=${mb}`, semiSpace];
  console.warn(`[weltoffen] WARNING: APP_HEAP_MB must be a whole number of at least 128; using V8's own heap limit.`);
  return [semiSpace];
}
import { buildIfStale, SERVE_ENTRY } from './build';

const log = (line: string) => console.log(`[weltoffen] ${line}`);
const warn = (line: string) => console.warn(`[weltoffen] WARNING: ${line}`);

/** The app process exits with this when it cannot start at all (bad configuration): restarting would not help. */
export const EXIT_CANNOT_START = 2;

export interface SupervisorOptions {
  dataDir?: string;
  /** Start from an empty database (the end-to-end test server). */
  freshDatabase?: boolean;
}


export async function supervise(options: SupervisorOptions = {}): Promise<void> {
  let config: Settings;
  try {
    // Parsed here without keeping it: the domain modules the seed loads read the configuration again, once the
    // database's address is known (process.env.DATABASE_URL, set below).
    config = parseSettings(process.env);
  } catch (error) {
    console.error(`[weltoffen] ${error instanceof ConfigurationError ? error.message : String(error)}`);
    process.exit(1);
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : config.dataDir;
  // The seed's domain modules read the configuration in this process: the same data folder as the app's (incident keys live there).
  process.env.DATA_DIR = dataDir;
  for (const line of startupWarnings(config)) warn(line);

  // The build (a child process) runs beside starting PostgreSQL, migrating and seeding: on a fresh clone it is the longest step.
  const building = buildIfStale(log);
  building.catch(() => {}); // awaited below; this only keeps an early failure from being unhandled

  let stopping = false;
  let database: EmbeddedPostgres | null = null;
  let databaseUrl: string;
  if (config.databaseUrl) {
    databaseUrl = config.databaseUrl;
    log('Using the PostgreSQL from DATABASE_URL.');
  } else {
    try {
      database = await startEmbeddedPostgres({ dataDir, log, freshDatabase: options.freshDatabase });
    } catch (error) {
      console.error(`[weltoffen] The embedded PostgreSQL could not start: ${error instanceof Error ? error.message : String(error)}`);
      console.error('[weltoffen] Delete the data folder to start afresh, choose another with DATA_DIR, or set DATABASE_URL.');
      process.exit(1);
    }
    databaseUrl = database.url;
    process.env.DATABASE_URL = databaseUrl;
    const outside = !database.cluster.startsWith(dataDir + path.sep);
    log(
      outside
        ? `Embedded PostgreSQL is running. Its cluster is in ${database.cluster} (the "postgres" user cannot reach ${dataDir}); delete that folder to start afresh.`
        : `Embedded PostgreSQL is running (data in ${dataDir}; delete it to start afresh).`,
    );
  }

  let app: ChildProcess | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing open requests and stopping …`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    await database?.stop();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  let demoLogins: string[] = [];
  try {
    const bootstrap = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const applied = await migrate(bootstrap);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
    await installJobQueue(databaseUrl);
    const seed = await import('../db/seed');
    // Nothing demo mode added may open an account to others: off the developer's machine, no published password.
    const password = config.demo.publishedPassword ? seed.DEMO_PASSWORD : seed.installationDemoPassword(dataDir);
    if (!config.demo.publishedPassword) {
      const protectedAccounts = await seed.protectDemoAccounts(bootstrap, password);
      if (protectedAccounts) log(`${protectedAccounts} demo account(s) no longer accept the published demo password.`);
    }
    if (config.demo.enabled) {
      if (await seed.seedDemoNetwork(bootstrap, { password })) log('Seeded the demo network.');
      // The seed wrote through the domain, whose pool this process does not need any more.
      await (await import('#app/database/client.server')).sql.end({ timeout: 2 });
      const width = Math.max(...seed.DEMO_ACCOUNTS.map((a) => a.label.length)) + 2;
      demoLogins = [
        config.demo.publishedPassword ? `Demo log-ins (password for all: ${password}):` : `Demo log-ins (this installation's password for all: ${password}):`,
        ...seed.DEMO_ACCOUNTS.map((a) => `  ${a.label.padEnd(width)}${a.email}`),
      ];
    }
    await bootstrap.end();
    await building;
  } catch (error) {
    console.error(`[weltoffen] Could not start: ${error instanceof Error ? error.message : String(error)}`);
    await database?.stop();
    process.exit(1);
  }

  // The database is supervised too: if it dies, start it again where the app's connections point.
  if (database) {
    const watch = (db: EmbeddedPostgres) =>
      void db.exited.then(async () => {
        if (stopping) return;
        warn('The embedded PostgreSQL stopped unexpectedly; starting it again …');
        for (let attempt = 1; !stopping; attempt++) {
          try {
            database = await startEmbeddedPostgres({ dataDir, log, port: db.port });
            log('The embedded PostgreSQL is running again.');
            watch(database);
            return;
          } catch (error) {
            // Its old processes may still hold the data folder for a moment.
            if (attempt % 10 === 1) warn(`PostgreSQL did not start yet (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); retrying …`);
            await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 3000)));
          }
        }
      });
    watch(database);
  }

  let ready = false;
  let restarts = 0;
  const startApp = () => {
    const startedAt = Date.now();
    app = fork(SERVE_ENTRY, [], {
      execArgv: appHeapArgs(),
      env: { ...appProcessDefaults, ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, WELTOFFEN_DEMO: config.demo.enabled ? '1' : '0' },
      stdio: 'inherit',
    });
    app.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type !== 'ready' || ready) return;
      ready = true;
      const shownUrl = config.publicUrl ?? `http://localhost:${new URL(message.url!).port}`;
      log(`Weltoffen is ready: open ${shownUrl}`);
      for (const line of demoLogins) log(line);
      if (config.demo.mailbox) log(`Mail sent by the app (verification, sign-in and reset links) is readable on this machine at ${shownUrl}/dev/mail`);
    });
    app.once('exit', (code, signal) => {
      if (stopping) return;
      if (code === EXIT_CANNOT_START) {
        console.error('[weltoffen] The app cannot start (see above).');
        void database?.stop().then(() => process.exit(1));
        return;
      }
      if (Date.now() - startedAt > 60_000) restarts = 0;
      const delay = Math.min(500 * 2 ** restarts++, 15_000);
      warn(`The app process ended (${signal ?? `exit code ${code}`}); starting it again in ${delay / 1000} s.`);
      setTimeout(() => !stopping && startApp(), delay);
    });
  };
  startApp();
}
