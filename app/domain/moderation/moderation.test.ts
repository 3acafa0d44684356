/**
 * Moderation against a real PostgreSQL: who may moderate where, reports and receipts, claim races,
 * decisions with reasons, appeals to another moderator, pre-moderation, watched words, the shield for
 * officials, sanctions, slow mode, the append-only audit log and the transparency report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/database/client.server';
import { BUS_CHANNEL } from '#app/domain/bus.server';
import type { BusMessage } from '#app/domain/bus';
import type { Actor } from '#app/domain/auth/permissions';
import type { ClientFacts } from '#app/domain/auth/accounts.server';
import { createForum, getForum, type ForumView } from '#app/domain/forums/forums.server';
import { getThread, listThreads } from '#app/domain/forums/threads.server';
import { listPostsPage } from '#app/domain/forums/posts.server';
import { listNotifications } from '#app/domain/forums/notifications.server';
import { createReply, createThread, editPost } from '#app/domain/posting/posting.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam, testClient } from '../../../db/testing/factories';
import { fileReport } from './reports.server';
import { claimCase, getCase, listQueue, queueCounts, releaseCase } from './cases.server';
import { decide, getDecision } from './decisions.server';
import { decideAppeal, fileAppeal, getAppeal, listOpenAppeals } from './appeals.server';
import { listAudit } from './audit.server';
import { saveModerationSettings, setShield } from './settings.server';
import { addWatchedWord, exportWatchedWords, importWatchedWords, listWatchedWords } from './word-lists.server';
import { transparencyCsv, transparencyReport } from './transparency.server';
import type { DecisionInput, ReportInput } from './schemas';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const reasons = { ground: 'rules.respect' as const, facts: 'The post insults another resident by name.', automated: false };
const notModerator = { code: 'forbidden', i18nKey: 'moderation:errors.notModerator' };
const notApplicable = { code: 'invalid', i18nKey: 'moderation:errors.actionNotApplicable' };
const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());

let townA: number;
let townB: number;
let forum: ForumView;
let other: ForumView;
let forumB: ForumView;
let alice: Actor;
let bob: Actor;
let carla: Actor;
let mod1: Actor;
let mod2: Actor;
let modB: Actor;
let official: Actor;
let admin: Actor;

const thread = (actor: Actor, where: ForumView, title: string, text: string) =>
  createThread(actor, { townId: where.municipalityId, forumId: where.id, title, body: doc(text), language: 'auto' });
const reply = (actor: Actor, threadId: number, text: string, extra: { quotedPostId?: number } = {}) =>
  createReply(actor, { townId: townA, threadId, body: doc(text), language: 'auto', ...extra });
const report = (actor: Actor | null, postId: number, what: Partial<ReportInput> = {}, client: ClientFacts = testClient()) =>
  fileReport(actor, { townId: townA, postId, target: 'post', category: 'insult', explanation: '', ...what, ...client });
/** A decision in town A (unless `townId` says otherwise) on a case or a thread. */
const decideOn = (actor: Actor | null, subject: { caseId: number } | { threadId: number }, decision: DecisionInput, townId = townA) =>
  decide(actor, { townId, ...subject, ...decision });
const caseOf = async (postId: number) => (await listQueue(mod1, { townId: townA })).find((i) => i.postId === postId)!;
const page1 = (actor: Actor | null, threadId: number) => listPostsPage(actor, { threadId, page: 1 });

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
  const forumInput = (townId: number, slug: string, name: string, position: number) =>
    ({ townId, slug, name, description: '', position, staffOnlyPosting: false, nameTranslations: {}, descriptionTranslations: {} });
  await createForum(network, forumInput(townA, 'talk', 'Talk', 0));
  await createForum(network, forumInput(townA, 'other', 'Other', 1));
  await createForum(network, forumInput(townB, 'talk', 'Talk B', 0));
  forum = await getForum(null, { townId: townA, slug: 'talk', language: 'en' });
  other = await getForum(null, { townId: townA, slug: 'other', language: 'en' });
  forumB = await getForum(null, { townId: townB, slug: 'talk', language: 'en' });
  [alice, bob, carla, mod1, mod2, modB, official, admin] = await Promise.all(people.slice(0, 8).map((p) => actorOf(p.userId)));
});

