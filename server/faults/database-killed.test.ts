/**
 * Fault: PostgreSQL is killed with SIGKILL (as the OOM killer would) while people post replies, under
 * `npm start` itself — the supervisor with its embedded database. The app process survives (postgres.js
 * used to throw an uncaught TypeError from a timer here, porsager/postgres#1208; we pin a patched 3.4.9),
 * answers 503 while the database is gone, the supervisor starts PostgreSQL again on the same port, and the
 * app recovers by itself: every reply it acknowledged is stored exactly once, and readers catch up.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../build';
import { follow, postReply, Readers, replyAccepted, startServerProcess, type Follower, type ServerProcess } from '../testing/live';
import { freePort } from '../../db/testing/free-port';

const DEMO_PASSWORD = 'weltoffen-demo';
const WRITERS = ['admin', 'moderation', 'veranstaltung', 'buergermeisterin', 'bewohnerin'].map((name) => `${name}@demo.weltoffen.example`);
const ACKS_BEFORE_KILL = 10;

const dataDir = path.resolve(`${process.env.TEST_DATA_DIR ?? '.data/test'}-killed-${crypto.randomBytes(3).toString('hex')}`);
const readers = new Readers();
let server: ServerProcess;
let threadPath: string;
let threadId: number;

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'sign-in', email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(302);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('weltoffen_session='));
  return cookie!.split(';')[0];
}

/** The embedded cluster's folder, as start-up reports it (it may live outside DATA_DIR when run as root). */
function clusterFolder(): string {
  const output = server.output();
  const outside = output.match(/Its cluster is in (\S+) \(/);
  return outside ? outside[1] : path.join(dataDir, 'postgres');
}

const postmasterPid = () => Number(fs.readFileSync(path.join(clusterFolder(), 'postmaster.pid'), 'utf8').split('\n')[0]);

/** The thread's posts as the embedded database holds them (its address and credentials are in the cluster's files). */
async function storedTexts(): Promise<string[]> {
  const cluster = clusterFolder();
  const port = Number(fs.readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[3]);
  const { user, password } = JSON.parse(fs.readFileSync(`${cluster}.credentials`, 'utf8'));
  const db = postgres({ host: '127.0.0.1', port, user, password, database: 'weltoffen', max: 1, onnotice: () => {} });
  try {
    const rows = await db`select body_text from posts where thread_id = ${threadId}`;
    return rows.map((row) => row.body_text as string);
  } finally {
    await db.end();
  }
}
const health = async () => {
  try {
    return (await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(3000) })).status;
  } catch {
    return 0;
  }
};

beforeAll(async () => {
  await buildIfStale(() => {});
  const port = await freePort();
  server = await startServerProcess(port, { DATA_DIR: dataDir, WELTOFFEN_DEMO: '1', DATABASE_URL: '' }, { supervised: true });
  const admin = await signIn(WRITERS[0]);
  // The demo's posting limit (10 per 5 minutes) would stop the writers long before the database dies.
  const limit = await fetch(`${server.url}/towns/hafenstadt/forums-admin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: admin, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'limit', postsPerWindow: '10000', postWindowMinutes: '1' }),
  });
  expect(limit.status).toBe(302);
  const forum = await fetch(`${server.url}/towns/hafenstadt/forums/zusammenleben`, { headers: { cookie: admin } });
  const html = await forum.text();
  threadId = Number(html.match(/\/towns\/hafenstadt\/threads\/(\d+)/)![1]);
  threadPath = `/towns/hafenstadt/threads/${threadId}`;
}, 180_000);

afterAll(async () => {
  readers.closeAll();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL is killed with SIGKILL under concurrent writes', () => {
  it('the app stays up, answers 503, recovers once the supervisor restarted the database, and loses nothing it acknowledged', { timeout: 180_000 }, async () => {
    const cookies = await Promise.all(WRITERS.map(signIn));
    const followers: Follower[] = [follow(readers.open(server.url), threadId, { lastSeenPosition: 1 })];
    await Promise.all(followers.map((f) => f.joined));

    const attempts: { token: string; status: number | 'no answer' }[] = [];
    let stopWriting = false;
    let killed = false;
    const writing = cookies.map(async (cookie, w) => {
      for (let i = 0; !stopWriting; i++) {
        const token = `sigkill-${w}-${i}-${crypto.randomBytes(3).toString('hex')}`;
        const attempt: (typeof attempts)[number] = { token, status: 'no answer' };
        attempts.push(attempt);
        try {
          const response = await postReply(server.url, threadPath, cookie, `Antwort ${token} im Thread.`, { headers: { accept: 'application/json' } });
          attempt.status = response.status;
          await response.arrayBuffer();
          if (!replyAccepted(response)) await new Promise((resolve) => setTimeout(resolve, 200)); // the database is away: a person would wait too
        } catch {
          // the connection broke mid-request: no answer, so not acknowledged
        }
      }
    });

    await expect.poll(() => attempts.filter((a) => a.status === 302).length, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    const pid = postmasterPid();
    process.kill(pid, 'SIGKILL');
    killed = true;

    // While it is gone the app answers and says the database is down; then the supervisor has it running
    // again, and the app recovers without a restart of its own.
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const status = await health();
          seen.push(status);
          return seen.includes(503) && status === 200;
        },
        { timeout: 90_000, interval: 100 },
      )
      .toBe(true);
    // The app process itself never died: no TypeError from postgres.js, no restart by the supervisor.
    expect(server.output()).not.toMatch(/The app process ended|Cannot read properties of null|uncaught/i);
    expect(seen.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(postmasterPid()).not.toBe(pid);
    await expect.poll(() => attempts.filter((a) => a.status === 302).length, { timeout: 30_000 }).toBeGreaterThan(attempts.filter((a) => a.status === 302).length);
    stopWriting = true;
    await Promise.all(writing);

    expect(killed).toBe(true);
    expect(server.alive()).toBe(true);
    const output = server.output();
    expect(output).toMatch(/embedded PostgreSQL stopped unexpectedly/);
    expect(output).toMatch(/embedded PostgreSQL is running again/);
    expect(output).not.toMatch(/The app process ended|Cannot read properties of null|uncaught/i);
    // Nothing answered 5xx but "briefly unavailable" (503).
    expect(attempts.filter((a) => typeof a.status === 'number' && a.status >= 500 && a.status !== 503)).toEqual([]);

    // Every acknowledged reply is there exactly once; none twice (read from the database itself).
    const stored = await storedTexts();
    const copies = (token: string) => stored.filter((text) => text.includes(token)).length;
    const acknowledged = attempts.filter((a) => a.status === 302);
    expect(acknowledged.filter((a) => copies(a.token) !== 1).map((a) => a.token)).toEqual([]);
    expect(attempts.filter((a) => copies(a.token) > 1).map((a) => a.token)).toEqual([]);

    // The reader reconnected (the bus was listened to again) and holds every acknowledged reply.
    const follower = followers[0];
    await expect.poll(() => follower.received.filter((post) => acknowledged.some((a) => post.bodyHtml?.includes(a.token))).length, { timeout: 30_000, message: `the reader holds every acknowledged reply (its connections and joins: ${JSON.stringify(follower.stats)})` }).toBe(acknowledged.length);
    expect([...follower.live.values()].filter((n) => n > 1)).toEqual([]);
  });
});
