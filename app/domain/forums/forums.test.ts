import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { BUS_CHANNEL, publish } from '#app/domain/bus.server';
import { createThread, createReply, deletePost, editPost } from '#app/domain/posting/posting.server';
import { createForum, getForum, type ForumView } from './forums.server';
import { getThread, listThreads, markThreadRead } from './threads.server';
import { listPostsInLanguage, listPostsPage, listRevisions, locatePost, postsAfter, POSTS_PER_PAGE } from './posts.server';
import { searchTown } from './search.server';
import { listNotifications, markNotificationsRead, sendNotificationDigests, setDigest, unreadNotificationCount } from './notifications.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());

const thread = (actor: Actor | null, forum: ForumView, title: string, body: string, language = 'auto') =>
  createThread(actor, { townId: forum.municipalityId, forumId: forum.id, title, body, language });
const replyTo = (actor: Actor | null, townId: number, threadId: number, text: string, extra: { language?: string; quotedPostId?: number } = {}) =>
  createReply(actor, { townId, threadId, body: doc(text), language: 'auto', ...extra });
const forumInput = (townId: number, slug: string, name: string, position: number, staffOnlyPosting: boolean) =>
  ({ townId, slug, name, description: '', position, staffOnlyPosting, nameTranslations: {}, descriptionTranslations: {} });

let townA: number;
let townB: number;
let forumA: ForumView;
let forumB: ForumView;
let announcements: ForumView;
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
  await createForum(network, forumInput(townA, 'talk', 'Talk', 1, false));
  await createForum(network, forumInput(townA, 'news', 'News', 0, true));
  await createForum(network, forumInput(townB, 'talk', 'Talk B', 1, false));
  forumA = await getForum(null, { townId: townA, slug: 'talk', language: 'en' });
  announcements = await getForum(null, { townId: townA, slug: 'news', language: 'en' });
  forumB = await getForum(null, { townId: townB, slug: 'talk', language: 'en' });
  [alice, bob, moderatorA, outsider, guestish] = await Promise.all([actorOf(a.userId), actorOf(b.userId), actorOf(m.userId), actorOf(o.userId), actorOf(u.userId)]);
});

describe('who may write where', () => {
  it('members write in their town; guests, other towns and unconfirmed accounts cannot', async () => {
    await expect(thread(alice, forumA, 'Hello town', doc('First words here.'))).resolves.toMatchObject({ threadId: expect.any(Number), status: 'published' });
    await expect(thread(null, forumA, 'Guest', doc('No.'))).rejects.toMatchObject({ code: 'unauthenticated', i18nKey: 'common:errors.signInRequired' });
    await expect(thread(outsider, forumA, 'Not mine', doc('No.'))).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'forums:errors.joinToPost' });
    // A member whose address is not confirmed is told to confirm it, not to join a town she belongs to.
    await expect(thread(guestish, forumA, 'Unconfirmed', doc('No.'))).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'forums:errors.verifyFirst' });
  });

  it('announcement forums take posts from staff only', async () => {
    await expect(thread(alice, announcements, 'My news', doc('No.'))).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'forums:errors.staffOnly' });
    await expect(thread(moderatorA, announcements, 'Official news', doc('Town hall closed on Monday.'))).resolves.toMatchObject({ status: 'published' });
  });

  it("a thread of town A is 'not found' through town B, for replies, edits and reading", async () => {
    const { threadId, postId } = await thread(alice, forumA, 'Tenancy', doc('Only in A.'));
    await expect(replyTo(outsider, townB, threadId, 'sneaky')).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.threadNotFound' });
    await expect(editPost(alice, { townId: townB, postId, body: doc('moved?'), language: 'auto' })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.postNotFound' });
    await expect(deletePost(alice, { townId: townB, postId })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.postNotFound' });
    await expect(getThread(alice, { townId: townB, threadId })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.threadNotFound' });
    await expect(getThread(alice, { townId: townA, threadId })).resolves.toMatchObject({ id: threadId });
  });

  it("only the author edits or deletes a post (someone else's looks like not found); edits keep the history", async () => {
    const { threadId, postId } = await thread(alice, forumA, 'Editable', doc('Version one of my text.'));
    await expect(editPost(bob, { townId: townA, postId, body: doc('hijack'), language: 'auto' })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.postNotFound' });
    await editPost(alice, { townId: townA, postId, body: doc('Version two of my text.'), language: 'auto' });
    const { post, revisions } = await listRevisions(alice, { townId: townA, postId });
    expect(post.bodyHtml).toContain('Version two');
    expect(post.editedAt).not.toBeNull();
    expect(revisions.map((r) => r.bodyHtml)).toEqual([expect.stringContaining('Version one')]);
    await expect(deletePost(bob, { townId: townA, postId })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.postNotFound' });
    await deletePost(alice, { townId: townA, postId });
    const [first] = await listPostsPage(null, { threadId, page: 1 });
    expect(first).toMatchObject({ deleted: true, bodyHtml: null, position: 1 });
  });

  it('refuses an unsafe document with a clear message', async () => {
    const evil = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] });
    await expect(thread(alice, forumA, 'Evil link', evil)).rejects.toMatchObject({ code: 'invalid', i18nKey: 'editor:errors.unsafeLink', field: 'body' });
    await expect(thread(alice, forumA, 'Bad JSON', '{not json')).rejects.toMatchObject({ code: 'invalid', i18nKey: 'editor:errors.invalid', field: 'body' });
  });
});