describe('who may moderate where', () => {
  it("town A's moderators have no power in town B, and residents cannot open the queue", async () => {
    const { postId } = await thread(alice, forum, 'Parking at the market', 'Where can I park on Saturdays?');
    const { reportId, reference } = await report(bob, postId, { category: 'spam' });
    expect(reportId).toBeGreaterThan(0);
    expect(reference).toEqual(expect.any(String));
    const item = await caseOf(postId);
    expect(item.reportCount).toBe(1);

    for (const outsider of [modB, alice, official]) {
      await expect(listQueue(outsider, { townId: townA })).rejects.toMatchObject(notModerator);
      await expect(getCase(outsider, { townId: townA, caseId: item.id })).rejects.toMatchObject(notModerator);
      await expect(claimCase(outsider, { townId: townA, caseId: item.id })).rejects.toMatchObject(notModerator);
      await expect(decideOn(outsider, { caseId: item.id }, { action: 'hide', ...reasons })).rejects.toMatchObject(notModerator);
      await expect(listAudit(outsider, { townId: townA })).rejects.toMatchObject(notModerator);
      expect(await queueCounts(outsider, { townId: townA })).toEqual({ cases: 0, appeals: 0 });
    }
    await expect(listQueue(null, { townId: townA })).rejects.toMatchObject(notModerator);
    // Town B's moderator cannot reach town A's case through their own town either.
    await expect(getCase(modB, { townId: townB, caseId: item.id })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'moderation:errors.caseNotFound' });
    await expect(decideOn(modB, { caseId: item.id }, { action: 'dismiss', ...reasons }, townB)).rejects.toMatchObject({ code: 'not_found', i18nKey: 'moderation:errors.caseNotFound' });
    // The town admin moderates too.
    expect((await listQueue(admin, { townId: townA })).some((i) => i.id === item.id)).toBe(true);
    await decideOn(mod1, { caseId: item.id }, { action: 'dismiss', ...reasons, ground: 'rules.no_violation', facts: 'An ordinary question about parking.' });
  });
});

describe('reports', () => {
  it('one open report per reporter and item; receipts in the app and by mail; guests may report with an address', async () => {
    const { postId } = await thread(alice, forum, 'Noise at night', 'The neighbours are loud, those idiots.');
    await report(bob, postId, { explanation: 'Calls people idiots.' });
    await expect(report(bob, postId, { explanation: 'Again' })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'moderation:errors.alreadyReported' });
    await report(carla, postId, { category: 'harassment' });
    await report(null, postId, { explanation: 'Seen as a guest', email: 'guest@example.org' }, testClient({ ip: '192.0.2.77' }));
    await expect(report(alice, postId, { category: 'spam' })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'moderation:errors.ownContent' });

    const item = await caseOf(postId);
    expect(item.reportCount).toBe(3);
    expect(item.categories).toEqual(['harassment', 'insult']);
    expect((await listNotifications(bob)).some((n) => n.kind === 'report_received')).toBe(true);
    const receipts = await sql`select recipient from mail_outbox where recipient in (${bob.email}, 'guest@example.org')`;
    expect([...new Set(receipts.map((r) => r.recipient))].sort()).toEqual(['guest@example.org', bob.email].sort());
  });

  it('mass reporting by one account is throttled', async () => {
    const { userId: spammerId } = await createUser({ label: 'mass' });
    await grantRole(spammerId, townA, 'member');
    const spammer = await actorOf(spammerId);
    const posts: number[] = [];
    for (let i = 0; i < 21; i++) posts.push((await reply(carla, (await thread(carla, forum, `Topic ${i}`, 'Something to say.')).threadId, 'More.')).postId);
    const outcomes = await posts.reduce<Promise<string[]>>(
      async (done, postId) => [...(await done), await report(spammer, postId, { category: 'spam' }).then(() => 'filed', (error) => `${error.code}:${error.i18nKey}`)],
      Promise.resolve([]),
    );
    expect(outcomes).toEqual([...Array(20).fill('filed'), 'throttled:moderation:errors.tooManyReports']);
  });
});

