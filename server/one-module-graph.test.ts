/**
 * One module graph per process: the production app process takes the app's runtime (sockets, bus listener,
 * jobs) from the Remix build, so pages and sockets share one database pool. Before, the server's own copy
 * of the domain and the build's bundled copy each opened a pool of their own. Proved by counting the
 * process's connections per application_name while pages, sockets and live posts all run at once.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { buildIfStale } from './build';
import { follow, postReply, Readers, startServerProcess, type ServerProcess } from './testing/live';
import { actorOf, createTownDirectly, createUser, grantRole, sessionCookieOf } from '../db/testing/factories';
import { createTestForum, startThread } from '../db/testing/forum-fixtures';
import { freePort } from '../db/testing/free-port';

const POOL = 2;
const readers = new Readers();
let server: ServerProcess;
let probe: postgres.Sql;
let threadPath: string;
let threadId: number;
let cookies: string[];

beforeAll(async () => {
  await buildIfStale(() => {});
  const townId = await createTownDirectly('graph-town');
  await sql`update municipalities set posts_per_window = 100000 where id = ${townId}`;
  const forumId = await createTestForum(townId, 'talk');
  const people = await Promise.all([1, 2, 3].map((i) => createUser({ label: `graph${i}` })));
  for (const person of people) await grantRole(person.userId, townId, 'member');
  cookies = await Promise.all(people.map(sessionCookieOf));
  ({ threadId } = await startThread(await actorOf(people[0].userId), townId, forumId, 'Busy thread'));
  threadPath = `/towns/graph-town/threads/${threadId}`;
  // From here on this test process holds no app connection of its own: every 'weltoffen' one is the server's.
  await sql.end();
  probe = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {}, connection: { application_name: 'one-graph-probe' } });
  server = await startServerProcess(await freePort(), { DATABASE_URL: process.env.DATABASE_URL!, DB_POOL_SIZE: String(POOL) });
}, 120_000);

afterAll(async () => {
  readers.closeAll();
  await server?.stop();
  await probe?.end();
});

describe('one module graph per process', () => {
  it('pages, sockets and the bus share one pool of DB_POOL_SIZE connections under load', async () => {
    const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    const samples: Record<string, number>[] = [];
    let loading = true;
    const sampling = (async () => {
      while (loading) {
        const rows = await probe`
          select split_part(application_name, ':', 1) as application_name, count(*)::int as n from pg_stat_activity
           where datname = ${database} and application_name <> 'one-graph-probe'
             and backend_type = 'client backend'
           group by 1`;
        samples.push(Object.fromEntries(rows.map((row) => [row.application_name, row.n])));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    // Sockets in the thread's room (their joins and the live emits read through the runtime's pool) …
    const followers = Array.from({ length: 10 }, (_, i) => follow(readers.open(server.url, { extraHeaders: { cookie: cookies[i % cookies.length] } }), threadId));
    await Promise.all(followers.map((f) => f.joined));
    // … while pages are read and replies written through Remix (the build's modules).
    const pages = Array.from({ length: 60 }, (_, i) => fetch(`${server.url}${threadPath}?page=1`, { headers: { cookie: cookies[i % cookies.length] } }).then((r) => r.text()));
    const replies = cookies.flatMap((cookie, w) => [0, 1, 2].map((i) => postReply(server.url, threadPath, cookie, `Antwort ${w}-${i} unter Last`)));
    const answers = await Promise.all([...pages, ...replies]);
    await expect.poll(() => followers.every((f) => f.received.length >= 9), { timeout: 20_000 }).toBe(true);
    loading = false;
    await sampling;

    expect(answers.length).toBe(69);
    const most = (name: string) => Math.max(0, ...samples.map((sample) => sample[name] ?? 0));
    expect(samples.length).toBeGreaterThan(5);
    // One pool for the whole app process: a second copy of the domain would double this.
    expect(most('weltoffen')).toBeGreaterThan(0);
    expect(most('weltoffen')).toBeLessThanOrEqual(POOL);
    expect(most('weltoffen-listener')).toBe(1);
    expect(most('weltoffen-jobs')).toBeLessThanOrEqual(4);
    // Nothing else connects (lucia's adapter, for one, uses the app's pool).
    const names = new Set(samples.flatMap((sample) => Object.keys(sample)));
    expect([...names].filter((name) => !['', 'weltoffen', 'weltoffen-listener', 'weltoffen-jobs'].includes(name))).toEqual([]);
    // A connection shows with no name for the moment it is still starting up; one that stays unnamed (a
    // pool opened without the app's settings) would show in sample after sample.
    expect(samples.filter((sample) => sample[''] !== undefined).length).toBeLessThanOrEqual(2);
  });
});
