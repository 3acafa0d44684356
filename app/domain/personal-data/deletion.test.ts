/**
 * Account deletion against a real PostgreSQL: confirmation by password, sessions (and so sockets) ended at
 * once, 14 days to change one's mind, then erasure by the job — after which no text or JSON column of any
 * table holds the address, the display name or the account id, while other people's threads stay readable
 * and the audit log keeps a pseudonym.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/database/client.server';
import { BUS_CHANNEL } from '#app/domain/bus.server';
import type { BusMessage } from '#app/domain/bus';
import { loadActor } from '#app/domain/auth/actor.server';
import { listPostsPage } from '#app/domain/forums/posts.server';
import { getThread } from '#app/domain/forums/threads.server';
import { createReply, createThread } from '#app/domain/posting/posting.server';
import { fileReport } from '#app/domain/moderation/reports.server';
import { testClient } from '../../../db/testing/factories';
import { listAudit } from '#app/domain/moderation/audit.server';
import { transparencyReport } from '#app/domain/moderation/transparency.server';
import { createResident, createTownWithStaff, doc, whereItAppears, type Resident, type Town } from '../../../db/testing/personal-data-fixtures';
import { cancelDeletion, eraseAccount, eraseDueAccounts, pendingDeletion, requestDeletion } from './deletion.server';
import { GRACE_DAYS } from './schemas';

const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());
const events: BusMessage[] = [];

let town: Town;
let carla: Resident;
let alice: Resident;
let bruno: Resident;
const later = () => new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000);

beforeAll(async () => {
  await listener.listen(BUS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
  town = await createTownWithStaff('deletion-town');
  carla = await createResident(town, 'Carla Stays', undefined, { tag: 'resident C' });
  alice = await createResident(town, 'Alice Leaves-Keeps', carla, { tag: 'resident A' });
  bruno = await createResident(town, 'Bruno Leaves-Removes', carla, { tag: 'resident B' });
  // Alice and Bruno each write in a thread of the other, too.
  await createReply(alice.actor, { townId: town.townId, threadId: bruno.threadId, body: doc('resident A was here'), language: 'en' });
});

describe('asking for deletion', () => {
  it('needs the password; guests cannot', async () => {
    await expect(requestDeletion(alice.actor, { content: 'keep', currentPassword: 'not the password' })).rejects.toMatchObject({
      code: 'invalid', i18nKey: 'privacy:errors.wrongPassword', field: 'currentPassword',
    });
    await expect(requestDeletion(null, { content: 'keep', currentPassword: alice.password })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await pendingDeletion(alice.actor)).toBeNull();
  });

  it('ends every session at once (the listener then disconnects the sockets) and mails the date', async () => {
    expect((await sql`select count(*)::int as n from user_sessions where user_id = ${alice.userId}`)[0].n).toBeGreaterThan(0);
    const pending = await requestDeletion(alice.actor, { content: 'keep', currentPassword: alice.password });
    expect(pending.keepPosts).toBe(true);
    expect(pending.eraseAfter.getTime() - pending.requestedAt.getTime()).toBe(GRACE_DAYS * 86_400_000);
    expect((await sql`select count(*)::int as n from user_sessions where user_id = ${alice.userId}`)[0].n).toBe(0);
    await expect.poll(() => events.some((e) => e.type === 'session:revoked' && e.userId === alice.userId && e.sessionIds === 'all')).toBe(true);
    const [mail] = await sql`select subject from mail_outbox where recipient = ${alice.email} order by id desc limit 1`;
    expect(mail.subject).toContain('deleted');
    // Signing in during the grace period shows it (the root layout reads this).
    expect(await pendingDeletion(alice.actor)).toMatchObject({ keepPosts: true });
    expect(await pendingDeletion(bruno.actor)).toBeNull();
  });

  it('nothing happens before the grace period is over; cancelling keeps the account', async () => {
    expect(await eraseAccount({ userId: alice.userId })).toBe('skipped');
    expect(await eraseDueAccounts()).toBe(0);
    await requestDeletion(bruno.actor, { content: 'remove', currentPassword: bruno.password });
    await cancelDeletion(bruno.actor);
    expect(await pendingDeletion(bruno.actor)).toBeNull();
    expect(await eraseAccount({ userId: bruno.userId, asOf: later() })).toBe('skipped');
    expect(await loadActor(bruno.userId)).not.toBeNull();
    await expect(cancelDeletion(bruno.actor)).rejects.toMatchObject({ code: 'not_found' });
    const [job] = await sql`select count(*)::int as n from graphile_worker._private_jobs where key = ${`erase-account:${bruno.userId}`}`;
    expect(job.n).toBe(0);
  });
});

describe('erasure after the grace period', () => {
  let auditBefore: { id: number }[];
  let transparencyBefore: unknown;

  let soloThread: number;
  let reportedSoloThread: number;

  beforeAll(async () => {
    // Two threads only Bruno wrote in: one nobody reported, one reported by Carla.
    soloThread = (await createThread(bruno.actor, { townId: town.townId, forumId: town.forum.id, title: 'Only resident B here', body: doc('nobody else'), language: 'en' })).threadId;
    const reported = await createThread(bruno.actor, { townId: town.townId, forumId: town.forum.id, title: 'Reported, only resident B', body: doc('reported words'), language: 'en' });
    reportedSoloThread = reported.threadId;
    await fileReport(carla.actor, { townId: town.townId, postId: reported.postId, target: 'post', category: 'spam', explanation: 'Spam.', ...testClient() });
    auditBefore = await sql`select id from moderation_audit_log where subject_user_id = ${alice.userId} order by id`;
    transparencyBefore = await transparencyReport(null, { townId: town.townId });
    await requestDeletion(bruno.actor, { content: 'remove', currentPassword: bruno.password });
    const [job] = await sql`select run_at from graphile_worker._private_jobs where key = ${`erase-account:${alice.userId}`}`;
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + (GRACE_DAYS - 1) * 86_400_000);
    // The clock moves on: the sweep finds both.
    expect(await eraseDueAccounts({ asOf: later() })).toBe(2);
  });

  it('leaves the address, the display name and the account id in no text or JSON column of any table', async () => {
    for (const person of [alice, bruno]) {
      expect(await whereItAppears(person.email), person.email).toEqual([]);
      expect(await whereItAppears(person.displayName), person.displayName).toEqual([]);
      expect(await whereItAppears(person.userId), person.userId).toEqual([]);
      expect(await loadActor(person.userId)).toBeNull();
    }
    // Carla is untouched.
    expect(await whereItAppears(carla.email)).not.toEqual([]);
  });

  it('keeps posts under "former member" when asked, and others\' threads readable either way', async () => {
    const carlasThread = await listPostsPage(null, { threadId: carla.threadId, page: 1 });
    const byText = (text: string) => carlasThread.find((p) => (p.bodyHtml ?? '').includes(text));
    expect(byText('resident A answers too')).toMatchObject({ authorName: null, authorId: null });
    expect(carlasThread.find((p) => (p.bodyHtml ?? '').includes('resident B'))).toBeUndefined();
    expect(carlasThread.filter((p) => p.deleted).length).toBeGreaterThanOrEqual(1);
    expect(byText('Opening words by resident C')).toMatchObject({ authorName: 'Carla Stays' });
    // Alice's own thread stays, with Carla's answer in it.
    await expect(getThread(carla.actor, { townId: town.townId, threadId: alice.threadId })).resolves.toMatchObject({ title: 'Thread of resident A' });
    expect((await listPostsPage(carla.actor, { threadId: alice.threadId, page: 1 })).some((p) => (p.bodyHtml ?? '').includes('resident C answers'))).toBe(true);
    // Bruno's thread has replies of others: it stays, his posts are placeholders.
    const brunosThread = await listPostsPage(carla.actor, { threadId: bruno.threadId, page: 1 });
    expect(brunosThread.some((p) => (p.bodyHtml ?? '').includes('resident C answers'))).toBe(true);
    expect(brunosThread.some((p) => (p.bodyHtml ?? '').includes('resident A was here'))).toBe(true);
    const [left] = await sql`select count(*)::int as n from posts where thread_id = ${bruno.threadId} and body_text like '%resident B%'`;
    expect(left.n).toBe(0);
    // A thread only he wrote in goes; one that moderation has a case about stays (the report is the town's record).
    expect(await sql`select id from threads where id = ${soloThread}`).toEqual([]);
    expect((await sql`select id from threads where id = ${reportedSoloThread}`).length).toBe(1);
    expect((await sql`select count(*)::int as n from reports r join posts p on p.id = r.post_id where p.thread_id = ${reportedSoloThread}`)[0].n).toBe(1);
    // Readers of the open thread see the placeholder at once.
    await expect.poll(() => events.some((e) => e.type === 'post:deleted' && e.postId === bruno.postId)).toBe(true);
  });

  it('the audit log keeps one pseudonym for the erased account', async () => {
    const after = await sql`select subject_user_id from moderation_audit_log where id in ${sql(auditBefore.map((r) => r.id))}`;
    expect(after.length).toBe(auditBefore.length);
    const pseudonyms = new Set(after.map((r) => r.subjectUserId));
    expect(pseudonyms.size).toBe(1);
    expect([...pseudonyms][0]).toMatch(/^former-/);
    // The moderator who acted is still named.
    expect((await sql`select count(*)::int as n from moderation_audit_log where actor_id = ${town.moderator.userId}`)[0].n).toBeGreaterThan(0);
  });

  it('an erased moderator stays one person in the audit log, under a pseudonym', async () => {
    const moderator = town.moderator;
    const before = await sql`select id from moderation_audit_log where actor_id = ${moderator.userId}`;
    expect(before.length).toBeGreaterThan(3);
    await sql`update users set password_hash = (select password_hash from users where id = ${carla.userId}) where id = ${moderator.userId}`;
    await requestDeletion(moderator, { content: 'keep', currentPassword: carla.password });
    expect(await eraseAccount({ userId: moderator.userId, asOf: later() })).toBe('erased');
    const rows = await sql`select actor_id, actor_pseudonym from moderation_audit_log where id in ${sql(before.map((r) => r.id))}`;
    expect(rows.length).toBe(before.length);
    expect(new Set(rows.map((r) => r.actorPseudonym)).size).toBe(1);
    expect(rows.every((r) => r.actorId === null)).toBe(true);
    // Its readers see one pseudonym where the name was.
    const { rows: shown } = await listAudit(town.admin, { townId: town.townId });
    expect(new Set(shown.filter((r) => before.some((b) => b.id === r.id)).map((r) => r.actorName))).toEqual(new Set([rows[0].actorPseudonym]));
    // The database still refuses any other change to the log.
    await expect(sql`update moderation_audit_log set subject_user_id = 'someone' where id = ${auditBefore[0].id}`).rejects.toThrow(/cannot be changed/);
  });

  it('leaves the public transparency figures as they were', async () => {
    expect(await transparencyReport(null, { townId: town.townId })).toEqual(transparencyBefore);
  });

  it('is counted per town, without a reference to anyone', async () => {
    const [row] = await sql`select count(*)::int as n from personal_data_events where kind = 'deletion' and municipality_id = ${town.townId}`;
    expect(row.n).toBe(3);
  });
});