describe('claims and decisions', () => {
  it('two moderators claim at once: exactly one wins; the other cannot decide while the claim holds', async () => {
    const { postId } = await thread(alice, forum, 'Claims', 'You are all useless.');
    await report(bob, postId);
    const item = await caseOf(postId);
    const caseRef = { townId: townA, caseId: item.id };
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled([claimCase(mod1, caseRef), claimCase(mod2, caseRef)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ code: 'conflict', i18nKey: 'moderation:errors.claimedByOther' });
      const winner = results[0].status === 'fulfilled' ? mod1 : mod2;
      await releaseCase(winner, caseRef);
    }
    await claimCase(mod1, caseRef);
    expect((await listQueue(mod2, { townId: townA })).find((i) => i.id === item.id)).toMatchObject({ claimedByName: 'mod1', claimedByMe: false });
    await expect(decideOn(mod2, { caseId: item.id }, { action: 'hide', ...reasons })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'moderation:errors.claimedByOther', params: { name: 'mod1' } });
    // An abandoned claim runs out.
    await sql`update moderation_cases set claimed_until = now() - interval '1 second' where id = ${item.id}`;
    await claimCase(mod2, caseRef);
    await releaseCase(mod2, caseRef);
  });

  it('two moderators decide at once: one decision, the other is told it was decided', async () => {
    const { postId } = await thread(alice, forum, 'Race', 'Another rude post.');
    await report(bob, postId);
    const item = await caseOf(postId);
    const results = await Promise.allSettled([
      decideOn(mod1, { caseId: item.id }, { action: 'hide', ...reasons }),
      decideOn(mod2, { caseId: item.id }, { action: 'dismiss', ...reasons }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'conflict', i18nKey: 'moderation:errors.alreadyDecided' });
    const [{ n }] = await sql`select count(*)::int as n from moderation_decisions where case_id = ${item.id}`;
    expect(n).toBe(1);
  });

  it("hiding a thread's opening post replaces it with a placeholder for everyone; the thread and its replies stay", async () => {
    const { threadId, postId } = await thread(alice, forum, 'Hide my opening', 'Nasty opening words.');
    await reply(carla, threadId, 'A fair answer that should stay.');
    await report(bob, postId);
    const { decisionId } = await decideOn(mod1, { caseId: (await caseOf(postId)).id }, { action: 'hide', ...reasons });
    // Other people's replies are not part of the decision: they stay readable, in the list and on the page.
    for (const reader of [carla, null]) {
      expect((await listThreads(reader, { townId: townA, forumId: forum.id })).threads.some((t) => t.id === threadId)).toBe(true);
      await expect(getThread(reader, { townId: townA, threadId })).resolves.toMatchObject({ id: threadId });
      const posts = await page1(reader, threadId);
      expect(posts.map((p) => ({ position: p.position, status: p.status, shown: p.bodyHtml !== null }))).toEqual([
        { position: 1, status: 'hidden', shown: false },
        { position: 2, status: 'published', shown: true },
      ]);
      expect(posts[0].decisionId).toBe(decisionId);
    }
  });

  it('hiding replaces the post for everyone; the author reads the statement of reasons, others get not found', async () => {
    const { threadId } = await thread(carla, forum, 'A quiet topic', 'Something neutral.');
    const { postId } = await reply(alice, threadId, 'Nasty words about Bob.');
    await report(bob, postId, { explanation: 'About me.' });
    const item = await caseOf(postId);
    const { decisionId } = await decideOn(mod1, { caseId: item.id }, { action: 'hide', ...reasons, ground: 'law.stgb_185' });
    for (const reader of [carla, null]) {
      const [, shown] = await page1(reader, threadId);
      expect(shown).toMatchObject({ id: postId, status: 'hidden', bodyHtml: null, decisionId });
    }

    const forAuthor = await getDecision(alice, { decisionId });
    expect(forAuthor).toMatchObject({ action: 'hide', ground: 'law.stgb_185', facts: reasons.facts, automated: false, viewerRole: 'author', canAppeal: true, moderatorName: null });
    expect(await getDecision(bob, { decisionId })).toMatchObject({ viewerRole: 'reporter', canAppeal: false });
    expect(await getDecision(mod2, { decisionId })).toMatchObject({ viewerRole: 'moderator', moderatorName: 'mod1' });
    const decisionNotFound = { code: 'not_found', i18nKey: 'moderation:errors.decisionNotFound' };
    await expect(getDecision(carla, { decisionId })).rejects.toMatchObject(decisionNotFound);
    await expect(getDecision(modB, { decisionId })).rejects.toMatchObject(decisionNotFound);
    await expect(getDecision(null, { decisionId })).rejects.toMatchObject(decisionNotFound);
    expect((await listNotifications(alice)).some((n) => n.kind === 'decision' && n.decisionId === decisionId)).toBe(true);
    expect((await listNotifications(bob)).some((n) => n.kind === 'decision' && n.decisionId === decisionId)).toBe(true);
    // The author cannot edit their way around it.
    await expect(editPost(alice, { townId: townA, postId, body: doc('Edited.'), language: 'auto' })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.postNotFound' });
  });

  it('thread decisions: lock, edit the title, pin, move, slow mode — each with reasons', async () => {
    const { threadId } = await thread(alice, forum, 'Heated thread', 'Start.');
    await expect(decideOn(mod1, { threadId }, { action: 'hide', ...reasons })).rejects.toMatchObject(notApplicable);
    await decideOn(mod1, { threadId }, { action: 'lock', ...reasons });
    await expect(reply(bob, threadId, 'Can I still write?')).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'forums:errors.locked' });
    await decideOn(mod1, { threadId }, { action: 'unlock', ...reasons });
    await decideOn(mod1, { threadId }, { action: 'edit_title', title: 'Calm thread', ...reasons });
    await decideOn(mod1, { threadId }, { action: 'pin', ...reasons });
    await decideOn(mod1, { threadId }, { action: 'move', forumId: other.id, ...reasons });
    await expect(decideOn(mod1, { threadId }, { action: 'move', forumId: forumB.id, ...reasons })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'moderation:errors.forum', field: 'forumId' });
    expect(await getThread(bob, { townId: townA, threadId })).toMatchObject({ title: 'Calm thread', pinned: true, forumId: other.id, locked: false });

    await decideOn(mod1, { threadId }, { action: 'slow_mode', seconds: 600, ...reasons });
    await reply(bob, threadId, 'First reply.');
    await expect(reply(bob, threadId, 'Second reply too soon.')).rejects.toMatchObject({ code: 'throttled', i18nKey: 'moderation:errors.slowMode', params: { seconds: 600 } });
    await reply(carla, threadId, 'Someone else may write.');
    await reply(mod2, threadId, 'Moderators are not slowed.');
    await reply(mod2, threadId, 'Still not slowed.');
  });

  it('warn, mute and suspend a person in this town, each until a date', async () => {
    const { userId: trollId } = await createUser({ label: 'troll' });
    await grantRole(trollId, townA, 'member');
    await grantRole(trollId, townB, 'member');
    const troll = await actorOf(trollId);
    const { threadId, postId } = await thread(troll, forum, 'Troll', 'Bad words.');
    await report(bob, postId, { target: 'user', category: 'harassment', explanation: 'Follows me everywhere.' });
    const item = (await listQueue(mod1, { townId: townA })).find((i) => i.targetKind === 'user' && i.subjectName === 'troll')!;
    await expect(decideOn(mod1, { caseId: item.id }, { action: 'hide', ...reasons })).rejects.toMatchObject(notApplicable);
    const { decisionId } = await decideOn(mod1, { caseId: item.id }, { action: 'mute', days: 7, ...reasons });
    await expect(reply(troll, threadId, 'Muted?')).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'moderation:errors.muted' });
    // Only in this town.
    await expect(thread(troll, forumB, 'Elsewhere', 'Fine here.')).resolves.toMatchObject({ status: 'published' });
    const decision = await getDecision(troll, { decisionId });
    expect(decision.endsAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });
});

