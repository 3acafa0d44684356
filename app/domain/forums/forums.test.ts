import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/db.server';
import type { Actor } from '#app/domain/auth/permissions';
import { EVENTS_CHANNEL, publish } from '#app/domain/events.server';
import { createForum, getForum, type Forum } from './forums.server';
import { createThread, getThread, listThreads, markThreadRead } from './threads.server';
import { createReply, deletePost, editPost, listPostsInLanguage, listPostsPage, listRevisions, locatePost, postsAfter, POSTS_PER_PAGE } from './posts.server';
import { searchTown } from './search.server';
import { listNotifications, sendNotificationDigests, setDigest, unreadNotificationCount } from './notifications.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());

let townA: number;
let townB: number;
let forumA: Forum;
let forumB: Forum;
let announcements: Forum;
let alice: Actor;
let bob: Actor;
let moderatorA: Actor;
let outsider: Actor;
let guestish: Actor;

beforeAll(async () => {
  townA = await createTownDirectly('forum-town-a');
  townB = await createTownDirectly('forum-town-b');
  await sql`update municipalities set posts_per_window = 1000`;
  const [a, b, m, o, n, u] = await Promise.all([createUser({ label: 'alice' }), createUser({ label: 'bob' }), createUser({ label: 'mod' }), createUser({ label: 'out' }), createUser({ label: 'net' }), createUser({ label: 'unverified', verified: false })]);
  await grantRole(a.userId, townA, 'member');
  await grantRole(b.userId, townA, 'member');
  await grantRole(m.userId, townA, 'moderator');
  await grantRole(o.userId, townB, 'member');
  await grantRole(u.userId, townA, 'member');
  await makeNetworkTeam(n.userId);
  const network = await actorOf(n.userId);
  await createForum(network, townA, { slug: 'talk', name: 'Talk', description: '', position: 1, staffOnlyPosting: false });
  await createForum(network, townA, { slug: 'news', name: 'News', description: '', position: 0, staffOnlyPosting: true });
  await createForum(network, townB, { slug: 'talk', name: 'Talk B', description: '', position: 1, staffOnlyPosting: false });
  forumA = await getForum(townA, 'talk');
  announcements = await getForum(townA, 'news');
  forumB = await getForum(townB, 'talk');
  [alice, bob, moderatorA, outsider, guestish] = await Promise.all([actorOf(a.userId), actorOf(b.userId), actorOf(m.userId), actorOf(o.userId), actorOf(u.userId)]);
});

