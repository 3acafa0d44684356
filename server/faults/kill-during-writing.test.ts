/**
 * Fault: the server process is killed with SIGKILL while people post replies (no drain, no clean-up), then
 * started again on the same database. Every reply the server acknowledged is there exactly once; a reply
 * whose answer never came is there at most once; and readers whose sockets dropped with the process
 * reconnect and catch up from the database with nothing missed and nothing sent twice.
 *
 * Deterministic whatever the moment of the kill: the assertions hold for any split of the replies into
 * acknowledged, committed-but-unanswered and rolled back.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { buildIfStale } from '../build';
import { follow, postReply, Readers, replyAccepted, startServerProcess, type Follower, type ServerProcess } from '../testing/live';
import { actorOf, createTownDirectly, createUser, grantRole, sessionCookieOf } from '../../db/testing/factories';
import { createTestForum, replyTo, startThread } from '../../db/testing/forum-fixtures';
import { freePort } from '../../db/testing/free-port';

const WRITERS = 4;
const ACKS_BEFORE_KILL = 12;

const readers = new Readers();
let townId: number;
let threadId: number;
let threadPath: string;
let writers: { userId: string; cookie: string }[];
let port: number;
let server: ServerProcess | null = null;

/** The thread's posts as the database has them, after the opening post. */
async function postsInDatabase(): Promise<{ id: number; position: number; bodyText: string }[]> {
  return sql`select id, position, body_text from posts where thread_id = ${threadId} and position > 1 order by position`;
}

beforeAll(async () => {
  await buildIfStale(() => {});
  townId = await createTownDirectly('kill-town');
  await sql`update municipalities set posts_per_window = 100000 where id = ${townId}`;
  const forumId = await createTestForum(townId, 'talk');
  writers = [];
  for (let i = 0; i < WRITERS; i++) {
    const person = await createUser({ label: `writer${i}` });
    await grantRole(person.userId, townId, 'member');
    writers.push({ userId: person.userId, cookie: await sessionCookieOf(person) });
  }
  ({ threadId } = await startThread(await actorOf(writers[0].userId), townId, forumId, 'Busy thread', 'Opening post'));
  threadPath = `/towns/kill-town/threads/${threadId}`;
  port = await freePort();
  server = await startServerProcess(port, { DATABASE_URL: process.env.DATABASE_URL! });
}, 120_000);

afterAll(async () => {
  readers.closeAll();
  await server?.stop();
});

describe('kill -9 while people write', () => {
  it('keeps every acknowledged reply exactly once, and readers catch up after the restart with nothing missed or doubled', async () => {
    // Readers on the thread: a guest and a signed-in person, both reconnecting by themselves.
    const followers: Follower[] = [follow(readers.open(server!.url), threadId, { lastSeenPosition: 1 })];
    followers.push(follow(readers.open(server!.url, { extraHeaders: { cookie: writers[1].cookie } }), threadId, { lastSeenPosition: 1 }));
    await Promise.all(followers.map((f) => f.joined));

    // Each writer posts replies one after another, each with a text of its own, until the server is gone.
    const attempts: { token: string; acknowledged: boolean }[] = [];
    let killed = false;
    const writing = writers.map(async (writer, w) => {
      for (let i = 0; !killed; i++) {
        const token = `kill9-${w}-${i}-${crypto.randomBytes(4).toString('hex')}`;
        const attempt = { token, acknowledged: false };
        attempts.push(attempt);
        try {
          const response = await postReply(server!.url, threadPath, writer.cookie, `Antwort ${token} im vollen Thread.`);
          attempt.acknowledged = replyAccepted(response);
          expect(response.status, await response.text()).toBe(302);
        } catch (error) {
          if (!killed) throw error;
          return; // the process died under this request: no answer
        }
      }
    });
    await expect.poll(() => attempts.filter((a) => a.acknowledged).length, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    killed = true;
    await server!.kill();
    await Promise.all(writing);

    // While no server runs, replies still come in (through the domain, as another process would write them):
    // the readers can only get these by catching up.
    const author = await actorOf(writers[2].userId);
    for (let i = 0; i < 3; i++) await replyTo(author, townId, threadId, `Geschrieben, als kein Server lief ${i}`);

    server = await startServerProcess(port, { DATABASE_URL: process.env.DATABASE_URL! });
    const afterRestart = await postReply(server.url, threadPath, writers[3].cookie, 'Antwort nach dem Neustart.');
    expect(replyAccepted(afterRestart)).toBe(true);

    // Acknowledged: exactly once. Unanswered (in flight at the kill): at most once. Never twice.
    const stored = await postsInDatabase();
    const copies = (token: string) => stored.filter((post) => post.bodyText.includes(token)).length;
    const acknowledged = attempts.filter((a) => a.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(acknowledged.filter((a) => copies(a.token) !== 1).map((a) => a.token)).toEqual([]);
    expect(attempts.filter((a) => copies(a.token) > 1).map((a) => a.token)).toEqual([]);
    // Nothing else crept in: every reply in the thread is one of ours.
    expect(stored.length).toBe(attempts.filter((a) => copies(a.token) === 1).length + 3 + 1);

    // The readers reconnected to the new process and hold exactly the database's posts, in order.
    const expected = stored.map((post) => post.id);
    for (const follower of followers) {
      await expect.poll(() => follower.seenIds(), { timeout: 20_000 }).toEqual(expected);
      expect(follower.stats.connects).toBeGreaterThanOrEqual(2);
      expect(follower.stats.refusedJoins).toEqual([]);
      // Nothing doubled on the wire: no post came live twice, or in two catch-ups, and every catch-up
      // began after the last post the reader had (overlap with a live post while re-joining is allowed).
      expect([...follower.live.values()].filter((n) => n > 1)).toEqual([]);
      expect([...follower.caughtUp.values()].filter((n) => n > 1)).toEqual([]);
      for (const catchUp of follower.catchUps) expect(catchUp.positions.every((p) => p > catchUp.from)).toBe(true);
      expect(follower.catchUps.length).toBeGreaterThanOrEqual(1);
    }
  });
});