describe('the queue and the remaining sanctions', () => {
  it('lists items oldest first, each once however many reports it has', async () => {
    const first = await thread(alice, forum, 'Older', 'First rude words.');
    const second = await thread(alice, forum, 'Newer', 'Second rude words.');
    await report(bob, second.postId);
    await report(bob, first.postId);
    await report(carla, second.postId, { category: 'spam' });
    await sql`update moderation_cases set opened_at = now() - interval '1 hour' where post_id = ${first.postId}`;
    const queue = await listQueue(mod1, { townId: townA });
    const ids = queue.map((i) => i.postId);
    expect(ids.filter((id) => id === second.postId)).toHaveLength(1);
    expect(ids.indexOf(first.postId)).toBeLessThan(ids.indexOf(second.postId));
    expect(queue.every((item, i) => i === 0 || new Date(queue[i - 1].openedAt) <= new Date(item.openedAt))).toBe(true);
  });

  it('a warning is recorded with its end date; a suspension also stops reporting', async () => {
    const { userId } = await createUser({ label: 'suspended' });
    await grantRole(userId, townA, 'member');
    const person = await actorOf(userId);
    const { postId } = await thread(person, forum, 'Warned', 'Harsh words.');
    await report(bob, postId, { target: 'user', category: 'harassment' });
    const userCase = (await listQueue(mod1, { townId: townA })).find((i) => i.targetKind === 'user' && i.subjectName === 'suspended')!;
    const warned = await decideOn(mod1, { caseId: userCase.id }, { action: 'warn', days: 30, ...reasons });
    expect(await getDecision(person, { decisionId: warned.decisionId })).toMatchObject({ action: 'warn', canAppeal: true });
    const [sanction] = await sql`select kind, ends_at from sanctions where decision_id = ${warned.decisionId}`;
    expect(sanction.kind).toBe('warn');
    expect(sanction.endsAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    // A warning does not stop anyone.
    await expect(reply(person, (await thread(person, forum, 'Still here', 'Fine.')).threadId, 'Yes.')).resolves.toMatchObject({ status: 'published' });

    await report(carla, postId, { target: 'user', category: 'harassment', explanation: 'Again.' });
    const again = (await listQueue(mod1, { townId: townA })).find((i) => i.targetKind === 'user' && i.subjectName === 'suspended')!;
    await decideOn(mod2, { caseId: again.id }, { action: 'suspend', days: 14, ...reasons });
    const { postId: bobsPost } = await thread(bob, forum, 'Bob', 'Hi.');
    await expect(report(person, bobsPost, { category: 'spam' })).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'moderation:errors.suspended' });
    await expect(thread(person, forum, 'No', 'No.')).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'moderation:errors.suspended' });
  });
});

