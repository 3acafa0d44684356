/**
 * Live threads for real: two server processes on one database (a post made through one reaches readers
 * on the other exactly once), and a reader whose connection drops catches up with nothing missed or doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { sql } from '#app/db.server';
import { signIn } from '#app/domain/auth/accounts.server';
import { createForum, getForum } from '#app/domain/forums/forums.server';
import { createThread } from '#app/domain/forums/threads.server';
import { createReply, type PostView } from '#app/domain/forums/posts.server';
import { buildIfStale } from '../build';
import { startAppServer, type AppServer } from '../app';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam, testContext } from '../../db/testing/factories';
import { freePort } from '../../db/testing/free-port';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

async function startProcess(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WELTOFFEN_DEMO: '0', DATABASE_URL: process.env.DATABASE_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {}
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not start: ${output}`);
}

const sockets: Socket[] = [];
function reader(url: string, options: Partial<Parameters<typeof connect>[1]> = {}) {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, ...options });
  sockets.push(socket);
  return socket;
}

/**
 * Joins the thread on every (re)connect from the last seen position and keeps each post once, like the
 * browser hook does (a post committed while re-joining may come both live and in the catch-up).
 */
function follow(socket: Socket, threadId: number) {
  const received: PostView[] = [];
  let last = 0;
  const take = (posts: PostView[]) => {
    for (const post of posts) {
      if (received.some((p) => p.id === post.id)) continue;
      received.push(post);
      last = Math.max(last, post.position);
    }
  };
  socket.on('post:created', ({ post }: { post: PostView }) => post.threadId === threadId && take([post]));
  const joined = new Promise<void>((resolve) => {
    socket.on('connect', () =>
      socket.emit('thread:join', { threadId, lastSeenPosition: last }, (reply: { ok: boolean; missed: PostView[] }) => {
        take(reply.missed ?? []);
        resolve();
      }),
    );
  });
  return { received, joined, seenIds: () => [...received].sort((a, b) => a.position - b.position).map((p) => p.id) };
}

let townId: number;
let townSlug: string;
let threadId: number;
let cookie: string;
let authorId: string;

beforeAll(async () => {
  townSlug = 'live-town';
  townId = await createTownDirectly(townSlug);
  await sql`update municipalities set posts_per_window = 10000 where id = ${townId}`;
  const network = await createUser({ label: 'net' });
  await makeNetworkTeam(network.userId);
  await createForum(await actorOf(network.userId), townId, { slug: 'live', name: 'Live', description: '', position: 0, staffOnlyPosting: false });
  const author = await createUser({ label: 'writer' });
  authorId = author.userId;
  await grantRole(author.userId, townId, 'member');
  ({ threadId } = await createThread(await actorOf(author.userId), await getForum(townId, 'live'), { title: 'Live thread', body: doc('Opening post'), language: 'en' }));
  cookie = (await signIn(author, testContext())).cookie.split(';')[0];
});

afterAll(() => {
  for (const socket of sockets) socket.disconnect();
});

describe('two server processes on one database', () => {
  const children: ChildProcess[] = [];
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    await buildIfStale(() => {});
    const [portA, portB] = [await freePort(), await freePort()];
    children.push(await startProcess(portA), await startProcess(portB));
    [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))));
  });

  it('a reply posted through process A reaches readers on A and on B exactly once', async () => {
    const onB = follow(reader(urlB), threadId);
    const onA = follow(reader(urlA), threadId);
    await Promise.all([onA.joined, onB.joined]);

    const response = await fetch(`${urlA}/towns/${townSlug}/threads/${threadId}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: urlA, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'reply', bodyText: 'Posted through process A', language: 'en' }),
    });
    expect(response.status).toBe(302);

    await expect.poll(() => onB.received.length).toBe(1);
    await expect.poll(() => onA.received.length).toBe(1);
    await new Promise((r) => setTimeout(r, 500)); // would a duplicate still arrive?
    expect(onB.received.map((p) => p.bodyHtml)).toEqual(['<p>Posted through process A</p>']);
    expect(onA.seenIds()).toEqual(onB.seenIds());
  });
});

describe('reconnecting readers', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({ port: 0, host: '127.0.0.1', publicUrl: null, demoMode: false, remixBuild: null });
  });
  afterAll(() => server.close());

  it('a reader whose connection drops mid-thread catches up: nothing missed, nothing doubled', async () => {
    const author = await actorOf(authorId);
    const socket = reader(server.url, { reconnectionDelay: 50, reconnectionDelayMax: 100 });
    const live = follow(socket, threadId);
    await live.joined;
    const before = (await sql`select count(*)::int as n from posts where thread_id = ${threadId}`)[0].n as number;

    const written: number[] = [];
    for (let i = 0; i < 5; i++) written.push((await createReply(author, townId, threadId, { body: doc(`before the drop ${i}`), language: 'en' })).postId);
    await expect.poll(() => live.received.length).toBe(5);

    socket.io.engine.close(); // the network drops; the client reconnects by itself
    for (let i = 0; i < 7; i++) written.push((await createReply(author, townId, threadId, { body: doc(`while away ${i}`), language: 'en' })).postId);
    await expect.poll(() => socket.connected, { timeout: 10_000 }).toBe(true);
    for (let i = 0; i < 3; i++) written.push((await createReply(author, townId, threadId, { body: doc(`after the return ${i}`), language: 'en' })).postId);

    await expect.poll(() => live.received.length, { timeout: 10_000 }).toBe(15);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.seenIds()).toEqual(written);
    const after = (await sql`select count(*)::int as n from posts where thread_id = ${threadId}`)[0].n as number;
    expect(after - before).toBe(15);
  });
});