describe('a reply sent twice (a second click, a retried request)', () => {
  it('is stored once, one after the other and at the same moment, and both answers name that post', async () => {
    const { threadId } = await thread(alice, forumA, 'Sent twice', doc('Opening'));
    const send = (text: string, clientKey: string) => createReply(alice, { townId: townA, threadId, body: doc(text), language: 'en', clientKey });
    const first = await send('Once, please', 'k-sequential-0001');
    expect(await send('Once, please', 'k-sequential-0001')).toMatchObject(first);
    // The same key at once: one insert wins, the other's fails inside its transaction (which then rolls back
    // its notifications and announcement too) and answers with the winner's post.
    const racing = await Promise.all([1, 2, 3].map(() => send('Raced', 'k-concurrent-0001')));
    expect(new Set(racing.map((r) => r.postId)).size).toBe(1);
    const stored = await sql`select body_text, position from posts where thread_id = ${threadId} order by position`;
    expect(stored.map((p) => p.bodyText)).toEqual(['Opening', 'Once, please', 'Raced']);
    expect(stored.map((p) => p.position)).toEqual([1, 2, 3]);
    const notified = await sql`select post_id from notifications where thread_id = ${threadId}`;
    expect(notified.every((n) => racing[0].postId === Number(n.postId) || first.postId === Number(n.postId))).toBe(true);
  });
});

describe('pages, permalinks and catch-up', () => {
  it('pages by position, finds every post by permalink, and catches up after a position in bounded steps', async () => {
    const { threadId } = await thread(alice, forumA, 'A long thread', doc('Post number one.'), 'en');
    for (let i = 2; i <= 45; i++) await replyTo(i % 2 ? alice : bob, townA, threadId, `Post number ${i}.`, { language: 'en' });
    const page2 = await listPostsPage(null, { threadId, page: 2 });
    expect(page2.map((p) => p.position)).toEqual(Array.from({ length: POSTS_PER_PAGE }, (_, i) => POSTS_PER_PAGE + 1 + i));
    expect((await listPostsPage(null, { threadId, page: 3 })).map((p) => p.position)).toEqual([41, 42, 43, 44, 45]);
    const target = page2[5];
    expect(await locatePost(null, { postId: target.id })).toEqual({ townSlug: 'forum-town-a', threadId, page: 2 });

    const rest = await postsAfter(null, { threadId, afterPosition: 40 });
    expect({ positions: rest.posts.map((p) => p.position), complete: rest.complete }).toEqual({ positions: [41, 42, 43, 44, 45], complete: true });
    const step = await postsAfter(null, { threadId, afterPosition: 40, limit: 3 });
    expect({ positions: step.posts.map((p) => p.position), complete: step.complete }).toEqual({ positions: [41, 42, 43], complete: false });
    const exact = await postsAfter(null, { threadId, afterPosition: 40, limit: 5 });
    expect({ count: exact.posts.length, complete: exact.complete }).toEqual({ count: 5, complete: true });
  });

  it('lists threads by last activity with a stable cursor and unread counts', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await thread(bob, forumA, `Thread ${i}`, doc(`Body ${i}`), 'en')).threadId);
    await replyTo(alice, townA, ids[0], 'Bumps the oldest thread to the top.', { language: 'en' });
    const first = await listThreads(alice, { townId: townA, forumId: forumA.id });
    expect(first.threads[0].id).toBe(ids[0]);
    expect(first.threads[0].unreadCount).toBeNull();
    const second = await listThreads(alice, { townId: townA, forumId: forumA.id, cursor: first.next });
    const all = [...first.threads, ...second.threads].map((t) => t.id);
    expect(new Set(all).size).toBe(all.length);
    await markThreadRead(bob, { threadId: ids[0], position: 1 });
    const forBob = await listThreads(bob, { townId: townA, forumId: forumA.id });
    expect(forBob.threads.find((t) => t.id === ids[0])?.unreadCount).toBe(1);
  });

  it('records each post language and filters by it', async () => {
    const { threadId } = await thread(alice, forumA, 'Languages', doc('Wir treffen uns am Samstag im Bürgerhaus, um über den neuen Spielplatz zu sprechen.'));
    await replyTo(bob, townA, threadId, 'Cumartesi günü toplum merkezinde yeni oyun parkı hakkında konuşmak için buluşuyoruz.');
    await replyTo(bob, townA, threadId, 'Short.', { language: 'uk' });
    const posts = await listPostsPage(null, { threadId, page: 1 });
    expect(posts.map((p) => p.language)).toEqual(['de', 'tr', 'uk']);
    expect((await listPostsInLanguage(null, { threadId, language: 'tr', afterPosition: 0 })).map((p) => p.position)).toEqual([2]);
  });
});