describe('the appeal window', () => {
  it('closes six months after the decision', async () => {
    const { postId } = await thread(alice, forum, 'Old decision', 'Old words.');
    await report(bob, postId);
    const item = await caseOf(postId);
    const { decisionId } = await decideOn(mod1, { caseId: item.id }, { action: 'hide', ...reasons });
    await sql`update moderation_decisions set created_at = now() - interval '184 days' where id = ${decisionId}`;
    expect(await getDecision(alice, { decisionId })).toMatchObject({ canAppeal: false });
    await expect(fileAppeal(alice, { decisionId, text: 'Please look at this again.' })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'moderation:errors.appealClosed' });
  });
});

describe('appeals', () => {
  it('the author appeals once; the deciding moderator cannot take it; another reverses it and the post returns', async () => {
    const { threadId, postId } = await thread(alice, forum, 'Appeal me', 'A sharp but fair opinion.');
    await report(bob, postId);
    const item = await caseOf(postId);
    const { decisionId } = await decideOn(mod1, { caseId: item.id }, { action: 'hide', ...reasons });
    const appealRef = (appealId: number) => ({ townId: townA, appealId });

    await expect(fileAppeal(carla, { decisionId, text: 'Not my post but I object.' })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'moderation:errors.decisionNotFound' });
    const { appealId } = await fileAppeal(alice, { decisionId, text: 'This was criticism, not an insult.' });
    await expect(fileAppeal(alice, { decisionId, text: 'And again, please.' })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'moderation:errors.alreadyAppealed' });
    expect((await listOpenAppeals(mod1, { townId: townA })).find((a) => a.id === appealId)).toMatchObject({ decidedByMe: true });
    expect((await getAppeal(mod1, appealRef(appealId))).mayDecide).toBe(false);
    await expect(decideAppeal(mod1, { ...appealRef(appealId), outcome: 'reversed', reasons: 'I changed my mind myself.' })).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'moderation:errors.sameModerator' });
    await expect(getAppeal(modB, appealRef(appealId))).rejects.toMatchObject(notModerator);

    expect((await getAppeal(mod2, appealRef(appealId))).mayDecide).toBe(true);
    await decideAppeal(mod2, { ...appealRef(appealId), outcome: 'reversed', reasons: 'Sharp criticism of a policy is allowed.' });
    expect(await postStatus(postId)).toBe('published');
    expect((await page1(carla, threadId))[0].bodyHtml).toContain('fair opinion');
    expect(await getDecision(alice, { decisionId })).toMatchObject({ appeal: { status: 'reversed', outcomeReasons: 'Sharp criticism of a policy is allowed.' }, canAppeal: false });
    expect((await listNotifications(alice)).some((n) => n.kind === 'appeal_outcome')).toBe(true);
    await expect(decideAppeal(admin, { ...appealRef(appealId), outcome: 'upheld', reasons: 'Too late for this.' })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'moderation:errors.appealAlreadyDecided' });
  });

  it('a reporter appeals a dismissal; reversing it puts the post back in the queue', async () => {
    const { postId } = await thread(alice, forum, 'Dismissed', 'Borderline words.');
    await report(bob, postId, { category: 'threat', explanation: 'Feels like a threat.' });
    const item = await caseOf(postId);
    const { decisionId } = await decideOn(mod1, { caseId: item.id }, { action: 'dismiss', ...reasons, ground: 'rules.no_violation' });
    await expect(fileAppeal(alice, { decisionId, text: 'I am happy, but let me appeal.' })).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'moderation:errors.cannotAppeal' });
    const { appealId } = await fileAppeal(bob, { decisionId, text: 'It names my street; it is a threat.' });
    await decideAppeal(mod2, { townId: townA, appealId, outcome: 'reversed', reasons: 'Read in context it is a threat.' });
    expect(await caseOf(postId)).toMatchObject({ reopened: true });
  });
});

