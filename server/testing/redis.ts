/**
 * A real Redis for the tests of REALTIME_BUS=redis-streams: `redis-server` from the system (Debian's
 * redis-server package; .ci/run installs it), on a free port, keeping nothing on disk. Killed with SIGKILL
 * and started again on the same port by the fault tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../db/testing/free-port';

export interface TestRedis {
  url: string;
  /** SIGKILL: what a crash or an out-of-memory kill does. The stream is gone with it. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      started.once('error', (error) =>
        reject(new Error(`redis-server could not start (${error.message}). Install it: apt-get install redis-server (.ci/run does).`)),
      );
      started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
      started.stdout!.on('data', (chunk) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) resolve();
      });
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    start,
  };
}