describe('search', () => {
  it('finds stemmed words in the post language, highlights them, and never shows deleted posts or other towns', async () => {
    const { threadId, postId } = await thread(alice, forumA, 'Spielplätze', doc('Die Spielplätze in unserem Viertel brauchen mehr Schatten.'), 'de');
    const { postId: gone } = await replyTo(bob, townA, threadId, 'Ein weiterer Spielplatz am Fluss wäre schön.', { language: 'de' });
    await thread(outsider, forumB, 'Spielplatz B', doc('Spielplatz in Stadt B.'), 'de');
    await deletePost(bob, { townId: townA, postId: gone });
    const { hits } = await searchTown(null, { townId: townA, query: 'Spielplatz', language: 'de' });
    const found = hits.map((h) => h.postId);
    expect(found).toContain(postId);
    expect(found).not.toContain(gone);
    expect(hits.every((h) => h.threadTitle !== 'Spielplatz B')).toBe(true);
    expect(hits.find((h) => h.postId === postId)!.snippet).toMatch(/\u0002Spielplätze\u0003/);
  });
});

describe('notifications and subscriptions', () => {
  it('followers and quoted authors are notified; digests go out once', async () => {
    const { threadId, postId } = await thread(alice, forumA, 'Follow me', doc('Please answer.'), 'en');
    const before = await unreadNotificationCount(alice);
    await replyTo(bob, townA, threadId, 'My answer.', { language: 'en', quotedPostId: postId });
    expect(await unreadNotificationCount(alice)).toBe(before + 1);
    const [latest] = await listNotifications(alice);
    expect(latest).toMatchObject({ threadId, kind: 'reply', count: 1, unread: 1, authorNames: ['bob'] });
    await setDigest(alice, { digest: 'daily' });
    const unreadReplies = (await listNotifications(alice, { limit: 300 })).filter((g) => g.threadId).reduce((sum, g) => sum + g.unread, 0);
    expect(await sendNotificationDigests()).toBe(1);
    expect(await sendNotificationDigests()).toBe(0);
    const [mail] = await sql`select subject, body_text from mail_outbox where recipient = ${alice.email} order by id desc limit 1`;
    expect(mail.bodyText).toContain('Follow me');
    expect(mail.subject).toBe(`${unreadReplies} new replies on Weltoffen`);
  });

  it('a pile-on of replies is one open notice per follower, counting every reply it stands for; reading it starts the next', async () => {
    const follower = await actorOf((await createUser({ label: 'follower' })).userId);
    await grantRole(follower!.userId, townA, 'member');
    const reader = await actorOf(follower!.userId);
    const { threadId } = await thread(reader!, forumA, 'Pile-on', doc('What do you think?'), 'en');
    const first = await replyTo(bob, townA, threadId, 'One.', { language: 'en' });
    await replyTo(alice, townA, threadId, 'Two.', { language: 'en' });
    await replyTo(reader!, townA, threadId, 'My own answer does not count.', { language: 'en' });
    const third = await replyTo(moderatorA, townA, threadId, 'Three.', { language: 'en' });
    const rows = await sql`select post_id from notifications where user_id = ${reader!.userId} and thread_id = ${threadId}`;
    expect(rows.map((r) => Number(r.postId))).toEqual([first.postId]);
    expect(await unreadNotificationCount(reader)).toBe(1);
    const [group] = await listNotifications(reader);
    expect(group).toMatchObject({ threadId, kind: 'reply', postId: first.postId, count: 3, unread: 3, authorNames: ['mod', 'alice', 'bob'] });
    // A hidden reply is no longer counted; a later one after reading opens a new notice.
    await deletePost(moderatorA, { townId: townA, postId: third.postId });
    expect((await listNotifications(reader))[0]).toMatchObject({ count: 2, unread: 2 });
    await markNotificationsRead(reader, { threadId });
    const fourth = await replyTo(bob, townA, threadId, 'Four.', { language: 'en' });
    expect(await unreadNotificationCount(reader)).toBe(1);
    expect((await listNotifications(reader))[0]).toMatchObject({ postId: fourth.postId, count: 3, unread: 1 });
    // Mailed in a digest, a notice is closed too: the digest counts the replies, the next reply opens a new notice.
    await replyTo(alice, townA, threadId, 'Five.', { language: 'en' });
    await setDigest(reader, { digest: 'daily' });
    await sendNotificationDigests();
    const [mail] = await sql`select subject from mail_outbox where recipient = ${reader!.email} order by id desc limit 1`;
    expect(mail.subject).toBe('2 new replies on Weltoffen');
    const sixth = await replyTo(bob, townA, threadId, 'Six.', { language: 'en' });
    const open = await sql`select post_id from notifications where user_id = ${reader!.userId} and thread_id = ${threadId} and read_at is null and emailed_at is null`;
    expect(open.map((r) => Number(r.postId))).toEqual([sixth.postId]);
  });

  it('a digest of one reply says "1 new reply", in the reader’s language', async () => {
    const person = await createUser({ label: 'digest-one' });
    await sql`update users set language = 'de' where id = ${person.userId}`;
    await grantRole(person.userId, townA, 'member');
    const reader = await actorOf(person.userId);
    const { threadId } = await thread(reader!, forumA, 'Eine Frage', doc('Wer weiß es?'), 'de');
    await replyTo(bob, townA, threadId, 'Ich.', { language: 'de' });
    await setDigest(reader, { digest: 'daily' });
    await sendNotificationDigests();
    const [mail] = await sql`select subject, body_text from mail_outbox where recipient = ${reader!.email} order by id desc limit 1`;
    expect(mail.subject).toBe('1 neue Antwort auf Weltoffen');
    expect(mail.bodyText).toContain('gibt es eine neue Antwort');
  });
});

