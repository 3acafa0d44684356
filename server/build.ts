/** `npm start` on a fresh clone or after a change: build the Remix app when the build is missing or older than its sources. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'server', 'remix.config.js', 'package.json', 'tsconfig.json'];
export const BUILD_ENTRY = path.resolve('build/index.js');

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** Resolves when the build is fresh; runs as a child process, so start-up can seed the database meanwhile. */
export async function buildIfStale(log: (line: string) => void): Promise<void> {
  const built = fs.existsSync(BUILD_ENTRY) ? fs.statSync(BUILD_ENTRY).mtimeMs : 0;
  if (built && built >= Math.max(...SOURCES.map(newestMtime))) return;
  log(built ? 'Sources changed since the last build: building …' : 'No build yet: building the app …');
  const cli = path.resolve('node_modules/@remix-run/dev/dist/cli.js');
  const status = await new Promise<number | null>((resolve, reject) => {
    // Always the production build, whatever the caller's NODE_ENV (Vitest sets "test"): the app process runs
    // React's production build (server/serve.ts), which has no development JSX runtime.
    const child = spawn(process.execPath, [cli, 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (status !== 0) throw new Error('The build failed (see above).');
}
