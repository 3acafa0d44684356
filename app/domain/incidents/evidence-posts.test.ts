/**
 * Securing posts as evidence on a real PostgreSQL: a frozen snapshot with the thread around it, also of
 * hidden and deleted posts, unchanged by later edits; who may secure (officials into their own log,
 * moderators for an official; everyone else: not found); the shield link (shield on and the post reported).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { createForum, getForum, type ForumView } from '#app/domain/forums/forums.server';
import { isShielded } from '#app/domain/moderation/settings.server';
import { createReply, createThread, deletePost, editPost } from '#app/domain/posting/posting.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam, testClient } from '../../../db/testing/factories';
import type { EvidenceSnapshotContent } from './evidence/record-content';
import { securablePost, securePost, shieldAndReport } from './evidence-posts.server';
import { getIncident, recordIncident, verifyIncidentChain } from './incidents.server';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

let town: number;
let otherTown: number;
let forum: ForumView;
let official: Actor;
let official2: Actor;
let moderator: Actor;
let author: Actor;
let member: Actor;
let network: Actor;
let foreignModerator: Actor;
let threadId: number;
let before: number;
let target: number;
let after: number;

beforeAll(async () => {
  town = await createTownDirectly('secure-town');
  otherTown = await createTownDirectly('secure-other');
  await sql`update municipalities set posts_per_window = 1000`;
  const people = await Promise.all(['official', 'official2', 'mod', 'author', 'member', 'net', 'foreignmod'].map((label) => createUser({ label })));
  await grantRole(people[0].userId, town, 'official');
  await grantRole(people[1].userId, town, 'official');
  await grantRole(people[2].userId, town, 'moderator');
  await grantRole(people[3].userId, town, 'member');
  await grantRole(people[4].userId, town, 'member');
  await makeNetworkTeam(people[5].userId);
  await grantRole(people[6].userId, otherTown, 'moderator');
  [official, official2, moderator, author, member, network, foreignModerator] = await Promise.all(people.map((p) => actorOf(p.userId)));
  await createForum(network, { townId: town, slug: 'talk', name: 'Talk', description: '', position: 0, staffOnlyPosting: false, nameTranslations: {}, descriptionTranslations: {} });
  forum = await getForum(null, { townId: town, slug: 'talk', language: 'en' });
  const opening = await createThread(member, { townId: town, forumId: forum.id, title: 'Haushalt 2026', body: doc('Was kostet das neue Bad?'), language: 'auto' });
  threadId = opening.threadId;
  before = opening.postId;
  target = (await createReply(author, { townId: town, threadId, body: doc('Wir wissen, wo die Bürgermeisterin wohnt.'), language: 'auto' })).postId;
  after = (await createReply(member, { townId: town, threadId, body: doc('Das geht zu weit!'), language: 'auto' })).postId;
});

const snapshotOf = async (actor: Actor, incidentId: number) => (await getIncident(actor, { incidentId })).snapshots[0].content as EvidenceSnapshotContent;

describe('securing a post', () => {
  it('freezes the post with the thread around it; later edits and deletion do not change it', async () => {
    const { incidentId } = await securePost(official, { townId: town, postId: target, incident: 'new', kind: 'threat', note: 'Drohung im Forum' });
    expect(incidentId).not.toBeNull();
    await editPost(author, { townId: town, postId: target, body: doc('Alles nur Spaß.'), language: 'auto' });
    await deletePost(author, { townId: town, postId: target });
    const snapshot = await snapshotOf(official, incidentId!);
    expect(snapshot).toMatchObject({
      threadTitle: 'Haushalt 2026',
      capturedBy: official.displayName,
      url: expect.stringMatching(new RegExp(`/posts/${target}$`)),
      post: { author: author.displayName, text: 'Wir wissen, wo die Bürgermeisterin wohnt.' },
    });
    expect(snapshot.context.map((p) => p.text)).toEqual(['Was kostet das neue Bad?', 'Das geht zu weit!']);
    const view = await getIncident(official, { incidentId: incidentId! });
    expect(view.current).toMatchObject({ channel: 'platform_forum', kind: 'threat', description: 'Drohung im Forum' });
    expect(view.timeline.map((e) => e.kind)).toEqual(['incident_revision', 'evidence_snapshot']);
    expect(await verifyIncidentChain(official, { incidentId: incidentId! })).toMatchObject({ intact: true });
  });

  it('secures a deleted or hidden post too, into an existing incident', async () => {
    const { incidentId } = await recordIncident(official, {
      townId: town, occurredAt: null, foundAt: '2026-03-01T10:00', foundBy: 'x', channel: 'platform_forum', kind: 'insult', severity: 'low',
      description: 'Beleidigungen im Forum', contentUrls: [], author: null, authorProfileUrl: null,
    });
    await sql`update posts set status = 'hidden' where id = ${after}`;
    await securePost(official, { townId: town, postId: after, incident: incidentId, note: null });
    await securePost(official, { townId: town, postId: target, incident: incidentId, note: null }); // edited and deleted before
    const view = await getIncident(official, { incidentId });
    // The deleted post is secured as it was last stored (its edit); the first snapshot above kept the original.
    expect(view.snapshots.map((s) => s.content.post.text)).toEqual(['Das geht zu weit!', 'Alles nur Spaß.']);
    expect(view.snapshots.map((s) => s.postId)).toEqual([after, target]);
    // Not into someone else's incident.
    await expect(securePost(official2, { townId: town, postId: after, incident: incidentId, note: null })).rejects.toMatchObject({ code: 'not_found' });
    await sql`update posts set status = 'published' where id = ${after}`;
  });

  it('a moderator secures for an official: a new incident in that log, which the moderator cannot read', async () => {
    const page = await securablePost(moderator, { townId: town, postId: before });
    expect(page.officials.map((o) => o.userId)).toEqual(expect.arrayContaining([official.userId, official2.userId]));
    const { incidentId } = await securePost(moderator, { townId: town, postId: before, incident: 'new', kind: 'insult', forOfficial: official2.userId, note: null });
    expect(incidentId).toBeNull();
    const [row] = await sql`select id from incidents where owner_id = ${official2.userId} order by id desc limit 1`;
    const snapshot = await snapshotOf(official2, Number(row.id));
    expect(snapshot).toMatchObject({ capturedBy: moderator.displayName, post: { text: 'Was kostet das neue Bad?' } });
    await expect(getIncident(moderator, { incidentId: Number(row.id) })).rejects.toMatchObject({ code: 'not_found' });
    await expect(securePost(moderator, { townId: town, postId: before, incident: 'new', forOfficial: member.userId, note: null })).rejects.toMatchObject({ code: 'invalid', field: 'forOfficial' });
  });

  it('residents, the network team, moderators of another town and guests: not found', async () => {
    for (const actor of [author, member, network, foreignModerator]) {
      await expect(securablePost(actor, { townId: town, postId: before })).rejects.toMatchObject({ code: 'not_found' });
      await expect(securePost(actor, { townId: town, postId: before, incident: 'new', note: null })).rejects.toMatchObject({ code: 'not_found' });
    }
    await expect(securePost(null, { townId: town, postId: before, incident: 'new', note: null })).rejects.toMatchObject({ code: 'unauthenticated' });
    // A post of another town through this town's address.
    await expect(securablePost(official, { townId: otherTown, postId: before })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the shield link', () => {
  it('switches on the shield and reports the post in one step', async () => {
    const fresh = (await createReply(author, { townId: town, threadId, body: doc('Noch eine Drohung.'), language: 'auto' })).postId;
    const { incidentId } = await securePost(official, { townId: town, postId: fresh, incident: 'new', kind: 'threat', note: null });
    const view = await getIncident(official, { incidentId: incidentId! });
    expect(await isShielded(official, { townId: town })).toBe(false);
    const result = await shieldAndReport(official, { incidentId: incidentId!, sequence: view.snapshots[0].sequence, ...testClient() });
    expect(result.reported).toBe(true);
    expect(await isShielded(official, { townId: town })).toBe(true);
    const [report] = await sql`select category from reports where post_id = ${fresh} and reporter_id = ${official.userId}`;
    expect(report.category).toBe('threat');
    await expect(shieldAndReport(official2, { incidentId: incidentId!, sequence: view.snapshots[0].sequence, ...testClient() })).rejects.toMatchObject({ code: 'not_found' });
  });
});
