/**
 * Fault: the database goes down (its server process really stops) while the app runs, and comes back on
 * the same address. The app process stays up throughout: /healthz says 503, then 200 again without a
 * restart; a reply posted meanwhile gets a translated "briefly unavailable" answer that keeps the text;
 * realtime resumes (the LISTEN is re-established, new posts arrive live, readers catch up on what they
 * missed); the background work (mail outbox, presence) carries on.
 *
 * The server runs against an embedded cluster of its own (not the shared test cluster), which this test
 * stops and starts. Nothing here depends on timing beyond "eventually, within a generous limit".
 */
import fs from 'node:fs';
import net from 'node:net';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embedded';
import { installJobQueue, migrate } from '../../db/migrate';
import { freePort } from '../../db/testing/free-port';
import { buildIfStale } from '../build';
import { doc, follow, postReply, Readers, replyAccepted, startServerProcess, type Follower, type ServerProcess } from '../testing/live';

// Beside the shared test cluster, so runs with different TEST_DATA_DIRs do not stop each other's database.
const DATA_DIR = `${process.env.TEST_DATA_DIR ?? '.data/test'}-outage`;

const readers = new Readers();
let database: EmbeddedPostgres;
let databaseUrl: string;
let server: ServerProcess;
// The app's modules connect on import: loaded once DATABASE_URL names the cluster of this test.
let app: {
  sql: typeof import('#app/database/client.server').sql;
  replyTo: typeof import('../../db/testing/forum-fixtures').replyTo;
  enqueueMail: typeof import('#app/domain/mail/outbox.server').enqueueMail;
  actorOf: typeof import('../../db/testing/factories').actorOf;
};
let townId: number;
let threadId: number;
let threadPath: string;
let writer: { userId: string; cookie: string };

const mail: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    let raw = '';
    stream.on('data', (chunk) => (raw += chunk));
    stream.on('end', () => {
      mail.push(raw);
      callback();
    });
  },
});

const common = (lng: string) => JSON.parse(fs.readFileSync(`locales/${lng}/common.json`, 'utf8'));
const unescapeHtml = (html: string) =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const healthStatus = async () => (await fetch(`${server.url}/healthz`)).status;
const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
const emit = (socket: Socket, event: string, payload: unknown) => new Promise<{ ok: boolean; error?: string }>((resolve) => socket.emit(event, payload, resolve));

async function postsInDatabase(): Promise<number[]> {
  const rows = await app.sql`select id from posts where thread_id = ${threadId} and position > 1 order by position`;
  return rows.map((row) => Number(row.id));
}

