/**
 * Start-up for `npm start`: provide a database (embedded PostgreSQL unless DATABASE_URL is set), migrate, seed the
 * demo network on first start, build the app if needed, and serve it. SIGTERM/SIGINT drain and stop.
 */
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { config, demoMode } from '../db/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { BUILD_ENTRY, buildIfStale } from './build';

const log = (line: string) => console.log(`[weltoffen] ${line}`);

export interface MainOptions {
  dataDir?: string;
  /** Start from an empty database (the end-to-end test server). */
  freshDatabase?: boolean;
}

export async function main(options: MainOptions = {}) {
  // The build (a child process) runs beside everything else start-up does: starting PostgreSQL, migrating,
  // seeding. On a fresh clone it is the longest step, so it starts first.
  const building = buildIfStale(log);
  building.catch(() => {}); // awaited below; this only keeps an early failure from being unhandled
  let embedded: EmbeddedPostgres | null = null;
  if (config.externalDatabaseUrl) {
    log('Using the PostgreSQL from DATABASE_URL.');
  } else {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: options.dataDir ?? config.dataDir, log, freshDatabase: options.freshDatabase });
    } catch (error) {
      console.error(`[weltoffen] The embedded PostgreSQL could not start: ${error instanceof Error ? error.message : String(error)}`);
      console.error('[weltoffen] Delete the data folder to start afresh, choose another with DATA_DIR, or set DATABASE_URL.');
      process.exit(1);
    }
    process.env.DATABASE_URL = embedded.url;
    log(`Embedded PostgreSQL is running (data in ${options.dataDir ?? config.dataDir}).`);
  }

  let stopping = false;
  let appServer: { close(): Promise<void> } | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing open requests and stopping …`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await appServer?.close();
    } finally {
      await embedded?.stop();
      log('Stopped.');
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    const bootstrap = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const applied = await migrate(bootstrap);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
    let demoLogins: string[] = [];
    if (demoMode) {
      const { seedDemoNetwork, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('../db/seed');
      if (await seedDemoNetwork(bootstrap)) log('Seeded the demo network.');
      demoLogins = [`Demo log-ins (password for all: ${DEMO_PASSWORD}):`, ...DEMO_ACCOUNTS.map((a) => `  ${a.label.padEnd(28)} ${a.email}`)];
    }
    await bootstrap.end();

    await building;
    const remixBuild = await import(pathToFileURL(BUILD_ENTRY).href);
    const { startAppServer } = await import('./app');
    const server = await startAppServer({
      port: config.port,
      host: config.host,
      publicUrl: config.publicUrl,
      demoMode,
      trustProxy: config.trustProxy,
      remixBuild,
      log,
    });
    appServer = server;
    const shownUrl = config.publicUrl ?? `http://localhost:${new URL(server.url).port}`;
    log(`Weltoffen is ready: open ${shownUrl}`);
    if (demoMode) {
      for (const line of demoLogins) log(line);
      log(`Mail sent by the app (verification, password reset) is readable at ${shownUrl}/dev/mail`);
    }
  } catch (error) {
    console.error(`[weltoffen] Could not start: ${error instanceof Error ? error.message : String(error)}`);
    await embedded?.stop();
    process.exit(1);
  }
}

