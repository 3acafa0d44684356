/**
 * The app server inside a test process, on the test file's database, without pages (no Remix build): for
 * socket and HTTP-layer tests. The runtime comes from source here, so the test and the server share one
 * module graph (one pool) just as the production server does with its build.
 */
import { startAppServer, type AppServer } from '../app';

export async function startTestServer(options: { jobs?: boolean } = {}): Promise<AppServer> {
  const { runtime } = await import('../runtime');
  return startAppServer({ runtime, build: null, port: 0, host: '127.0.0.1', jobs: options.jobs ?? false });
}
