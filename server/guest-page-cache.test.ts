/**
 * The guest page cache (server/http/guest-page-cache.ts) against the production server: a guest's second
 * request is served from it with a fresh CSP nonce; every committed change forgets it at once; nothing that
 * depends on a person (a cookie, a session, a set cookie) is kept or served from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { decide } from '#app/domain/moderation/decisions.server';
import { fileReport } from '#app/domain/moderation/reports.server';
import { listQueue } from '#app/domain/moderation/cases.server';
import { buildIfStale } from './build';
import { postReply, startServerProcess, type ServerProcess } from './testing/live';
import { actorOf, createTownDirectly, createUser, grantRole, sessionCookieOf, testClient } from '../db/testing/factories';
import { createTestForum, startThread } from '../db/testing/forum-fixtures';
import { freePort } from '../db/testing/free-port';

let server: ServerProcess;
let threadPath: string;
let memberCookie: string;
let moderatorId: string;
let townId: number;

beforeAll(async () => {
  await buildIfStale(() => {});
  townId = await createTownDirectly('cache-town');
  await sql`update municipalities set posts_per_window = 1000 where id = ${townId}`;
  const forumId = await createTestForum(townId, 'talk');
  const member = await createUser({ label: 'cache-member' });
  const moderator = await createUser({ label: 'cache-moderator' });
  await grantRole(member.userId, townId, 'member');
  await grantRole(moderator.userId, townId, 'moderator');
  moderatorId = moderator.userId;
  memberCookie = await sessionCookieOf(member);
  const { threadId } = await startThread(await actorOf(member.userId), townId, forumId, 'Kept for guests');
  threadPath = `/towns/cache-town/threads/${threadId}`;
  server = await startServerProcess(await freePort(), { DATABASE_URL: process.env.DATABASE_URL!, GUEST_PAGE_CACHE_SECONDS: '60' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const guestGet = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { 'accept-language': 'de', ...headers } });
const nonceOfHeader = (response: Response) => response.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1];
const noncesInBody = (body: string) => new Set([...body.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]));

describe('a guest page kept for a few seconds', () => {
  it('is served again with a fresh nonce that matches the page’s own CSP', async () => {
    const first = await guestGet(threadPath);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-guest-cache')).toBeNull();
    const second = await guestGet(threadPath);
    const secondBody = await second.text();
    expect(second.headers.get('x-guest-cache')).toBe('hit');
    expect(second.headers.get('content-type')).toContain('text/html');
    expect([...noncesInBody(secondBody)]).toEqual([nonceOfHeader(second)]);
    expect(nonceOfHeader(second)).not.toBe(nonceOfHeader(first));
    // The same page otherwise.
    expect(secondBody.split(nonceOfHeader(second)).join('N')).toBe(firstBody.split(nonceOfHeader(first)).join('N'));
    // Compressed like any page when the client asks for it.
    const compressed = await fetch(`${server.url}${threadPath}`, { headers: { 'accept-language': 'de', 'accept-encoding': 'gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
  });

  it('is forgotten by a new reply and by a moderator’s decision, at once', async () => {
    await guestGet(threadPath).then((r) => r.text());
    expect((await guestGet(threadPath)).headers.get('x-guest-cache')).toBe('hit');
    const text = `Neue Antwort ${Date.now()}`;
    const posted = await postReply(server.url, threadPath, memberCookie, text);
    expect(posted.status).toBe(302);
    await expect.poll(async () => (await guestGet(threadPath).then((r) => r.text())).includes(text)).toBe(true);

    // Hidden by a decision (made from this test process, so it reaches the server only by the bus).
    const [post] = await sql`select id from posts where body_text like ${`%${text}%`}`;
    await fileReport(null, { townId, postId: Number(post.id), target: 'post', category: 'insult', explanation: '', ...testClient() });
    const moderator = await actorOf(moderatorId);
    const item = (await listQueue(moderator, { townId })).find((c) => c.postId === Number(post.id))!;
    await guestGet(threadPath).then((r) => r.text());
    expect((await guestGet(threadPath)).headers.get('x-guest-cache')).toBe('hit');
    await decide(moderator, { townId, caseId: item.id, action: 'hide', ground: 'rules.respect', facts: 'Beleidigt andere im Thema.', automated: false });
    await expect.poll(async () => (await guestGet(threadPath).then((r) => r.text())).includes(text), { timeout: 5000 }).toBe(false);
  });

  it('is never used for a request with a cookie, a signed-in member, data requests, errors or another client’s kind', async () => {
    await guestGet(threadPath).then((r) => r.text());
    expect((await guestGet(threadPath)).headers.get('x-guest-cache')).toBe('hit');
    // A member's page is theirs.
    const asMember = await guestGet(threadPath, { cookie: memberCookie });
    expect(asMember.headers.get('x-guest-cache')).toBeNull();
    expect(asMember.headers.get('cache-control')).toContain('no-store');
    expect((await guestGet(threadPath, { cookie: 'anything=1' })).headers.get('x-guest-cache')).toBeNull();
    // Another language, or a request through a proxy (no development mailbox link), is a page of its own.
    expect((await guestGet(threadPath, { 'accept-language': 'ar' })).headers.get('x-guest-cache')).toBeNull();
    expect((await guestGet(threadPath, { 'x-forwarded-for': '203.0.113.9' })).headers.get('x-guest-cache')).toBeNull();
    // Only the public reading pages: not the sign-in page, not a page behind a token.
    for (const path of ['/login', '/registration?token=abcdefghijklmnopqrstuvwxyz', '/towns/cache-town/search?q=x']) {
      for (let n = 0; n < 2; n++) expect((await guestGet(path)).headers.get('x-guest-cache'), path).toBeNull();
    }
    // Not found stays uncached; so do Remix's data requests.
    for (let n = 0; n < 2; n++) expect((await guestGet('/towns/cache-town/threads/987654321')).headers.get('x-guest-cache')).toBeNull();
    for (let n = 0; n < 2; n++) expect((await guestGet(`${threadPath}?_data=root`)).headers.get('x-guest-cache')).toBeNull();
    // A page that sets a cookie (the sign-in form's answer, here a language chosen in the address) is not kept.
    for (let n = 0; n < 2; n++) {
      const page = await guestGet(`${threadPath}?lng=en`);
      if (page.headers.get('set-cookie')) expect(page.headers.get('x-guest-cache')).toBeNull();
    }
  });
});
