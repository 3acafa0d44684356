/**
 * Shared by the black-box security tests: the production server as a child process on the test file's own
 * database, HTTP requests the way an attacker (or a browser without JavaScript) sends them, socket.io clients
 * with a session cookie, and small measuring helpers. Nothing here reaches into the app's internals: every
 * check goes through HTTP or Socket.IO, so the tests keep their meaning when the domain is refactored.
 */
import fs from 'node:fs';
import { io as connect, type Socket } from 'socket.io-client';
import { buildIfStale } from '../build';
import { startServerProcess, type ServerProcess } from '../testing/live';
import { freePort } from '../../db/testing/free-port';

/** Starts `npm start`'s entry point on a free loopback port with the production build and this file's database. */
export async function startSecurityServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  await buildIfStale(() => {});
  return startServerProcess(await freePort(), { DATABASE_URL: process.env.DATABASE_URL!, WELTOFFEN_DEMO: '0', ...env });
}

export interface RequestOptions {
  cookie?: string | null;
  headers?: Record<string, string>;
  /** Give up after this long (the request then counts as stalled). */
  timeoutMs?: number;
}

export interface Answer {
  status: number;
  location: string | null;
  headers: Headers;
  body: string;
  /** Milliseconds from sending to the end of the body. */
  ms: number;
}

/** One request with `redirect: 'manual'`, read to the end. A connection the server drops or a timeout rejects. */
export async function request(base: string, path: string, init: RequestInit & RequestOptions = {}): Promise<Answer> {
  const { cookie, headers, timeoutMs = 15_000, ...rest } = init;
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    redirect: 'manual',
    ...rest,
    headers: { accept: 'text/html', 'accept-language': 'en', ...(cookie ? { cookie } : {}), ...headers },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  return { status: response.status, location: response.headers.get('location'), headers: response.headers, body, ms: performance.now() - started };
}

export const get = (base: string, path: string, options: RequestOptions = {}) => request(base, path, { method: 'GET', ...options });

/** A same-origin form post (the Origin header passes the app's origin check), urlencoded unless told otherwise. */
export function post(
  base: string,
  path: string,
  body: URLSearchParams | string | Buffer | Record<string, string>,
  options: RequestOptions & { contentType?: string } = {},
): Promise<Answer> {
  const encoded: BodyInit = body instanceof URLSearchParams || typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : new URLSearchParams(body);
  const contentType = options.contentType ?? 'application/x-www-form-urlencoded';
  return request(base, path, { method: 'POST', body: encoded, ...options, headers: { origin: base, 'content-type': contentType, ...options.headers } });
}

/** How long `/healthz` takes to answer 200; rejects when it does not within `withinMs` or answers otherwise. */
export async function healthLatency(base: string, withinMs = 2000): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(withinMs) });
  await response.text();
  if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
  return performance.now() - started;
}

/** True when `/healthz` answers 200 within `withinMs`. */
export const healthyWithin = (base: string, withinMs = 2000) => healthLatency(base, withinMs).then(() => true, () => false);

/**
 * Runs `work` and meanwhile asks `/healthz` again and again: the slowest answer (or Infinity when one did not
 * come within `withinMs`, after which `onStall` is called, e.g. to abort the work). A server that reads a huge body whole, or parses it in quadratic time, keeps its
 * one event loop busy and cannot answer the health check in time.
 */
export async function slowestHealthDuring<T>(
  base: string,
  work: Promise<T>,
  withinMs = 2000,
  onStall: () => void = () => {},
): Promise<{ result: PromiseSettledResult<T>; slowestMs: number }> {
  let done = false;
  const settled = work.then(
    (value) => ({ status: 'fulfilled', value }) as PromiseFulfilledResult<T>,
    (reason) => ({ status: 'rejected', reason }) as PromiseRejectedResult,
  );
  void settled.then(() => (done = true));
  let slowestMs = 0;
  const probing = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    while (!done) {
      try {
        slowestMs = Math.max(slowestMs, await healthLatency(base, withinMs));
      } catch {
        slowestMs = Infinity;
        onStall();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const [result] = await Promise.all([settled, probing]);
  return { result, slowestMs };
}

/** Maps with at most `limit` calls in flight, keeping the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The translation of a key from `locales/en/<namespace>.json`, up to its first interpolation. */
export function englishText(key: string): string {
  const [namespace, path] = key.split(':');
  const messages: unknown = JSON.parse(fs.readFileSync(`locales/en/${namespace}.json`, 'utf8'));
  const text = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
  if (typeof text !== 'string') throw new Error(`No English text for ${key}`);
  return text.split('{{')[0];
}

/** socket.io clients of one test file, each with its own connection; `closeAll()` in afterAll. */
export class SocketClients {
  private sockets: Socket[] = [];

  /** Connects (as the session of `cookie`, or as a guest) and resolves once the handshake is through. */
  async open(base: string, cookie: string | null): Promise<Socket> {
    const socket = connect(base, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {} });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  closeAll() {
    for (const socket of this.sockets) socket.disconnect();
    this.sockets = [];
  }
}

export type Ack = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };

/** Emits with an acknowledgement; rejects when none comes within `timeoutMs`. */
export function emitWithAck(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<Ack> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack>;
}
