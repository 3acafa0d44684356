/**
 * Live threads for real: two server processes on one database (a post made through one reaches readers
 * on the other exactly once), and a reader whose connection drops catches up with nothing missed or doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { buildIfStale } from '../build';
import type { AppServer } from '../app';
import { startTestServer } from '../testing/app-server';
import { follow, postReply, Readers, startServerProcess, type ServerProcess } from '../testing/live';
import { actorOf, createTownDirectly, createUser, grantRole, sessionCookieOf } from '../../db/testing/factories';
import { createTestForum, replyTo, startThread } from '../../db/testing/forum-fixtures';
import { freePort } from '../../db/testing/free-port';

const readers = new Readers();

let townId: number;
let townSlug: string;
let threadId: number;
let cookie: string;
let authorId: string;

beforeAll(async () => {
  townSlug = 'live-town';
  townId = await createTownDirectly(townSlug);
  await sql`update municipalities set posts_per_window = 10000 where id = ${townId}`;
  const forumId = await createTestForum(townId, 'live');
  const author = await createUser({ label: 'writer' });
  authorId = author.userId;
  await grantRole(author.userId, townId, 'member');
  ({ threadId } = await startThread(await actorOf(author.userId), townId, forumId, 'Live thread', 'Opening post', 'en'));
  cookie = await sessionCookieOf(author);
});

afterAll(() => readers.closeAll());

describe('two server processes on one database', () => {
  const processes: ServerProcess[] = [];
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    await buildIfStale(() => {});
    const [portA, portB] = [await freePort(), await freePort()];
    processes.push(await startServerProcess(portA, { DATABASE_URL: process.env.DATABASE_URL! }), await startServerProcess(portB, { DATABASE_URL: process.env.DATABASE_URL! }));
    [urlA, urlB] = processes.map((p) => p.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
  });

  it('a reply posted through process A reaches readers on A and on B exactly once', async () => {
    const onB = follow(readers.open(urlB), threadId);
    const onA = follow(readers.open(urlA), threadId);
    await Promise.all([onA.joined, onB.joined]);

    const response = await postReply(urlA, `/towns/${townSlug}/threads/${threadId}`, cookie, 'Posted through process A', { language: 'en' });
    expect(response.status).toBe(302);

    await expect.poll(() => onB.received.length).toBe(1);
    await expect.poll(() => onA.received.length).toBe(1);
    // Would a duplicate still arrive? Both readers stay at exactly one post while a later post comes through.
    await postReply(urlB, `/towns/${townSlug}/threads/${threadId}`, cookie, 'A second post, through process B', { language: 'en' });
    await expect.poll(() => onA.received.length).toBe(2);
    await expect.poll(() => onB.received.length).toBe(2);
    expect(onB.live.get(onB.received[0].id)).toBe(1);
    expect(onA.live.get(onA.received[0].id)).toBe(1);
    expect(onB.received.slice(0, 1).map((p) => p.bodyHtml)).toEqual(['<p>Posted through process A</p>']);
    expect(onA.seenIds()).toEqual(onB.seenIds());
  });
});

describe('reconnecting readers', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('a reader whose connection drops mid-thread catches up: nothing missed, nothing doubled', async () => {
    const author = await actorOf(authorId);
    const socket = readers.open(server.url, { reconnectionDelay: 50, reconnectionDelayMax: 100 });
    const live = follow(socket, threadId);
    await live.joined;
    const before = (await sql`select count(*)::int as n from posts where thread_id = ${threadId}`)[0].n as number;

    const written: number[] = [];
    for (let i = 0; i < 5; i++) written.push((await replyTo(author, townId, threadId, `before the drop ${i}`, { language: 'en' })).postId);
    await expect.poll(() => live.received.length).toBe(5);

    socket.io.engine.close(); // the network drops; the client reconnects by itself
    for (let i = 0; i < 7; i++) written.push((await replyTo(author, townId, threadId, `while away ${i}`, { language: 'en' })).postId);
    await expect.poll(() => socket.connected, { timeout: 10_000 }).toBe(true);
    for (let i = 0; i < 3; i++) written.push((await replyTo(author, townId, threadId, `after the return ${i}`, { language: 'en' })).postId);

    await expect.poll(() => live.received.length, { timeout: 10_000 }).toBe(15);
    expect(live.seenIds()).toEqual(written);
    const after = (await sql`select count(*)::int as n from posts where thread_id = ${threadId}`)[0].n as number;
    expect(after - before).toBe(15);
  });
});
