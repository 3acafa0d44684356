/**
 * The app process: the HTTP server with the Remix build and the app's runtime from that build. Started by
 * the supervisor (server/supervisor.ts), or directly by tests and the bench with DATABASE_URL set. Tells its
 * parent when it is ready; leaves when the parent is gone (an orphan must not hold the port).
 */
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { BUILD_ENTRY } from './build';
import { startAppServer, type AppServer } from './app';
import type { ServerRuntime } from './runtime-contract';

const EXIT_CANNOT_START = 2;
const log = (line: string) => console.log(`[weltoffen] ${line}`);

async function serve() {
  // The app process runs what production runs, also under plain `npm start`: React's production build (the
  // development build costs several times the CPU per page) and Express's production defaults. What the
  // operator's NODE_ENV means for demo mode the supervisor settled before it started this process.
  process.env.NODE_ENV = 'production';
  let build: ServerBuild & { entry: { module: { runtime?: ServerRuntime } } };
  try {
    build = await import(pathToFileURL(BUILD_ENTRY).href);
  } catch (error) {
    console.error(`[weltoffen] The app is not built (${String(error)}): run "npm run build", or start it with "npm start".`);
    process.exit(EXIT_CANNOT_START);
  }
  const runtime = build.entry.module.runtime;
  if (!runtime) {
    console.error('[weltoffen] The build has no server runtime: rebuild with "npm run build".');
    process.exit(EXIT_CANNOT_START);
  }
  let server: AppServer;
  try {
    runtime.settings();
    server = await startAppServer({ runtime, build, log });
  } catch (error) {
    console.error(`[weltoffen] The app could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof Error && error.name === 'ConfigurationError' ? EXIT_CANNOT_START : 1);
  }

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log(`${reason}: finishing open requests …`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // The supervisor died (kill -9): stop too, so the next `npm start` finds the port free.
  process.on('disconnect', () => void stop('The supervisor is gone'));
  process.send?.({ type: 'ready', url: server.url });
  if (!process.send) log(`Serving on ${server.url}`);
}

void serve();