describe('pre-moderation, watched words and the shield', () => {
  it('a pre-moderated forum holds posts: only the author and moderators see them; approval publishes live', async () => {
    await saveModerationSettings(mod1, { townId: townA, reviewFirstPosts: 0, premoderatedForums: [other.id] });
    const events: BusMessage[] = [];
    const listening = await listener.listen(BUS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
    const created = (postId: number) => events.filter((e) => e.type === 'post:created' && e.postId === postId).length;
    const { threadId, postId } = await thread(carla, other, 'Held thread', 'Please review me.');
    expect(await postStatus(postId)).toBe('held');
    await expect(getThread(bob, { townId: townA, threadId })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.threadNotFound' });
    await expect(getThread(null, { townId: townA, threadId })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'forums:errors.threadNotFound' });
    const listed = async (actor: Actor | null) => (await listThreads(actor, { townId: townA, forumId: other.id })).threads.some((t) => t.id === threadId);
    expect(await listed(bob)).toBe(false);
    expect(await listed(carla)).toBe(true);
    expect(await page1(carla, threadId)).toHaveLength(1);
    expect(await page1(mod1, threadId)).toHaveLength(1);
    expect(await page1(bob, threadId)).toHaveLength(0);
    const item = await caseOf(postId);
    expect(item).toMatchObject({ held: true, holdReason: 'forum' });
    await expect(decideOn(mod1, { caseId: item.id }, { action: 'dismiss', ...reasons })).rejects.toMatchObject(notApplicable);
    await decideOn(mod1, { caseId: item.id }, { action: 'approve', ...reasons, ground: 'rules.no_violation' });
    await expect.poll(() => created(postId)).toBe(1);
    await listening.unlisten();
    // Nothing was announced while it was held: the one announcement is the approval's.
    expect(created(postId)).toBe(1);
    expect(await page1(bob, threadId)).toHaveLength(1);
    expect(await listed(bob)).toBe(true);
    await saveModerationSettings(mod1, { townId: townA, reviewFirstPosts: 0, premoderatedForums: [] });
  });

  it("a new member's first posts wait for review", async () => {
    const { userId: newcomerId } = await createUser({ label: 'newcomer' });
    await grantRole(newcomerId, townA, 'member');
    const newcomer = await actorOf(newcomerId);
    await saveModerationSettings(mod1, { townId: townA, reviewFirstPosts: 1, premoderatedForums: [] });
    const { threadId, postId } = await thread(newcomer, forum, 'Hello, I am new', 'First words.');
    expect(await postStatus(postId)).toBe('held');
    const item = await caseOf(postId);
    expect(item.holdReason).toBe('new_member');
    await decideOn(mod2, { caseId: item.id }, { action: 'approve', ...reasons, ground: 'rules.no_violation' });
    const { postId: second } = await createReply(newcomer, { townId: townA, threadId, body: doc('Second words.'), language: 'auto' });
    expect(await postStatus(second)).toBe('published');
    await saveModerationSettings(mod1, { townId: townA, reviewFirstPosts: 0, premoderatedForums: [] });
  });

  it('watched words block, hold or flag after normalisation; lists go out and come in as CSV', async () => {
    const words = { townId: townA };
    await expect(addWatchedWord(alice, { ...words, pattern: 'idiot', action: 'block' })).rejects.toMatchObject(notModerator);
    await addWatchedWord(mod1, { ...words, pattern: 'idiot*', action: 'block' });
    await addWatchedWord(mod1, { ...words, pattern: 'abschaum', action: 'hold' });
    await addWatchedWord(mod1, { ...words, pattern: 'lügner', action: 'flag' });
    await expect(addWatchedWord(mod1, { ...words, pattern: '*', action: 'block' })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'moderation:words.errors.onlyWildcard', field: 'pattern' });
    const { threadId } = await thread(bob, forum, 'Words', 'Plain start.');

    await expect(reply(bob, threadId, 'Ihr seid alle I.D.I.O.T.E.N')).rejects.toMatchObject({ code: 'invalid', i18nKey: 'moderation:errors.blockedWord', field: 'body' });
    const held = await reply(bob, threadId, 'So ein ABSCHAUM hier');
    expect(await postStatus(held.postId)).toBe('held');
    expect(await caseOf(held.postId)).toMatchObject({ holdReason: 'watched_word', watchedPattern: 'abschaum' });
    const flagged = await reply(bob, threadId, 'Der Bürgermeister ist ein Luegner');
    expect(await postStatus(flagged.postId)).toBe('published');
    const flaggedCase = await caseOf(flagged.postId);
    expect(flaggedCase).toMatchObject({ held: false, watchedPattern: 'lügner', reportCount: 1 });
    expect((await getCase(mod1, { townId: townA, caseId: flaggedCase.id })).reports[0]).toMatchObject({ automated: true });

    const csv = await exportWatchedWords(mod1, words);
    expect(csv).toContain('pattern,action');
    expect(csv).toContain('abschaum,hold');
    const result = await importWatchedWords(mod1, { ...words, csv: 'pattern;action\nvolksverräter;hold\nunknown;explode\n' });
    expect(result.imported).toBe(1);
    expect(result.errors).toEqual([{ line: 3, error: 'moderation:words.errors.unknownAction' }]);
    expect((await listWatchedWords(mod1, words)).map((w) => w.pattern)).toContain('volksverräter');
    await sql`delete from watched_words where municipality_id = ${townA}`;
  });

  it('a shielded official: replies in their threads and quotes of them wait for review, marked for moderators', async () => {
    await expect(setShield(alice, { townId: townA, on: true })).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'moderation:errors.notOfficial' });
    const { threadId, postId: opening } = await thread(official, forum, 'Budget 2027', 'Here is the draft budget.');
    expect(await postStatus(opening)).toBe('published');
    await setShield(official, { townId: townA, on: true });
    const shieldedReply = await reply(bob, threadId, 'Resign, you crook.');
    expect(await postStatus(shieldedReply.postId)).toBe('held');
    expect(await caseOf(shieldedReply.postId)).toMatchObject({ holdReason: 'shield', shielded: true });
    // In someone else's thread only a quote of the official waits.
    const { threadId: elsewhere } = await thread(carla, forum, 'Elsewhere', 'Another topic.');
    const officialsAnswer = await reply(official, elsewhere, 'Let me answer here.');
    const unrelated = await reply(bob, elsewhere, 'Look what she wrote.');
    expect(await postStatus(unrelated.postId)).toBe('published');
    const quoted = await reply(bob, elsewhere, 'Quoting her.', { quotedPostId: officialsAnswer.postId });
    expect(await postStatus(quoted.postId)).toBe('held');
    expect(await caseOf(quoted.postId)).toMatchObject({ holdReason: 'shield', shielded: true });
    // The official's own replies are not held.
    expect(await postStatus((await reply(official, threadId, 'Thank you all.')).postId)).toBe('published');
    await setShield(official, { townId: townA, on: false });
    expect(await postStatus((await reply(bob, threadId, 'Fine now.')).postId)).toBe('published');
  });
});