describe('who may write where', () => {
  it('members write in their town; guests, other towns and unconfirmed accounts cannot', async () => {
    await expect(createThread(alice, forumA, { title: 'Hello town', body: doc('First words here.'), language: 'auto' })).resolves.toMatchObject({ threadId: expect.any(Number) });
    await expect(createThread(null, forumA, { title: 'Guest', body: doc('No.'), language: 'auto' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(createThread(outsider, forumA, { title: 'Not mine', body: doc('No.'), language: 'auto' })).rejects.toMatchObject({ i18nKey: 'forums:errors.joinToPost' });
    await expect(createThread(guestish, forumA, { title: 'Unconfirmed', body: doc('No.'), language: 'auto' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('announcement forums take posts from staff only', async () => {
    await expect(createThread(alice, announcements, { title: 'My news', body: doc('No.'), language: 'auto' })).rejects.toMatchObject({ i18nKey: 'forums:errors.staffOnly' });
    await expect(createThread(moderatorA, announcements, { title: 'Official news', body: doc('Town hall closed on Monday.'), language: 'auto' })).resolves.toBeTruthy();
  });

  it("a thread of town A is 'not found' through town B, for replies, edits and deletes", async () => {
    const { threadId, postId } = await createThread(alice, forumA, { title: 'Tenancy', body: doc('Only in A.'), language: 'auto' });
    await expect(createReply(outsider, townB, threadId, { body: doc('sneaky'), language: 'auto' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(editPost(alice, townB, postId, { body: doc('moved?'), language: 'auto' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(getThread(townB, threadId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('only the author edits or deletes a post; edits keep the history', async () => {
    const { threadId, postId } = await createThread(alice, forumA, { title: 'Editable', body: doc('Version one of my text.'), language: 'auto' });
    await expect(editPost(bob, townA, postId, { body: doc('hijack'), language: 'auto' })).rejects.toMatchObject({ i18nKey: 'forums:errors.notYourPost' });
    await editPost(alice, townA, postId, { body: doc('Version two of my text.'), language: 'auto' });
    const { post, revisions } = await listRevisions(townA, postId);
    expect(post.bodyHtml).toContain('Version two');
    expect(post.editedAt).not.toBeNull();
    expect(revisions.map((r) => r.bodyHtml)).toEqual([expect.stringContaining('Version one')]);
    await expect(deletePost(bob, townA, postId)).rejects.toMatchObject({ code: 'forbidden' });
    await deletePost(alice, townA, postId);
    const [page] = await listPostsPage(threadId, 1);
    expect(page).toMatchObject({ deleted: true, bodyHtml: null, position: 1 });
  });

  it('refuses an unsafe document with a clear message', async () => {
    const evil = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] });
    await expect(createThread(alice, forumA, { title: 'Evil link', body: evil, language: 'auto' })).rejects.toMatchObject({ code: 'invalid', field: 'body' });
    await expect(createThread(alice, forumA, { title: 'Bad JSON', body: '{not json', language: 'auto' })).rejects.toMatchObject({ i18nKey: 'editor:errors.invalid' });
  });
});

describe('pages, permalinks and catch-up', () => {
  it('pages by position, finds every post by permalink, and catches up after a position', async () => {
    const { threadId } = await createThread(alice, forumA, { title: 'A long thread', body: doc('Post number one.'), language: 'en' });
    for (let i = 2; i <= 45; i++) await createReply(i % 2 ? alice : bob, townA, threadId, { body: doc(`Post number ${i}.`), language: 'en' });
    const page2 = await listPostsPage(threadId, 2);
    expect(page2.map((p) => p.position)).toEqual(Array.from({ length: POSTS_PER_PAGE }, (_, i) => POSTS_PER_PAGE + 1 + i));
    expect((await listPostsPage(threadId, 3)).map((p) => p.position)).toEqual([41, 42, 43, 44, 45]);
    const target = page2[5];
    expect(await locatePost(target.id)).toEqual({ townSlug: 'forum-town-a', threadId, page: 2 });
    expect((await postsAfter(threadId, 40)).map((p) => p.position)).toEqual([41, 42, 43, 44, 45]);
  });

  it('lists threads by last activity with a stable cursor and unread counts', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await createThread(bob, forumA, { title: `Thread ${i}`, body: doc(`Body ${i}`), language: 'en' })).threadId);
    await createReply(alice, townA, ids[0], { body: doc('Bumps the oldest thread to the top.'), language: 'en' });
    const first = await listThreads(alice, forumA);
    expect(first.threads[0].id).toBe(ids[0]);
    expect(first.threads[0].unreadCount).toBeNull();
    const second = await listThreads(alice, forumA, first.next);
    const all = [...first.threads, ...second.threads].map((t) => t.id);
    expect(new Set(all).size).toBe(all.length);
    await markThreadRead(bob, ids[0], 1);
    const forBob = await listThreads(bob, forumA);
    expect(forBob.threads.find((t) => t.id === ids[0])?.unreadCount).toBe(1);
  });

  it('records each post language and filters by it', async () => {
    const { threadId } = await createThread(alice, forumA, { title: 'Languages', body: doc('Wir treffen uns am Samstag im Bürgerhaus, um über den neuen Spielplatz zu sprechen.'), language: 'auto' });
    await createReply(bob, townA, threadId, { body: doc('Cumartesi günü toplum merkezinde yeni oyun parkı hakkında konuşmak için buluşuyoruz.'), language: 'auto' });
    await createReply(bob, townA, threadId, { body: doc('Short.'), language: 'uk' });
    const posts = await listPostsPage(threadId, 1);
    expect(posts.map((p) => p.language)).toEqual(['de', 'tr', 'uk']);
    expect((await listPostsInLanguage(threadId, 'tr', 0)).map((p) => p.position)).toEqual([2]);
  });
});

describe('search', () => {
  it('finds stemmed words in the post language, highlights them, and never shows deleted posts or other towns', async () => {
    const { threadId, postId } = await createThread(alice, forumA, { title: 'Spielplätze', body: doc('Die Spielplätze in unserem Viertel brauchen mehr Schatten.'), language: 'de' });
    const { postId: gone } = await createReply(bob, townA, threadId, { body: doc('Ein weiterer Spielplatz am Fluss wäre schön.'), language: 'de' });
    await createThread(outsider, forumB, { title: 'Spielplatz B', body: doc('Spielplatz in Stadt B.'), language: 'de' });
    await deletePost(bob, townA, gone);
    const { hits } = await searchTown(townA, 'Spielplatz', 'de');
    const found = hits.map((h) => h.postId);
    expect(found).toContain(postId);
    expect(found).not.toContain(gone);
    expect(hits.every((h) => h.threadTitle !== 'Spielplatz B')).toBe(true);
    expect(hits.find((h) => h.postId === postId)!.snippet).toMatch(/\u0002Spielplätze\u0003/);
  });
});

describe('notifications and subscriptions', () => {
  it('followers and quoted authors are notified; digests go out once', async () => {
    const { threadId, postId } = await createThread(alice, forumA, { title: 'Follow me', body: doc('Please answer.'), language: 'en' });
    const before = await unreadNotificationCount(alice);
    await createReply(bob, townA, threadId, { body: doc('My answer.'), language: 'en', quotedPostId: postId });
    expect(await unreadNotificationCount(alice)).toBe(before + 1);
    const [latest] = await listNotifications(alice);
    expect(latest).toMatchObject({ threadId, kind: 'reply', read: false });
    await setDigest(alice, 'daily');
    expect(await sendNotificationDigests('http://weltoffen.test')).toBe(1);
    expect(await sendNotificationDigests('http://weltoffen.test')).toBe(0);
    const [mail] = await sql`select subject, body_text from mail_outbox where recipient = ${alice.email} order by id desc limit 1`;
    expect(mail.bodyText).toContain('Follow me');
  });
});

describe('posting limit', () => {
  it('refuses posts beyond the town limit, says how long to wait, and keeps nothing half-written', async () => {
    await sql`update municipalities set posts_per_window = 3, post_window_seconds = 600 where id = ${townA}`;
    const writer = await createUser({ label: 'fast' });
    await grantRole(writer.userId, townA, 'member');
    const fast = await actorOf(writer.userId);
    const { threadId } = await createThread(fast, forumA, { title: 'Quick', body: doc('one'), language: 'en' });
    await createReply(fast, townA, threadId, { body: doc('two'), language: 'en' });
    await createReply(fast, townA, threadId, { body: doc('three'), language: 'en' });
    await expect(createReply(fast, townA, threadId, { body: doc('four'), language: 'en' })).rejects.toMatchObject({ code: 'throttled', i18nKey: 'forums:errors.postingLimit', params: { minutes: 10 } });
    expect((await getThread(townA, threadId)).postCount).toBe(3);
    await sql`update municipalities set posts_per_window = 1000 where id = ${townA}`;
  });
});

describe('events leave only on commit', () => {
  it('a rolled-back write emits nothing; a committed one emits once', async () => {
    const received: unknown[] = [];
    const subscription = await listener.listen(EVENTS_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    const event = { type: 'post:created', townId: townA, forumId: forumA.id, threadId: 1, postId: 999999 } as const;
    await sql.begin(async (tx) => {
      await publish(tx, event);
      throw new Error('roll back');
    }).catch(() => {});
    await expect(createThread(alice, forumA, { title: 'x', body: '{"type":"doc","content":[]}', language: 'auto' })).rejects.toBeTruthy();
    await sql.begin((tx) => publish(tx, { ...event, postId: 1000000 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await subscription.unlisten();
    expect(received).toEqual([{ ...event, postId: 1000000 }]);
  });
});