beforeAll(async () => {
  await buildIfStale(() => {});
  database = await startEmbeddedPostgres({ dataDir: DATA_DIR, freshDatabase: true });
  databaseUrl = database.url;
  const bootstrap = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await migrate(bootstrap);
  await bootstrap.end();
  await installJobQueue(databaseUrl);
  // The app's configuration is read once, at the first import of its modules: choose it first.
  const smtpPort = await freePort();
  process.env.DATABASE_URL = databaseUrl;
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;

  const { sql } = await import('#app/database/client.server');
  const { enqueueMail } = await import('#app/domain/mail/outbox.server');
  const { actorOf, createTownDirectly, createUser, grantRole, sessionCookieOf } = await import('../../db/testing/factories');
  const { createTestForum, replyTo, startThread } = await import('../../db/testing/forum-fixtures');
  app = { sql, replyTo, enqueueMail, actorOf };

  townId = await createTownDirectly('outage-town');
  const forumId = await createTestForum(townId, 'talk');
  const person = await createUser({ label: 'writer' });
  await grantRole(person.userId, townId, 'member');
  writer = { userId: person.userId, cookie: await sessionCookieOf(person) };
  ({ threadId } = await startThread(await actorOf(writer.userId), townId, forumId, 'Outage thread', 'Opening post'));
  threadPath = `/towns/outage-town/threads/${threadId}`;

  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  server = await startServerProcess(await freePort(), { DATABASE_URL: databaseUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
}, 120_000);

afterAll(async () => {
  readers.closeAll();
  await server?.stop();
  await app?.sql.end({ timeout: 2 });
  await database?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('the database stops and starts while the server runs', () => {
  let watcher: Follower;
  let watcherSocket: Socket;
  let away: Follower;
  let awaySocket: Socket;
  const readerCounts: { at: number; count: number }[] = [];

  it('while it is down: /healthz says 503, the process and its sockets stay up', async () => {
    // A signed-in reader watches the thread throughout; another one leaves before the outage.
    watcherSocket = readers.open(server.url, { extraHeaders: { cookie: writer.cookie } });
    watcherSocket.on('thread:readers', ({ count }: { count: number }) => readerCounts.push({ at: Date.now(), count }));
    watcher = follow(watcherSocket, threadId, { lastSeenPosition: 1 });
    awaySocket = readers.open(server.url);
    away = follow(awaySocket, threadId, { lastSeenPosition: 1 });
    await Promise.all([watcher.joined, away.joined]);
    expect(replyAccepted(await postReply(server.url, threadPath, writer.cookie, 'Vor dem Ausfall.'))).toBe(true);
    await expect.poll(() => watcher.received.length).toBe(1);
    await expect.poll(() => away.received.length).toBe(1);
    awaySocket.disconnect();

    await database.stop();
    expect(await refusesConnections(Number(new URL(databaseUrl).port))).toBe(true); // really down, not just refusing logins

    await expect.poll(healthStatus, { timeout: 15_000 }).toBe(503);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'degraded', db: 'down' });
    expect(server.alive()).toBe(true);
    expect(watcherSocket.connected).toBe(true);

    // New sockets still connect (a guest's handshake needs no database); a join is answered with an error.
    const guest = readers.open(server.url, { reconnection: false });
    await new Promise<void>((resolve) => guest.once('connect', () => resolve()));
    expect(await emit(guest, 'thread:join', { threadId, lastSeenPosition: 0 })).toMatchObject({ ok: false, error: 'unavailable' });
    guest.disconnect();
    // A signed-in socket is let in too (as a guest until the session can be checked), not refused for good.
    const member = readers.open(server.url, { reconnection: false, extraHeaders: { cookie: writer.cookie } });
    await new Promise<void>((resolve, reject) => {
      member.once('connect', () => resolve());
      member.once('connect_error', reject);
    });
    member.disconnect();
  });

  it('a reply posted without JavaScript gets the "briefly unavailable" page in its language, the text still in the field', async () => {
    for (const lng of ['de', 'en']) {
      const text = `Mein Beitrag <b>während</b> des Ausfalls & "mehr" (${lng})\nZweite Zeile.`;
      const response = await postReply(server.url, threadPath, writer.cookie, text, { headers: { 'accept-language': lng } });
      const html = await response.text();
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html).toContain(`<html lang="${lng}"`);
      expect(html).toContain(common(lng).errorPage.unavailable.title);

      // The message sits under the reply field and describes it; the field holds exactly what was typed.
      const field = html.match(/<textarea([^>]*)>([\s\S]*?)<\/textarea>/);
      expect(field, html).not.toBeNull();
      expect(field![1]).toContain('name="bodyText"');
      expect(field![1]).toContain('aria-describedby="kept-text-error"');
      expect(unescapeHtml(field![2])).toBe(text);
      expect(html).toContain(`<p class="field-error" id="kept-text-error">${common(lng).errors.unavailable}</p>`);
      // …in a form that sends it again, with the rest of what was posted.
      expect(html).toMatch(/<form method="post"/);
      expect(html).toContain('<input type="hidden" name="intent" value="reply"/>');
      expect(html).toContain('<input type="hidden" name="language" value="de"/>');

      // Not the generic error page, and no stack trace.
      expect(html).not.toContain(common(lng).errorPage.serverError.title);
      expect(html).not.toMatch(/ECONNREFUSED|CONNECTION_|\bat \S+ \(|node_modules/);
    }

    // The page's script posts the editor's document instead (a Remix fetch, not asking for HTML): it gets
    // the same 503 and message key with what was sent, to show beside the editor it leaves as it is.
    const body = doc('Aus dem Editor, während der Ausfall läuft');
    const response = await fetch(`${server.url}${threadPath}.data`, {
      method: 'POST',
      headers: { cookie: writer.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'reply', body, language: 'auto' }),
    });
    expect(response.status).toBe(503);
    const payload = await response.text();
    expect(payload).toContain('common:errors.unavailable');
    expect(payload).toContain('Aus dem Editor, während der Ausfall läuft');

    // Reading a page needs the database too: a signed-in reader gets the 503 page in their language…
    const page = await fetch(`${server.url}${threadPath}`, { headers: { cookie: writer.cookie, accept: 'text/html', 'accept-language': 'en' } });
    const pageHtml = await page.text();
    expect(page.status).toBe(503);
    expect(pageHtml).toContain(`<p>${common('en').errorPage.unavailable.text}</p>`);
    // …and so does a guest, whose page first asks the database for the town.
    const guestPage = await fetch(`${server.url}${threadPath}`, { headers: { accept: 'text/html', 'accept-language': 'en' } });
    const guestHtml = await guestPage.text();
    expect(guestPage.status).toBe(503);
    expect(guestHtml).toContain(`<p>${common('en').errorPage.unavailable.text}</p>`);
    for (const html of [pageHtml, guestHtml]) expect(html).not.toMatch(/ECONNREFUSED|CONNECTION_|\bat \S+ \(|node_modules/);

    expect(server.alive()).toBe(true);
  });

  it('when it is back on the same address: /healthz says 200 without a restart, realtime resumes, readers catch up', async () => {
    // The job worker meets the outage (its queue polls every 2 s) and fails softly.
    await expect.poll(() => server.output(), { timeout: 30_000 }).toMatch(/job worker|Jobs:/);
    const pid = server.child.pid;
    database = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: Number(new URL(databaseUrl).port) });
    expect(database.url).toBe(databaseUrl);
    const since = Date.now();

    // Written at once, perhaps before the server listens again: it must reach the watcher all the same.
    const author = await app.actorOf(writer.userId);
    const early = await app.replyTo(author, townId, threadId, 'Gleich nach der Rückkehr');

    await expect.poll(healthStatus, { timeout: 30_000, interval: 250 }).toBe(200);
    expect(server.child.pid).toBe(pid);
    expect(server.alive()).toBe(true);

    // The LISTEN is back; the watcher has the early reply (live, or caught up after the server had its
    // sockets reconnect because notifications may have been lost meanwhile).
    await expect.poll(() => server.output(), { timeout: 20_000 }).toMatch(/Listening on the message bus again/);
    await expect.poll(() => watcher.seenIds(), { timeout: 20_000 }).toContain(early.postId);
    await expect.poll(() => watcher.stats.joins, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    // A reply through the server now arrives live, without another reconnect.
    const connects = watcher.stats.connects;
    const response = await postReply(server.url, threadPath, writer.cookie, 'Nach dem Ausfall.');
    expect(replyAccepted(response)).toBe(true);
    const postedId = Number(new URL(response.headers.get('location')!, server.url).searchParams.get('posted'));
    await expect.poll(() => watcher.live.get(postedId), { timeout: 20_000 }).toBe(1);
    expect(watcher.stats.connects).toBe(connects);

    // The reader who was away reconnects with its last position and gets exactly what it missed.
    const awayFrom = away.lastSeenPosition();
    awaySocket.connect();
    const expected = await postsInDatabase();
    await expect.poll(() => away.seenIds(), { timeout: 20_000 }).toEqual(expected);
    const lastCatchUp = away.catchUps[away.catchUps.length - 1];
    expect(lastCatchUp.from).toBe(awayFrom);
    expect(lastCatchUp.positions.every((p) => p > awayFrom)).toBe(true);

    // Everyone holds the database's posts, each delivered at most once live and once in a catch-up.
    await expect.poll(() => watcher.seenIds(), { timeout: 20_000 }).toEqual(expected);
    for (const follower of [watcher, away]) {
      expect([...follower.live.values()].filter((n) => n > 1)).toEqual([]);
      expect([...follower.caughtUp.values()].filter((n) => n > 1)).toEqual([]);
    }

    // Presence works again: the re-joined readers were counted and announced.
    await expect.poll(() => readerCounts.filter((r) => r.at > since && r.count > 0).length, { timeout: 20_000 }).toBeGreaterThan(0);
  });

  it('the background work carried on: mail queued after the outage is delivered, and nothing crashed', async () => {
    // Not a reserved domain (example.org mail is never sent): this goes to the test's own SMTP server only.
    await app.enqueueMail(app.sql, { to: 'after-outage@stadtverwaltung-beispiel.de', subject: 'After the outage', text: 'Delivered by the running server.' });
    await expect.poll(() => mail.some((raw) => raw.includes('Subject: After the outage')), { timeout: 30_000, interval: 250 }).toBe(true);


    expect(server.alive()).toBe(true);
    expect(server.errors()).not.toMatch(/unhandled|uncaught|UnhandledPromiseRejection|ERR_UNHANDLED/i);
  });
});
