/**
 * Moderation against a real PostgreSQL: who may moderate where, reports and receipts, claim races,
 * decisions with reasons, appeals to another moderator, pre-moderation, watched words, the shield for
 * officials, sanctions, slow mode, the append-only audit log and the transparency report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/db.server';
import { EVENTS_CHANNEL } from '#app/domain/events.server';
import type { Actor } from '#app/domain/auth/permissions';
import { createForum, getForum, type Forum } from '#app/domain/forums/forums.server';
import { createThread, getReadableThread, listThreads } from '#app/domain/forums/threads.server';
import { createReply, editPost, listPostsPage, type PostViewer } from '#app/domain/forums/posts.server';
import { listNotifications } from '#app/domain/forums/notifications.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam, testContext } from '../../../db/testing/factories';
import { fileReport } from './reports.server';
import { claimCase, getCase, listQueue, queueCounts, releaseCase } from './cases.server';
import { decide, getDecision } from './decisions.server';
import { decideAppeal, fileAppeal, getAppeal, listOpenAppeals } from './appeals.server';
import { listAudit } from './audit.server';
import { saveModerationSettings, setShield } from './settings.server';
import { addWatchedWord, exportWatchedWords, importWatchedWords, listWatchedWords } from './word-lists.server';
import { transparencyCsv, transparencyReport } from './transparency.server';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const reasons = { ground: 'rules.respect' as const, facts: 'The post insults another resident by name.', automated: false };
const ORIGIN = 'http://weltoffen.test';
const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());

let townA: number;
let townB: number;
let forum: Forum;
let other: Forum;
let forumB: Forum;
let alice: Actor;
let bob: Actor;
let carla: Actor;
let mod1: Actor;
let mod2: Actor;
let modB: Actor;
let official: Actor;
let admin: Actor;

const viewer = (actor: Actor | null, moderator = false): PostViewer => ({ userId: actor?.userId ?? null, moderator });
const reply = (actor: Actor, threadId: number, text: string, extra: { quotedPostId?: number } = {}) =>
  createReply(actor, townA, threadId, { body: doc(text), language: 'auto', ...extra });

async function postStatus(postId: number) {
  const [row] = await sql`select status from posts where id = ${postId}`;
  return row.status as string;
}

beforeAll(async () => {
  townA = await createTownDirectly('mod-town-a');
  townB = await createTownDirectly('mod-town-b');
  await sql`update municipalities set posts_per_window = 1000`;
  const people = await Promise.all(['alice', 'bob', 'carla', 'mod1', 'mod2', 'modb', 'official', 'admin', 'net'].map((label) => createUser({ label })));
  const [a, b, c, m1, m2, mb, o, ad, n] = people;
  await grantRole(a.userId, townA, 'member');
  await grantRole(b.userId, townA, 'member');
  await grantRole(c.userId, townA, 'member');
  await grantRole(m1.userId, townA, 'moderator');
  await grantRole(m2.userId, townA, 'moderator');
  await grantRole(mb.userId, townB, 'moderator');
  await grantRole(o.userId, townA, 'official');
  await grantRole(ad.userId, townA, 'admin');
  await makeNetworkTeam(n.userId);
  const network = await actorOf(n.userId);
  await createForum(network, townA, { slug: 'talk', name: 'Talk', description: '', position: 0, staffOnlyPosting: false });
  await createForum(network, townA, { slug: 'other', name: 'Other', description: '', position: 1, staffOnlyPosting: false });
  await createForum(network, townB, { slug: 'talk', name: 'Talk B', description: '', position: 0, staffOnlyPosting: false });
  forum = await getForum(townA, 'talk');
  other = await getForum(townA, 'other');
  forumB = await getForum(townB, 'talk');
  [alice, bob, carla, mod1, mod2, modB, official, admin] = await Promise.all(people.slice(0, 8).map((p) => actorOf(p.userId)));
});

describe('who may moderate where', () => {
  it("town A's moderators have no power in town B, and residents cannot open the queue", async () => {
    const { postId } = await createThread(alice, forum, { title: 'Parking at the market', body: doc('Where can I park on Saturdays?'), language: 'auto' });
    const { reportId } = await fileReport(bob, townA, postId, { target: 'post', category: 'spam', explanation: '' }, testContext());
    expect(reportId).toBeGreaterThan(0);
    const [item] = (await listQueue(mod1, townA)).filter((i) => i.postId === postId);
    expect(item.reportCount).toBe(1);

    for (const outsider of [modB, alice, official]) {
      await expect(listQueue(outsider, townA)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(getCase(outsider, townA, item.id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(claimCase(outsider, townA, item.id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(decide(outsider, townA, { caseId: item.id }, { action: 'hide', ...reasons }, ORIGIN)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(listAudit(outsider, townA, {})).rejects.toMatchObject({ code: 'forbidden' });
      expect(await queueCounts(outsider, townA)).toEqual({ cases: 0, appeals: 0 });
    }
    await expect(listQueue(null, townA)).rejects.toMatchObject({ code: 'forbidden' });
    // Town B's moderator cannot reach town A's case through their own town either.
    await expect(getCase(modB, townB, item.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(decide(modB, townB, { caseId: item.id }, { action: 'dismiss', ...reasons }, ORIGIN)).rejects.toMatchObject({ code: 'not_found' });
    // The town admin moderates too.
    expect((await listQueue(admin, townA)).some((i) => i.id === item.id)).toBe(true);
    await decide(mod1, townA, { caseId: item.id }, { action: 'dismiss', ...reasons, ground: 'rules.no_violation', facts: 'An ordinary question about parking.' }, ORIGIN);
  });
});

describe('reports', () => {
  it('one open report per reporter and item; receipts in the app and by mail; guests may report with an address', async () => {
    const { postId } = await createThread(alice, forum, { title: 'Noise at night', body: doc('The neighbours are loud, those idiots.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'post', category: 'insult', explanation: 'Calls people idiots.' }, testContext());
    await expect(fileReport(bob, townA, postId, { target: 'post', category: 'insult', explanation: 'Again' }, testContext())).rejects.toMatchObject({ i18nKey: 'moderation:errors.alreadyReported' });
    await fileReport(carla, townA, postId, { target: 'post', category: 'harassment', explanation: '' }, testContext());
    await fileReport(null, townA, postId, { target: 'post', category: 'insult', explanation: 'Seen as a guest', email: 'guest@example.org' }, testContext({ ip: '192.0.2.77' }));
    await expect(fileReport(alice, townA, postId, { target: 'post', category: 'spam', explanation: '' }, testContext())).rejects.toMatchObject({ i18nKey: 'moderation:errors.ownContent' });

    const queue = await listQueue(mod1, townA);
    const item = queue.find((i) => i.postId === postId)!;
    expect(item.reportCount).toBe(3);
    expect(item.categories).toEqual(['harassment', 'insult']);
    expect((await listNotifications(bob)).some((n) => n.kind === 'report_received')).toBe(true);
    const receipts = await sql`select recipient from mail_outbox where subject like '%' and recipient in (${bob.email}, 'guest@example.org')`;
    expect([...new Set(receipts.map((r) => r.recipient))].sort()).toEqual(['guest@example.org', bob.email].sort());
  });

  it('mass reporting by one account is throttled', async () => {
    const { userId: spammerId } = await createUser({ label: 'mass' });
    await grantRole(spammerId, townA, 'member');
    const spammer = await actorOf(spammerId);
    const posts: number[] = [];
    for (let i = 0; i < 21; i++) posts.push((await reply(carla, (await createThread(carla, forum, { title: `Topic ${i}`, body: doc('Something to say.'), language: 'auto' })).threadId, 'More.')).postId);
    let refused = 0;
    for (const postId of posts) {
      try {
        await fileReport(spammer, townA, postId, { target: 'post', category: 'spam', explanation: '' }, testContext());
      } catch (error) {
        expect(error).toMatchObject({ i18nKey: 'moderation:errors.tooManyReports' });
        refused++;
      }
    }
    expect(refused).toBe(1);
  });
});

describe('claims and decisions', () => {
  it('two moderators claim at once: exactly one wins; the other cannot decide while the claim holds', async () => {
    const { postId } = await createThread(alice, forum, { title: 'Claims', body: doc('You are all useless.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'post', category: 'insult', explanation: '' }, testContext());
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled([claimCase(mod1, townA, item.id), claimCase(mod2, townA, item.id)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ i18nKey: 'moderation:errors.claimedByOther' });
      const winner = results[0].status === 'fulfilled' ? mod1 : mod2;
      await releaseCase(winner, townA, item.id);
    }
    await claimCase(mod1, townA, item.id);
    expect((await listQueue(mod2, townA)).find((i) => i.id === item.id)).toMatchObject({ claimedByName: 'mod1', claimedByMe: false });
    await expect(decide(mod2, townA, { caseId: item.id }, { action: 'hide', ...reasons }, ORIGIN)).rejects.toMatchObject({ i18nKey: 'moderation:errors.claimedByOther' });
    // An abandoned claim runs out.
    await sql`update moderation_cases set claimed_until = now() - interval '1 second' where id = ${item.id}`;
    await claimCase(mod2, townA, item.id);
    await releaseCase(mod2, townA, item.id);
  });

  it('two moderators decide at once: one decision, the other is told it was decided', async () => {
    const { postId } = await createThread(alice, forum, { title: 'Race', body: doc('Another rude post.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'post', category: 'insult', explanation: '' }, testContext());
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    const results = await Promise.allSettled([
      decide(mod1, townA, { caseId: item.id }, { action: 'hide', ...reasons }, ORIGIN),
      decide(mod2, townA, { caseId: item.id }, { action: 'dismiss', ...reasons }, ORIGIN),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [{ n }] = await sql`select count(*)::int as n from moderation_decisions where case_id = ${item.id}`;
    expect(n).toBe(1);
  });

  it('hiding replaces the post for everyone; the author reads the statement of reasons, others get not found', async () => {
    const { threadId, postId } = await createThread(alice, forum, { title: 'Hide me', body: doc('Nasty words about Bob.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'post', category: 'insult', explanation: 'About me.' }, testContext());
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    const { decisionId } = await decide(mod1, townA, { caseId: item.id }, { action: 'hide', ...reasons, ground: 'law.stgb_185' }, ORIGIN);
    const [shown] = await listPostsPage(threadId, 1, viewer(carla));
    expect(shown).toMatchObject({ status: 'hidden', bodyHtml: null, decisionId });

    const forAuthor = await getDecision(alice, decisionId);
    expect(forAuthor).toMatchObject({ action: 'hide', ground: 'law.stgb_185', facts: reasons.facts, automated: false, viewerRole: 'author', canAppeal: true, moderatorName: null });
    expect(await getDecision(bob, decisionId)).toMatchObject({ viewerRole: 'reporter', canAppeal: false });
    expect(await getDecision(mod2, decisionId)).toMatchObject({ viewerRole: 'moderator', moderatorName: 'mod1' });
    await expect(getDecision(carla, decisionId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getDecision(modB, decisionId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getDecision(null, decisionId)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listNotifications(alice)).some((n) => n.kind === 'decision' && n.decisionId === decisionId)).toBe(true);
    expect((await listNotifications(bob)).some((n) => n.kind === 'decision' && n.decisionId === decisionId)).toBe(true);
    // The author cannot edit their way around it.
    await expect(editPost(alice, townA, postId, { body: doc('Edited.'), language: 'auto' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('thread decisions: lock, edit the title, pin, move, slow mode — each with reasons', async () => {
    const { threadId } = await createThread(alice, forum, { title: 'Heated thread', body: doc('Start.'), language: 'auto' });
    await expect(decide(mod1, townA, { threadId }, { action: 'hide', ...reasons }, ORIGIN)).rejects.toMatchObject({ i18nKey: 'moderation:errors.actionNotApplicable' });
    await decide(mod1, townA, { threadId }, { action: 'lock', ...reasons }, ORIGIN);
    await expect(reply(bob, threadId, 'Can I still write?')).rejects.toMatchObject({ i18nKey: 'forums:errors.locked' });
    await decide(mod1, townA, { threadId }, { action: 'unlock', ...reasons }, ORIGIN);
    await decide(mod1, townA, { threadId }, { action: 'edit_title', title: 'Calm thread', ...reasons }, ORIGIN);
    await decide(mod1, townA, { threadId }, { action: 'pin', ...reasons }, ORIGIN);
    await decide(mod1, townA, { threadId }, { action: 'move', forumId: other.id, ...reasons }, ORIGIN);
    await expect(decide(mod1, townA, { threadId }, { action: 'move', forumId: forumB.id, ...reasons }, ORIGIN)).rejects.toMatchObject({ field: 'forumId' });
    const thread = await getReadableThread(bob, townA, threadId);
    expect(thread).toMatchObject({ title: 'Calm thread', pinned: true, forumId: other.id, locked: false });

    await decide(mod1, townA, { threadId }, { action: 'slow_mode', seconds: 600, ...reasons }, ORIGIN);
    await reply(bob, threadId, 'First reply.');
    await expect(reply(bob, threadId, 'Second reply too soon.')).rejects.toMatchObject({ i18nKey: 'moderation:errors.slowMode', params: { seconds: 600 } });
    await reply(carla, threadId, 'Someone else may write.');
    await reply(mod2, threadId, 'Moderators are not slowed.');
    await reply(mod2, threadId, 'Still not slowed.');
  });

  it('warn, mute and suspend a person in this town, each until a date', async () => {
    const { userId: trollId } = await createUser({ label: 'troll' });
    await grantRole(trollId, townA, 'member');
    await grantRole(trollId, townB, 'member');
    const troll = await actorOf(trollId);
    const { threadId, postId } = await createThread(troll, forum, { title: 'Troll', body: doc('Bad words.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'user', category: 'harassment', explanation: 'Follows me everywhere.' }, testContext());
    const item = (await listQueue(mod1, townA)).find((i) => i.targetKind === 'user' && i.subjectName === 'troll')!;
    await expect(decide(mod1, townA, { caseId: item.id }, { action: 'hide', ...reasons }, ORIGIN)).rejects.toMatchObject({ i18nKey: 'moderation:errors.actionNotApplicable' });
    const { decisionId } = await decide(mod1, townA, { caseId: item.id }, { action: 'mute', days: 7, ...reasons }, ORIGIN);
    await expect(reply(troll, threadId, 'Muted?')).rejects.toMatchObject({ i18nKey: 'moderation:errors.muted' });
    // Only in this town.
    await createThread(troll, forumB, { title: 'Elsewhere', body: doc('Fine here.'), language: 'auto' });
    const decision = await getDecision(troll, decisionId);
    expect(decision.endsAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });
});

describe('the queue and the remaining sanctions', () => {
  it('lists items oldest first, each once however many reports it has', async () => {
    const first = await createThread(alice, forum, { title: 'Older', body: doc('First rude words.'), language: 'auto' });
    const second = await createThread(alice, forum, { title: 'Newer', body: doc('Second rude words.'), language: 'auto' });
    await fileReport(bob, townA, second.postId, { target: 'post', category: 'insult', explanation: '' }, testContext());
    await fileReport(bob, townA, first.postId, { target: 'post', category: 'insult', explanation: '' }, testContext());
    await fileReport(carla, townA, second.postId, { target: 'post', category: 'spam', explanation: '' }, testContext());
    await sql`update moderation_cases set opened_at = now() - interval '1 hour' where post_id = ${first.postId}`;
    const queue = await listQueue(mod1, townA);
    const ids = queue.map((i) => i.postId);
    expect(ids.filter((id) => id === second.postId)).toHaveLength(1);
    expect(ids.indexOf(first.postId)).toBeLessThan(ids.indexOf(second.postId));
    expect(queue.every((item, i) => i === 0 || new Date(queue[i - 1].openedAt) <= new Date(item.openedAt))).toBe(true);
  });

  it('a warning is recorded with its end date; a suspension also stops reporting', async () => {
    const { userId } = await createUser({ label: 'suspended' });
    await grantRole(userId, townA, 'member');
    const person = await actorOf(userId);
    const { postId } = await createThread(person, forum, { title: 'Warned', body: doc('Harsh words.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'user', category: 'harassment', explanation: '' }, testContext());
    const userCase = (await listQueue(mod1, townA)).find((i) => i.targetKind === 'user' && i.subjectName === 'suspended')!;
    const warned = await decide(mod1, townA, { caseId: userCase.id }, { action: 'warn', days: 30, ...reasons }, ORIGIN);
    expect(await getDecision(person, warned.decisionId)).toMatchObject({ action: 'warn', canAppeal: true });
    const [sanction] = await sql`select kind, ends_at from sanctions where decision_id = ${warned.decisionId}`;
    expect(sanction.kind).toBe('warn');
    // A warning does not stop anyone.
    await createReply(person, townA, (await createThread(person, forum, { title: 'Still here', body: doc('Fine.'), language: 'auto' })).threadId, { body: doc('Yes.'), language: 'auto' });

    await fileReport(carla, townA, postId, { target: 'user', category: 'harassment', explanation: 'Again.' }, testContext());
    const again = (await listQueue(mod1, townA)).find((i) => i.targetKind === 'user' && i.subjectName === 'suspended')!;
    await decide(mod2, townA, { caseId: again.id }, { action: 'suspend', days: 14, ...reasons }, ORIGIN);
    const { postId: bobsPost } = await createThread(bob, forum, { title: 'Bob', body: doc('Hi.'), language: 'auto' });
    await expect(fileReport(person, townA, bobsPost, { target: 'post', category: 'spam', explanation: '' }, testContext())).rejects.toMatchObject({ i18nKey: 'moderation:errors.suspended' });
    await expect(createThread(person, forum, { title: 'No', body: doc('No.'), language: 'auto' })).rejects.toMatchObject({ i18nKey: 'moderation:errors.suspended' });
  });
});

describe('the appeal window', () => {
  it('closes six months after the decision', async () => {
    const { postId } = await createThread(alice, forum, { title: 'Old decision', body: doc('Old words.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'post', category: 'insult', explanation: '' }, testContext());
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    const { decisionId } = await decide(mod1, townA, { caseId: item.id }, { action: 'hide', ...reasons }, ORIGIN);
    await sql`update moderation_decisions set created_at = now() - interval '184 days' where id = ${decisionId}`;
    expect(await getDecision(alice, decisionId)).toMatchObject({ canAppeal: false });
    await expect(fileAppeal(alice, decisionId, { text: 'Please look at this again.' })).rejects.toMatchObject({ i18nKey: 'moderation:errors.appealClosed' });
  });
});

describe('appeals', () => {
  it('the author appeals once; the deciding moderator cannot take it; another reverses it and the post returns', async () => {
    const { threadId, postId } = await createThread(alice, forum, { title: 'Appeal me', body: doc('A sharp but fair opinion.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'post', category: 'insult', explanation: '' }, testContext());
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    const { decisionId } = await decide(mod1, townA, { caseId: item.id }, { action: 'hide', ...reasons }, ORIGIN);

    await expect(fileAppeal(carla, decisionId, { text: 'Not my post but I object.' })).rejects.toMatchObject({ code: 'not_found' });
    const { appealId } = await fileAppeal(alice, decisionId, { text: 'This was criticism, not an insult.' });
    await expect(fileAppeal(alice, decisionId, { text: 'And again, please.' })).rejects.toMatchObject({ i18nKey: 'moderation:errors.alreadyAppealed' });
    expect((await listOpenAppeals(mod1, townA)).find((a) => a.id === appealId)).toMatchObject({ decidedByMe: true });
    expect((await getAppeal(mod1, townA, appealId)).mayDecide).toBe(false);
    await expect(decideAppeal(mod1, townA, appealId, { outcome: 'reversed', reasons: 'I changed my mind myself.' }, ORIGIN)).rejects.toMatchObject({ i18nKey: 'moderation:errors.sameModerator' });
    await expect(getAppeal(modB, townA, appealId)).rejects.toMatchObject({ code: 'forbidden' });

    expect((await getAppeal(mod2, townA, appealId)).mayDecide).toBe(true);
    await decideAppeal(mod2, townA, appealId, { outcome: 'reversed', reasons: 'Sharp criticism of a policy is allowed.' }, ORIGIN);
    expect(await postStatus(postId)).toBe('published');
    expect((await listPostsPage(threadId, 1, viewer(carla)))[0].bodyHtml).toContain('fair opinion');
    expect(await getDecision(alice, decisionId)).toMatchObject({ appeal: { status: 'reversed', outcomeReasons: 'Sharp criticism of a policy is allowed.' }, canAppeal: false });
    expect((await listNotifications(alice)).some((n) => n.kind === 'appeal_outcome')).toBe(true);
    await expect(decideAppeal(admin, townA, appealId, { outcome: 'upheld', reasons: 'Too late for this.' }, ORIGIN)).rejects.toMatchObject({ i18nKey: 'moderation:errors.appealAlreadyDecided' });
  });

  it('a reporter appeals a dismissal; reversing it puts the post back in the queue', async () => {
    const { postId } = await createThread(alice, forum, { title: 'Dismissed', body: doc('Borderline words.'), language: 'auto' });
    await fileReport(bob, townA, postId, { target: 'post', category: 'threat', explanation: 'Feels like a threat.' }, testContext());
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    const { decisionId } = await decide(mod1, townA, { caseId: item.id }, { action: 'dismiss', ...reasons, ground: 'rules.no_violation' }, ORIGIN);
    await expect(fileAppeal(alice, decisionId, { text: 'I am happy, but let me appeal.' })).rejects.toMatchObject({ i18nKey: 'moderation:errors.cannotAppeal' });
    const { appealId } = await fileAppeal(bob, decisionId, { text: 'It names my street; it is a threat.' });
    await decideAppeal(mod2, townA, appealId, { outcome: 'reversed', reasons: 'Read in context it is a threat.' }, ORIGIN);
    expect((await listQueue(mod1, townA)).find((i) => i.postId === postId)).toMatchObject({ reopened: true });
  });
});

describe('pre-moderation, watched words and the shield', () => {
  it('a pre-moderated forum holds posts: only the author and moderators see them; approval publishes live', async () => {
    await saveModerationSettings(mod1, townA, { reviewFirstPosts: 0, premoderatedForums: [other.id] });
    const events: { type: string; postId?: number }[] = [];
    const listening = await listener.listen(EVENTS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
    const { threadId, postId } = await createThread(carla, other, { title: 'Held thread', body: doc('Please review me.'), language: 'auto' });
    expect(await postStatus(postId)).toBe('held');
    await expect(getReadableThread(bob, townA, threadId)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listThreads(bob, other)).threads.some((t) => t.id === threadId)).toBe(false);
    expect((await listThreads(carla, other)).threads.some((t) => t.id === threadId)).toBe(true);
    expect(await listPostsPage(threadId, 1, viewer(carla))).toHaveLength(1);
    expect(await listPostsPage(threadId, 1, viewer(mod1, true))).toHaveLength(1);
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    expect(item).toMatchObject({ held: true, holdReason: 'forum' });
    await expect(decide(mod1, townA, { caseId: item.id }, { action: 'dismiss', ...reasons }, ORIGIN)).rejects.toMatchObject({ i18nKey: 'moderation:errors.actionNotApplicable' });
    expect(events.filter((e) => e.type === 'post:created' && e.postId === postId)).toHaveLength(0);
    await decide(mod1, townA, { caseId: item.id }, { action: 'approve', ...reasons, ground: 'rules.no_violation' }, ORIGIN);
    await expect.poll(() => events.filter((e) => e.type === 'post:created' && e.postId === postId).length).toBe(1);
    await listening.unlisten();
    expect(await listPostsPage(threadId, 1, viewer(bob))).toHaveLength(1);
    expect((await listThreads(bob, other)).threads.some((t) => t.id === threadId)).toBe(true);
    await saveModerationSettings(mod1, townA, { reviewFirstPosts: 0, premoderatedForums: [] });
  });

  it("a new member's first posts wait for review", async () => {
    const { userId: newcomerId } = await createUser({ label: 'newcomer' });
    await grantRole(newcomerId, townA, 'member');
    const newcomer = await actorOf(newcomerId);
    await saveModerationSettings(mod1, townA, { reviewFirstPosts: 1, premoderatedForums: [] });
    const { threadId, postId } = await createThread(newcomer, forum, { title: 'Hello, I am new', body: doc('First words.'), language: 'auto' });
    expect(await postStatus(postId)).toBe('held');
    const item = (await listQueue(mod1, townA)).find((i) => i.postId === postId)!;
    expect(item.holdReason).toBe('new_member');
    await decide(mod2, townA, { caseId: item.id }, { action: 'approve', ...reasons, ground: 'rules.no_violation' }, ORIGIN);
    const { postId: second } = await createReply(newcomer, townA, threadId, { body: doc('Second words.'), language: 'auto' });
    expect(await postStatus(second)).toBe('published');
    await saveModerationSettings(mod1, townA, { reviewFirstPosts: 0, premoderatedForums: [] });
  });

  it('watched words block, hold or flag after normalisation; lists go out and come in as CSV', async () => {
    await expect(addWatchedWord(alice, townA, { pattern: 'idiot', action: 'block' })).rejects.toMatchObject({ code: 'forbidden' });
    await addWatchedWord(mod1, townA, { pattern: 'idiot*', action: 'block' });
    await addWatchedWord(mod1, townA, { pattern: 'abschaum', action: 'hold' });
    await addWatchedWord(mod1, townA, { pattern: 'lügner', action: 'flag' });
    await expect(addWatchedWord(mod1, townA, { pattern: '*', action: 'block' })).rejects.toMatchObject({ field: 'pattern' });
    const { threadId } = await createThread(bob, forum, { title: 'Words', body: doc('Plain start.'), language: 'auto' });

    await expect(reply(bob, threadId, 'Ihr seid alle I.D.I.O.T.E.N')).rejects.toMatchObject({ i18nKey: 'moderation:errors.blockedWord', field: 'body' });
    const held = await reply(bob, threadId, 'So ein ABSCHAUM hier');
    expect(await postStatus(held.postId)).toBe('held');
    expect((await listQueue(mod1, townA)).find((i) => i.postId === held.postId)).toMatchObject({ holdReason: 'watched_word', watchedPattern: 'abschaum' });
    const flagged = await reply(bob, threadId, 'Der Bürgermeister ist ein Luegner');
    expect(await postStatus(flagged.postId)).toBe('published');
    const flaggedCase = (await listQueue(mod1, townA)).find((i) => i.postId === flagged.postId)!;
    expect(flaggedCase).toMatchObject({ held: false, watchedPattern: 'lügner', reportCount: 1 });
    expect((await getCase(mod1, townA, flaggedCase.id)).reports[0]).toMatchObject({ automated: true });

    const csv = await exportWatchedWords(mod1, townA);
    expect(csv).toContain('pattern,action');
    expect(csv).toContain('abschaum,hold');
    const result = await importWatchedWords(mod1, townA, 'pattern;action\nvolksverräter;hold\nunknown;explode\n');
    expect(result.imported).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect((await listWatchedWords(mod1, townA)).map((w) => w.pattern)).toContain('volksverräter');
    await sql`delete from watched_words where municipality_id = ${townA}`;
  });

  it('a shielded official: replies in their threads and quotes of them wait for review, marked for moderators', async () => {
    await expect(setShield(alice, townA, true)).rejects.toMatchObject({ code: 'forbidden' });
    const { threadId, postId: opening } = await createThread(official, forum, { title: 'Budget 2027', body: doc('Here is the draft budget.'), language: 'auto' });
    expect(await postStatus(opening)).toBe('published');
    await setShield(official, townA, true);
    const shieldedReply = await reply(bob, threadId, 'Resign, you crook.');
    expect(await postStatus(shieldedReply.postId)).toBe('held');
    expect((await listQueue(mod1, townA)).find((i) => i.postId === shieldedReply.postId)).toMatchObject({ holdReason: 'shield', shielded: true });
    // A quote of the official elsewhere is held too.
    const { threadId: elsewhere } = await createThread(carla, forum, { title: 'Elsewhere', body: doc('Another topic.'), language: 'auto' });
    const quoting = await reply(bob, elsewhere, 'Look what she wrote.', {});
    expect(await postStatus(quoting.postId)).toBe('published');
    const [{ id: quotable }] = await sql`select id from posts where id = ${opening}`;
    const quoted = await createReply(bob, townA, threadId, { body: doc('Quoting.'), language: 'auto', quotedPostId: Number(quotable) });
    expect(await postStatus(quoted.postId)).toBe('held');
    // The official's own replies are not held.
    expect(await postStatus((await reply(official, threadId, 'Thank you all.')).postId)).toBe('published');
    await setShield(official, townA, false);
    expect(await postStatus((await reply(bob, threadId, 'Fine now.')).postId)).toBe('published');
  });
});

describe('audit log and transparency', () => {
  it('audit rows cannot be changed or deleted, not even by the application', async () => {
    const { rows } = await listAudit(mod1, townA, {});
    expect(rows.length).toBeGreaterThan(5);
    const id = rows[0].id;
    await expect(sql`update moderation_audit_log set action = 'nothing' where id = ${id}`).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from moderation_audit_log where id = ${id}`).rejects.toThrow(/cannot be changed/);
    await expect(sql`truncate moderation_audit_log`).rejects.toThrow(/cannot be changed/);
    const [{ n }] = await sql`select count(*)::int as n from moderation_audit_log where id = ${id}`;
    expect(n).toBe(1);
  });

  it('moderators and town admins filter the log by action and moderator', async () => {
    const hides = await listAudit(admin, townA, { action: 'hide' });
    expect(hides.rows.length).toBeGreaterThan(0);
    expect(hides.rows.every((row) => row.action === 'hide')).toBe(true);
    const byMod2 = await listAudit(mod1, townA, { moderator: 'mod2' });
    expect(byMod2.rows.every((row) => row.actorName === 'mod2')).toBe(true);
    expect(hides.actions).toEqual(expect.arrayContaining(['claim', 'hide', 'report', 'appeal_reversed']));
    // Town B's log holds nothing of town A.
    expect((await listAudit(modB, townB, {})).rows.every((row) => row.action !== 'hide')).toBe(true);
  });

  it('the public report counts notices, actions, appeals and reversals per month, without personal data', async () => {
    const [month] = await transparencyReport(townA);
    expect(month.month).toBe(new Date().toISOString().slice(0, 7));
    expect(month.notices.insult).toBeGreaterThanOrEqual(5);
    expect(month.automatedFlags).toBe(1);
    expect(month.actions.hide).toBeGreaterThanOrEqual(2);
    expect(month.appeals).toBe(2);
    expect(month.reversals).toBe(2);
    expect(month.medianHoursToDecision).not.toBeNull();
    const csv = transparencyCsv([month]);
    expect(csv.split('\n')[0]).toContain('notices_illegal_hate');
    for (const person of [alice, bob, mod1, official]) {
      expect(csv).not.toContain(person.displayName);
      expect(csv).not.toContain(person.email);
    }
  });
});
