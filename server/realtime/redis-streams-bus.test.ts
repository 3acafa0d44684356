/**
 * REALTIME_BUS=redis-streams (decision 020) for real: two server processes on one database and one Redis
 * (redis-server, started here). A reply posted through either reaches the readers on both exactly once, the
 * guest pages of both forget what changed, "N reading" adds up across them, and a sign-out on one
 * disconnects the member's socket on the other. Hostile: the relaying process is killed with SIGKILL while
 * replies come in, and Redis is killed with SIGKILL and started again empty; no acknowledged reply is lost
 * to a reader, and the outbox ends empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { buildIfStale } from '../build';
import { follow, postReply, Readers, replyAccepted, startServerProcess, type ServerProcess } from '../testing/live';
import { startRedis, type TestRedis } from '../testing/redis';
import { actorOf, createTownDirectly, createUser, grantRole, sessionCookieOf } from '../../db/testing/factories';
import { createTestForum, startThread } from '../../db/testing/forum-fixtures';
import { freePort } from '../../db/testing/free-port';

const readers = new Readers();
let redis: TestRedis;
let townSlug: string;
let threadId: number;
let threadPath: string;
let cookie: string;
const processes: ServerProcess[] = [];
let a: ServerProcess;
let b: ServerProcess;

const busEnv = () => ({ DATABASE_URL: process.env.DATABASE_URL!, REALTIME_BUS: 'redis-streams', REDIS_URL: redis.url });
const startOn = async (port: number) => {
  const started = await startServerProcess(port, busEnv());
  processes.push(started);
  return started;
};
const relaying = () => processes.filter((p) => p.alive() && p.output().includes('This process relays the message bus.'));
const withServerLogs = (error: unknown) => {
  throw new Error(`${String(error)}\n${processes.map((p) => `--- ${p.url}\n${p.output()}`).join('\n')}`);
};
const postedId = (response: Response) => Number(/[?&]posted=(\d+)/.exec(response.headers.get('location') ?? '')?.[1]);

beforeAll(async () => {
  redis = await startRedis();
  townSlug = 'redis-town';
  const townId = await createTownDirectly(townSlug);
  await sql`update municipalities set posts_per_window = 10000 where id = ${townId}`;
  const forumId = await createTestForum(townId, 'live');
  const author = await createUser({ label: 'writer' });
  await grantRole(author.userId, townId, 'member');
  ({ threadId } = await startThread(await actorOf(author.userId), townId, forumId, 'Live over Redis', 'Opening post', 'en'));
  threadPath = `/towns/${townSlug}/threads/${threadId}`;
  cookie = await sessionCookieOf(author);
  await buildIfStale(() => {});
  a = await startOn(await freePort());
  b = await startOn(await freePort());
}, 180_000);

afterAll(async () => {
  readers.closeAll();
  await Promise.all(processes.map((p) => p.stop()));
  await redis?.kill();
});

describe('two processes on the Redis Streams adapter', () => {
  it('a reply through either process reaches the readers on both exactly once, and the outbox is emptied', async () => {
    const onA = follow(readers.open(a.url), threadId);
    const onB = follow(readers.open(b.url), threadId);
    await Promise.all([onA.joined, onB.joined]);
    await expect.poll(() => relaying().length, { timeout: 5_000 }).toBe(1);

    expect(replyAccepted(await postReply(a.url, threadPath, cookie, 'Through A, over Redis', { language: 'en' }))).toBe(true);
    expect(replyAccepted(await postReply(b.url, threadPath, cookie, 'Through B, over Redis', { language: 'en' }))).toBe(true);
    await expect.poll(() => [onA.received.length, onB.received.length]).toEqual([2, 2]);
    // A later reply has arrived everywhere: a duplicate of the first two would have, too.
    expect(replyAccepted(await postReply(a.url, threadPath, cookie, 'A third', { language: 'en' }))).toBe(true);
    await expect.poll(() => [onA.received.length, onB.received.length]).toEqual([3, 3]);
    for (const reader of [onA, onB]) expect([...reader.live.values()]).toEqual([1, 1, 1]);
    expect(onA.received.map((p) => p.bodyHtml)).toEqual(['<p>Through A, over Redis</p>', '<p>Through B, over Redis</p>', '<p>A third</p>']);
    expect(onA.seenIds()).toEqual(onB.seenIds());
    await expect.poll(async () => (await sql`select count(*)::int as n from bus_outbox`)[0].n).toBe(0);
  });

  it("both processes' guest pages show a reply posted through the other one", async () => {
    // Both keep the thread page as guests see it (decision 025) …
    for (const p of [a, b]) expect(await (await fetch(`${p.url}${threadPath}`)).text()).not.toContain('Seen by the guests of both');
    expect(replyAccepted(await postReply(a.url, threadPath, cookie, 'Seen by the guests of both', { language: 'en' }))).toBe(true);
    // … and both forget it at once, well inside the cache's 10 s.
    for (const p of [a, b]) await expect.poll(async () => (await fetch(`${p.url}${threadPath}`)).text(), { timeout: 3_000 }).toContain('Seen by the guests of both');
  });

  it('"N reading" counts the readers on both processes', async () => {
    const counts: number[][] = [[], []];
    const [first, second] = [readers.open(a.url), readers.open(b.url)];
    first.on('thread:readers', ({ count }: { count: number }) => counts[0].push(count));
    second.on('thread:readers', ({ count }: { count: number }) => counts[1].push(count));
    await Promise.all([follow(first, threadId).joined, follow(second, threadId).joined]);
    // The readers of the first test are still there: two on each process.
    await expect.poll(() => [counts[0].at(-1), counts[1].at(-1)]).toEqual([4, 4]);
  });

  it("signing out through one process disconnects the member's socket on the other", async () => {
    const member = await createUser({ label: 'leaver' });
    const memberCookie = await sessionCookieOf(member);
    const socket = readers.open(b.url, { extraHeaders: { cookie: memberCookie }, reconnection: false });
    const revoked = new Promise<void>((resolve) => socket.on('session:revoked', () => resolve()));
    const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const response = await fetch(`${a.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: memberCookie, origin: a.url } });
    expect(response.status).toBeLessThan(400);
    await revoked;
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe('faults on the Redis Streams adapter', () => {
  it('the relaying process is killed (SIGKILL) while replies come in: the other takes over and no acknowledged reply is missed', async () => {
    const [relay] = relaying();
    const survivor = relay === a ? b : a;
    const reader = follow(readers.open(survivor.url), threadId);
    await reader.joined;
    const acknowledged: number[] = [];
    let stop = false;
    const writing = (async () => {
      for (let i = 0; !stop; i++) {
        const response = await postReply(survivor.url, threadPath, cookie, `During the relay's death ${i}`, { language: 'en' });
        if (replyAccepted(response)) acknowledged.push(postedId(response));
      }
    })();
    await expect.poll(() => acknowledged.length).toBeGreaterThan(5);
    await relay.kill();
    await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(30);
    stop = true;
    await writing;
    await expect.poll(() => relaying().length, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => acknowledged.filter((id) => !reader.live.has(id)), { timeout: 10_000 }).toEqual([]);
    await expect.poll(async () => (await sql`select count(*)::int as n from bus_outbox`)[0].n).toBe(0);
    // Started again, it joins without a gap in what its readers get.
    const restarted = await startOn(await freePort());
    if (relay === a) a = restarted;
    else b = restarted;
  });

  it('Redis is killed (SIGKILL) and started again empty: replies posted meanwhile reach the readers on both processes', async () => {
    const onA = follow(readers.open(a.url), threadId);
    const onB = follow(readers.open(b.url), threadId);
    await Promise.all([onA.joined, onB.joined]);
    await redis.kill();
    const acknowledged: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await postReply(i % 2 ? b.url : a.url, threadPath, cookie, `While Redis is away ${i}`, { language: 'en' });
      expect(replyAccepted(response)).toBe(true);
      acknowledged.push(postedId(response));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.start();
    for (const reader of [onA, onB]) {
      const missed = () => acknowledged.filter((id) => !reader.received.some((p) => p.id === id));
      await expect.poll(missed, { timeout: 20_000 }).toEqual([]).catch(withServerLogs);
    }
    await expect.poll(async () => (await sql`select count(*)::int as n from bus_outbox`)[0].n).toBe(0);
  });
});
