/**
 * `npm start` on a fresh clone or after a change: build the Remix app and the app process's entry when the build
 * is missing or older than its sources (the same steps as `npm run build`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'server', 'remix.config.js', 'package.json', 'tsconfig.json'];
export const BUILD_ENTRY = path.resolve('build/index.js');
/** The app process (server/serve.ts compiled by scripts/build-server.mjs): what the supervisor, tests and bench start. */
export const SERVE_ENTRY = path.resolve('build/serve.js');

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** Resolves when the build is fresh; runs as a child process, so start-up can seed the database meanwhile. */
export async function buildIfStale(log: (line: string) => void): Promise<void> {
  const built = fs.existsSync(BUILD_ENTRY) && fs.existsSync(SERVE_ENTRY) ? Math.min(fs.statSync(BUILD_ENTRY).mtimeMs, fs.statSync(SERVE_ENTRY).mtimeMs) : 0;
  if (built && built >= Math.max(...SOURCES.map(newestMtime))) return;
  log(built ? 'Sources changed since the last build: building …' : 'No build yet: building the app …');
  const run = (args: string[]) =>
    new Promise<number | null>((resolve, reject) => {
      // Always the production build, whatever the caller's NODE_ENV (Vitest sets "test"): the app process runs
      // React's production build (server/serve.ts), which has no development JSX runtime.
      const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
      child.on('error', reject);
      child.on('exit', resolve);
    });
  if ((await run([path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'])) !== 0) throw new Error('The build failed (see above).');
  if ((await run([path.resolve('scripts/build-server.mjs')])) !== 0) throw new Error('Building the server entry failed (see above).');
}
