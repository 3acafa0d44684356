/**
 * Test support for realtime and fault tests: the real app process as a child (server/serve.ts, as `npm
 * start` runs it, on a given database, serving the production build), form posts the way a browser without
 * JavaScript sends them, and socket.io clients that follow a thread the way the browser hook does
 * (app/realtime/use-thread-live.ts). Type-only imports from the app, so a test can choose its database before
 * anything connects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { PostView } from '#app/domain/forums/types';
import { SERVE_ENTRY } from '../build';

/** A rich-text document of one paragraph. */
export const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** What the process wrote to stderr so far. */
  errors(): string;
  /** Still running (no exit, no signal). */
  alive(): boolean;
  /** SIGTERM (the process drains and stops), and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no clean-up of any kind, as a crash or `kill -9`. Waits for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts the app process (`server/serve.ts`; with `supervised`, `server/index.ts` — the supervisor of `npm
 * start`) on a port of 127.0.0.1 and the database of DATABASE_URL; resolves once /healthz answers 200.
 */
export async function startServerProcess(port: number, env: Record<string, string> = {}, options: { supervised?: boolean } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, options.supervised ? ['--import', 'tsx', 'server/index.ts'] : [SERVE_ENTRY], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WELTOFFEN_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => {
    output += chunk;
    errors += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    child,
    output: () => output,
    errors: () => errors,
    alive,
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + 90_000; // a first start may build the app
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`The server exited while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await server.kill();
  throw new Error(`The server did not start:\n${output}`);
}

/** Posts a reply to a thread as the page's form does without JavaScript: the answer is a redirect or a page. */
export function postReply(
  url: string,
  path: string,
  cookie: string,
  text: string,
  options: { language?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...options.headers },
    body: new URLSearchParams({ intent: 'reply', bodyText: text, language: options.language ?? 'de' }),
  });
}

/** The success answer of a reply: the redirect to the new post. */
export const replyAccepted = (response: Response) => response.status === 302 && /[?&]posted=\d+/.test(response.headers.get('location') ?? '');

/** socket.io clients of a test, all closed by `closeAll()`. */
export class Readers {
  private sockets: Socket[] = [];

  open(url: string, options: Partial<ManagerOptions & SocketOptions> = {}): Socket {
    const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 200, ...options });
    this.sockets.push(socket);
    return socket;
  }

  closeAll() {
    for (const socket of this.sockets) socket.disconnect();
    this.sockets = [];
  }
}

export interface Follower {
  /** Every post received, once each, in arrival order. */
  received: PostView[];
  /** Resolves after the first successful join. */
  joined: Promise<void>;
  /** How often each post id arrived live (`post:created`), and how often in a catch-up. */
  live: Map<number, number>;
  caughtUp: Map<number, number>;
  /** Each catch-up: the position the client asked from, and the positions it got. */
  catchUps: { from: number; positions: number[] }[];
  /** Connections made (the first one and every reconnect), and joins answered ok / refused / "unavailable" (asked again). */
  stats: { connects: number; joins: number; refusedJoins: string[]; unavailableJoins: number };
  /** Ids of the received posts in thread order. */
  seenIds(): number[];
  /** The highest position seen: what the next join asks to catch up from. */
  lastSeenPosition(): number;
}

/**
 * Joins the thread on every (re)connect with the last position seen, and keeps each post once, as the
 * browser hook does (a post committed while re-joining may come both live and in the catch-up). Counts
 * how each post arrived, so a test can tell "kept once" from "sent twice".
 */
export function follow(socket: Socket, threadId: number, options: { lastSeenPosition?: number } = {}): Follower {
  let last = options.lastSeenPosition ?? 0;
  const follower: Follower = {
    received: [],
    joined: Promise.resolve(),
    live: new Map(),
    caughtUp: new Map(),
    catchUps: [],
    stats: { connects: 0, joins: 0, refusedJoins: [], unavailableJoins: 0 },
    seenIds: () => [...follower.received].sort((a, b) => a.position - b.position).map((p) => p.id),
    lastSeenPosition: () => last,
  };
  const take = (posts: PostView[], counts: Map<number, number>) => {
    for (const post of posts) {
      counts.set(post.id, (counts.get(post.id) ?? 0) + 1);
      if (follower.received.some((p) => p.id === post.id)) continue;
      follower.received.push(post);
      last = Math.max(last, post.position);
    }
  };
  socket.on('post:created', ({ post }: { post: PostView }) => post.threadId === threadId && take([post], follower.live));
  follower.joined = new Promise<void>((resolve) => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const join = () => {
      clearTimeout(retry);
      const from = last;
      socket.emit('thread:join', { threadId, lastSeenPosition: from }, (reply: { ok: true; missed: PostView[] } | { ok: false; error: string }) => {
        // As the browser does (use-room.ts): "unavailable" is asked again after a pause; other refusals stand.
        if (!reply.ok && reply.error === 'unavailable') {
          follower.stats.unavailableJoins++;
          retry = setTimeout(() => socket.connected && join(), 500);
          return;
        }
        if (!reply.ok) {
          follower.stats.refusedJoins.push(reply.error);
          return;
        }
        follower.stats.joins++;
        if (from > 0) follower.catchUps.push({ from, positions: reply.missed.map((p) => p.position) });
        take(reply.missed, follower.caughtUp);
        resolve();
      });
    };
    socket.on('connect', () => {
      follower.stats.connects++;
      join();
    });
  });
  return follower;
}