describe('audit log and transparency', () => {
  it('audit rows cannot be changed or deleted, not even by the application', async () => {
    const { rows } = await listAudit(mod1, { townId: townA });
    expect(rows.length).toBeGreaterThan(5);
    const id = rows[0].id;
    await expect(sql`update moderation_audit_log set action = 'nothing' where id = ${id}`).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from moderation_audit_log where id = ${id}`).rejects.toThrow(/cannot be changed/);
    await expect(sql`truncate moderation_audit_log`).rejects.toThrow(/cannot be changed/);
    const [{ n }] = await sql`select count(*)::int as n from moderation_audit_log where id = ${id}`;
    expect(n).toBe(1);
  });

  it('moderators and town admins filter the log by action and moderator', async () => {
    const hides = await listAudit(admin, { townId: townA, action: 'hide' });
    expect(hides.rows.length).toBeGreaterThan(0);
    expect(hides.rows.every((row) => row.action === 'hide')).toBe(true);
    const byMod2 = await listAudit(mod1, { townId: townA, moderator: 'mod2' });
    expect(byMod2.rows.length).toBeGreaterThan(0);
    expect(byMod2.rows.every((row) => row.actorName === 'mod2')).toBe(true);
    expect(hides.actions).toEqual(expect.arrayContaining(['claim', 'hide', 'report', 'appeal_reversed']));
    // Town B's log holds nothing of town A.
    expect((await listAudit(modB, { townId: townB })).rows.every((row) => row.action !== 'hide')).toBe(true);
  });

  it('the public report counts notices, actions, appeals and reversals per month, without personal data', async () => {
    const [month] = await transparencyReport(null, { townId: townA });
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
