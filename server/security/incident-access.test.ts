/**
 * The incident log's readability rule over HTTP, for every kind of viewer, against the production server: an
 * official's incident exists only for that official — its page, chain check, correction form, case file and
 * actions answer everyone else (town admin, moderator, organiser, member, author, another town's member, the
 * network team) as for something that does not exist, guests are sent to sign in, and no answer contains its
 * text. Another official of the same town (one marked by the admin) is a stranger to it too. A trust person
 * named later reads it, its original and its case file; revoked, none of it any more. The counts page shows
 * numbers only. The incident log has no socket surface: no event reaches any socket, of any viewer in any room
 * it may join, while the official writes to the log or secures a post.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { settings } from '#app/env.server';
import { incidentKeys } from '#app/domain/incidents/keys.server';
import { addAttachments } from '#app/domain/incidents/incidents.server';
import { markOfficial } from '#app/domain/municipalities/members.server';
import { createReply } from '#app/domain/posting/posting.server';
import { actorOf, grantRole } from '../../db/testing/factories';
import type { ServerProcess } from '../testing/live';
import { createPerson, createScenario, marker, newSessionCookie, VIEWERS, type Person, type Scenario, type Viewer } from './scenario';
import { emitWithAck, get, post, SocketClients, startSecurityServer } from './support';

let server: ServerProcess;
let scenario: Scenario;
/** A second official of town A: a member the admin marked as official, with an incident log of their own. */
let otherOfficial: Person;
const clients = new SocketClients();
const ORIGINAL = Buffer.from('%PDF-1.4\n% scenario letter\n');

beforeAll(async () => {
  scenario = await createScenario('inc');
  await incidentKeys();
  await addAttachments(await actorOf(scenario.people.official.userId), {
    incidentId: scenario.incident.id, townId: scenario.townA.id, caption: 'Scan of the letter',
    files: [{ name: 'brief.pdf', mediaType: 'application/pdf', bytes: ORIGINAL }],
  });
  otherOfficial = await createPerson('second-official');
  await grantRole(otherOfficial.userId, scenario.townA.id, 'member');
  await markOfficial(await actorOf(scenario.people.admin.userId), { townId: scenario.townA.id, userId: otherOfficial.userId, official: true });
  otherOfficial.cookie = await newSessionCookie(otherOfficial.userId);
  // The server process reads the keys this test process sealed the scenario's incident with.
  const { encryptionKeyFile, signingKeyFile } = settings().incidents;
  server = await startSecurityServer({
    INCIDENT_ENCRYPTION_KEYS: fs.readFileSync(encryptionKeyFile!, 'utf8').trim(),
    INCIDENT_SIGNING_KEY_FILE: signingKeyFile!,
  });
}, 120_000);

afterAll(async () => {
  clients.closeAll();
  await server?.stop();
});

const base = () => `/towns/${scenario.townA.slug}/incidents/${scenario.incident.id}`;
/** The attachment is the incident's second record (the first is the incident itself). */
const original = () => `${base()}/attachments/2`;
const paths = () => [base(), `${base()}/verify`, `${base()}/revise`, `${base()}/case-file.zip`, original()];
type Reader = Viewer | 'other official';
const READERS: Reader[] = [...VIEWERS, 'other official'];
const cookieOf = (viewer: Reader) => (viewer === 'other official' ? otherOfficial.cookie : scenario.cookies[viewer]);