describe('posting limit', () => {
  it('refuses posts beyond the town limit, says how long to wait, and keeps nothing half-written', async () => {
    await sql`update municipalities set posts_per_window = 3, post_window_seconds = 600 where id = ${townA}`;
    const writer = await createUser({ label: 'fast' });
    await grantRole(writer.userId, townA, 'member');
    const fast = await actorOf(writer.userId);
    const { threadId } = await thread(fast, forumA, 'Quick', doc('one'), 'en');
    await replyTo(fast, townA, threadId, 'two', { language: 'en' });
    await replyTo(fast, townA, threadId, 'three', { language: 'en' });
    await expect(replyTo(fast, townA, threadId, 'four', { language: 'en' })).rejects.toMatchObject({ code: 'throttled', i18nKey: 'forums:errors.postingLimit', params: { minutes: 10 } });
    expect((await getThread(fast, { townId: townA, threadId })).postCount).toBe(3);
    // A refused post is not counted as an attempt: raised by one, the limit lets the next one through.
    const [{ attempts }] = await sql`select count(*)::int as attempts from throttle_events where bucket = ${`post:${townA}:${writer.userId}`}`;
    expect(attempts).toBe(3);
    await sql`update municipalities set posts_per_window = 4 where id = ${townA}`;
    await replyTo(fast, townA, threadId, 'four', { language: 'en' });
    await expect(replyTo(fast, townA, threadId, 'five', { language: 'en' })).rejects.toMatchObject({ code: 'throttled' });
    await sql`update municipalities set posts_per_window = 1000 where id = ${townA}`;
  });
});

describe('events leave only on commit', () => {
  it('a rolled-back write emits nothing; a committed one emits once', async () => {
    const received: unknown[] = [];
    const subscription = await listener.listen(BUS_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    const event = { type: 'post:created', townId: townA, forumId: forumA.id, threadId: 1, postId: 999999 } as const;
    await expect(
      sql.begin(async (tx) => {
        await publish(tx, event);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expect(thread(alice, forumA, 'x', '{"type":"doc","content":[]}')).rejects.toMatchObject({ code: 'invalid', i18nKey: 'editor:errors.empty', field: 'body' });
    await sql.begin((tx) => publish(tx, { ...event, postId: 1000000 }));
    // Notifications reach a listener in commit order: once the committed one is here, anything earlier would be too.
    await expect.poll(() => received).toContainEqual({ ...event, postId: 1000000 });
    await subscription.unlisten();
    expect(received).toEqual([{ ...event, postId: 1000000 }]);
  });
});
