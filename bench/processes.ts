/**
 * Child processes of the bench: the production app server (as `npm start` runs it, on the bench database)
 * and the bare Socket.IO baseline server; plus what /proc says about them (RSS, CPU time).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Sql } from 'postgres';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../db/testing/free-port';
import { appHeapArgs, appProcessDefaults } from '../server/supervisor';
import { SERVE_ENTRY } from '../server/build';

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Set when started with `inspect`: the V8 inspector's port (127.0.0.1), for forceGc. */
  inspectorPort?: number;
  child: ChildProcess;
  /** stdout lines that look like trouble ("could not be delivered", "failed", …). */
  warnings: string[];
  stop(): Promise<void>;
}

const TROUBLE = /could not|failed|error|retried/i;
/** BENCH_TRACE=1: app processes run with --trace-gc, and pauses of 30 ms or more are printed (fan-out adds slow posts). */
export const TRACE = !!process.env.BENCH_TRACE;

async function spawnAndWait(name: string, args: string[], env: NodeJS.ProcessEnv, inspectorPort?: number): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  // stderr passes through, but for the inspector's own chatter (idle-sockets forces GCs through it).
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString().split('\n').filter((line) => !/^(Debugger (listening|attached|ending)|For help, see: https:\/\/nodejs.org)/.test(line)).join('\n');
    if (text.trim()) process.stderr.write(text.endsWith('\n') ? text : text + '\n');
  });
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const warnings: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      output.push(line);
      if (output.length > 50) output.shift();
      if (TROUBLE.test(line)) warnings.push(line);
      const gc = TRACE ? /(Mark-Compact|Scavenge|Mark-Sweep).*?MB, ([\d.]+) \/ [\d.]+ ms/.exec(line) : null;
      if (gc && Number(gc[2]) >= 30) console.log(`[bench trace ${(performance.now() / 1000).toFixed(2)}s] ${name}: ${gc[1]} pause ${gc[2]} ms`);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${output.join('\n')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { name, url, pid: child.pid!, inspectorPort, child, warnings, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${name} did not start:\n${output.join('\n')}`);
}

/**
 * The app process exactly as `npm start` runs it in production (server/serve.ts, without its supervisor, so
 * its CPU and memory are the app's own), on the given database. BENCH_CPU_PROF=1 adds V8's
 * sampling profiler (.cpuprofile files per process and thread in .data/bench-profiles/<name>, written when it
 * stops). BENCH_TRACE=1 adds --trace-gc (see TRACE). `inspect` opens the V8 inspector on a loopback port, so the bench can force a full GC (forceGc); it
 * changes nothing else the process does.
 */
export async function startAppProcess(name: string, databaseUrl: string, options: { inspect?: boolean; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=.data/bench-profiles/${name}`] : [];
  const inspectorPort = options.inspect ? await freePort() : undefined;
  const inspect = inspectorPort ? [`--inspect=127.0.0.1:${inspectorPort}`] : [];
  const trace = TRACE ? ['--trace-gc'] : [];
  return spawnAndWait(name, [...appHeapArgs(), ...profile, ...inspect, ...trace, SERVE_ENTRY], { ...appProcessDefaults, NODE_ENV: 'production', DATABASE_URL: databaseUrl, WELTOFFEN_DEMO: '0', ...options.env }, inspectorPort);
}

/**
 * A full garbage collection in a server started with `inspect` (HeapProfiler.collectGarbage over the inspector
 * protocol). Node 20 has a WebSocket client only behind a flag, so a tiny helper process speaks it.
 */
export async function forceGc(server: ServerProcess): Promise<void> {
  if (!server.inspectorPort) throw new Error(`${server.name} was not started with the inspector`);
  const [target] = (await (await fetch(`http://127.0.0.1:${server.inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const helper = `const ws = new WebSocket(process.argv[1]);
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    ws.onmessage = (m) => { if (JSON.parse(m.data).id === 1) { ws.close(); process.exit(0); } };
    ws.onerror = () => process.exit(1);
    setTimeout(() => process.exit(2), 30000);`;
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', '-e', helper, target.webSocketDebuggerUrl], { stdio: 'inherit' });
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`forcing a GC in ${server.name} failed (${code})`);
}

/**
 * A heap snapshot of a server started with `inspect`, written to `file` (open it in Chrome DevTools' Memory
 * tab). BENCH_HEAP_SNAPSHOT=1 makes page-throughput take one after its full GC: what is retained, and by whom.
 */
export async function heapSnapshot(server: ServerProcess, file: string): Promise<void> {
  if (!server.inspectorPort) throw new Error(`${server.name} was not started with the inspector`);
  const [target] = (await (await fetch(`http://127.0.0.1:${server.inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const helper = `const fs = require('node:fs'); const out = fs.openSync(process.argv[2], 'w');
    const ws = new WebSocket(process.argv[1]);
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false } }));
    ws.onmessage = (m) => { const msg = JSON.parse(m.data);
      if (msg.method === 'HeapProfiler.addHeapSnapshotChunk') fs.writeSync(out, msg.params.chunk);
      if (msg.id === 1) { fs.closeSync(out); ws.close(); process.exit(0); } };
    ws.onerror = () => process.exit(1);
    setTimeout(() => process.exit(2), 300000);`;
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', '-e', helper, target.webSocketDebuggerUrl, file], { stdio: 'inherit' });
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`a heap snapshot of ${server.name} failed (${code})`);
}

/** A Socket.IO server with nothing else (bench/bare-socket-server.ts): the baseline for fan-out. */
export function startBareProcess(name: string): Promise<ServerProcess> {
  return spawnAndWait(name, ['--import', 'tsx', 'bench/bare-socket-server.ts'], { NODE_ENV: 'production' });
}

/** Resident set size of a process in MB (VmRSS from /proc). */
export function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

let ticksPerSecond: number | null = null;

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond; // utime (14), stime (15)
}

/**
 * CPU time of the bench's PostgreSQL in ms: the postmaster (the parent of the backend serving `sql`) and every
 * process it started that is still alive (backends of the app's pools, the WAL writer, autovacuum …).
 */
export async function databaseCpuMs(sql: Sql): Promise<number> {
  const [{ pid }] = await sql`select pg_backend_pid() as pid`;
  const parentOf = (child: number) => Number(fs.readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  const postmaster = parentOf(Number(pid));
  let total = cpuMs(postmaster);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (parentOf(Number(entry)) === postmaster) total += cpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** CPU time of this (the load-generating) process, in ms. */
export const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