describe('an incident over HTTP', () => {
  it('is there for its official: page, chain check, correction form, case file, original', async () => {
    for (const path of paths()) {
      const answer = await get(server.url, path, { cookie: cookieOf('official') });
      expect(answer.status, path).toBe(200);
      if (path === base() || path.endsWith('/revise')) expect(answer.body, path).toContain(scenario.incident.marker);
      expect(answer.headers.get('cache-control'), path).toContain('no-store');
    }
    const zip = await get(server.url, `${base()}/case-file.zip`, { cookie: cookieOf('official') });
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const file = await fetch(new URL(original(), server.url), { headers: { cookie: cookieOf('official')! } });
    expect(Buffer.from(await file.arrayBuffer())).toEqual(ORIGINAL);
    expect(file.headers.get('content-disposition')).toContain('attachment');
  });

  it.each(READERS.filter((v) => v !== 'official'))('does not exist for %s (no page, no action, no text)', async (viewer) => {
    const cookie = cookieOf(viewer);
    for (const path of [...paths(), `/towns/${scenario.townA.slug}/incidents`]) {
      const answer = await get(server.url, path, { cookie });
      expect(answer.body, `${viewer} ${path}`).not.toContain(scenario.incident.marker);
      if (path.endsWith('/incidents')) continue; // the list page exists, empty
      if (viewer === 'guest') expect(answer.status, path).toBe(302);
      else expect(answer.status, `${viewer} ${path}`).toBe(404);
    }
    const action = await post(server.url, `${base()}?index`, { intent: 'follow-up', status: 'closed', at: '2026-03-02T10:00' }, { cookie });
    expect(action.status, `${viewer} POST`).toBe(viewer === 'guest' ? 302 : 404);
    const revise = await post(server.url, `${base()}/revise`, { description: 'x' }, { cookie });
    expect(revise.status, `${viewer} POST revise`).toBe(viewer === 'guest' ? 302 : 404);
    const [{ count }] = await sql`select count(*)::int from incident_records where incident_id = ${scenario.incident.id}`;
    expect(count).toBe(2);
  });

  it('counts: numbers for the town admin and the network team, refused for everyone else', async () => {
    for (const viewer of READERS) {
      const answer = await get(server.url, `/towns/${scenario.townA.slug}/incidents/counts`, { cookie: cookieOf(viewer) });
      expect(answer.body).not.toContain(scenario.incident.marker);
      const expected = viewer === 'admin' || viewer === 'network' ? 200 : viewer === 'guest' ? 302 : 403;
      expect(answer.status, viewer).toBe(expected);
    }
  });

  it('a trust person reads it, and no longer once revoked', async () => {
    const member = scenario.people.member;
    const added = await post(server.url, `/towns/${scenario.townA.slug}/incidents/trust`, { intent: 'add', email: member.email }, { cookie: cookieOf('official') });
    expect(added.status).toBe(302);
    const read = await get(server.url, base(), { cookie: cookieOf('member') });
    expect(read.status).toBe(200);
    expect(read.body).toContain(scenario.incident.marker);
    for (const path of [`${base()}/case-file.zip`, `${base()}/verify`, original()]) expect((await get(server.url, path, { cookie: cookieOf('member') })).status, path).toBe(200);
    // Reading is not changing: the correction form stays the official's.
    expect((await get(server.url, `${base()}/revise`, { cookie: cookieOf('member') })).status).toBe(403);
    const [trust] = await sql`select id from incident_trust_persons where trustee_id = ${member.userId} and revoked_at is null`;
    const revoked = await post(server.url, `/towns/${scenario.townA.slug}/incidents/trust`, { intent: 'revoke', trustId: String(trust.id) }, { cookie: cookieOf('official') });
    expect(revoked.status).toBe(302);
    for (const path of paths()) {
      const after = await get(server.url, path, { cookie: cookieOf('member') });
      expect(after.status, `revoked ${path}`).toBe(404);
      expect(after.body).not.toContain(scenario.incident.marker);
    }
    // The official sees who read it.
    expect((await get(server.url, base(), { cookie: cookieOf('official') })).body).toContain(member.displayName);
  });
});

describe('the incident log and sockets', () => {
  it('sends nothing to any socket while the official writes to the log and secures a post; there is no incident event to join', async () => {
    const heard: { viewer: Reader; event: string; payload: string }[] = [];
    const inThread: Reader[] = [];
    const unanswered: Promise<string | null>[] = [];
    for (const viewer of READERS) {
      const socket = await clients.open(server.url, cookieOf(viewer));
      socket.onAny((event: string, ...args: unknown[]) => heard.push({ viewer, event, payload: JSON.stringify(args) }));
      // Every room the viewer may join: the thread of the secured post, its forum, the town, the moderation queue.
      if ((await emitWithAck(socket, 'thread:join', { threadId: scenario.threads.open, lastSeenPosition: 1 })).ok) inThread.push(viewer);
      await emitWithAck(socket, 'forum:join', { forumId: scenario.forums.talk.id });
      await emitWithAck(socket, 'queue:join', { townId: scenario.townA.id });
      unanswered.push(...['incident:join', 'incidents:join', 'incident:subscribe'].map((event) => emitWithAck(socket, event, { incidentId: scenario.incident.id, townId: scenario.townA.id }, 500).then(() => `${viewer} ${event}`, () => null)));
    }
    // No handler answers an incident event: every one of them times out.
    expect((await Promise.all(unanswered)).filter(Boolean)).toEqual([]);
    expect(inThread.length).toBeGreaterThan(3);

    const secret = marker('socketsecret');
    const official = { cookie: cookieOf('official') };
    const followUp = await post(server.url, `${base()}?index`, { intent: 'follow-up', status: 'recorded', at: '2026-03-02T10:00', note: `Rückruf ${secret}` }, official);
    expect(followUp.status).toBe(302);
    const secured = await post(server.url, `/towns/${scenario.townA.slug}/posts/${scenario.published.reply.postId}/secure`, { incident: String(scenario.incident.id), kind: 'insult', note: `Gesichert ${secret}` }, official);
    expect(secured.status).toBe(302);
    const [{ count }] = await sql`select count(*)::int from incident_records where incident_id = ${scenario.incident.id} and kind = 'evidence_snapshot'`;
    expect(count).toBe(1);

    // A barrier: a reply after the writes reaches every socket in the thread, so anything sent before it has arrived too.
    const barrier = marker('barrier');
    await createReply(await actorOf(scenario.people.reporter.userId), { townId: scenario.townA.id, threadId: scenario.threads.open, body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: barrier }] }] }), language: 'de' });
    await expect.poll(() => inThread.every((viewer) => heard.some((h) => h.viewer === viewer && h.payload.includes(barrier))), { timeout: 10_000 }).toBe(true);

    expect(heard.filter((h) => h.event.startsWith('incident') || h.payload.includes(secret) || h.payload.includes(scenario.incident.marker))).toEqual([]);
  });
});
