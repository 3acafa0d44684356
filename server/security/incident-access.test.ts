/**
 * The incident log's readability rule over HTTP, for every kind of viewer, against the production server: an
 * official's incident exists only for that official — its page, chain check, correction form, case file and
 * actions answer everyone else (town admin, moderator, organiser, member, author, another town's member, the
 * network team) as for something that does not exist, guests are sent to sign in, and no answer contains its
 * text. A trust person named later reads it; revoked, not any more. The counts page shows numbers only.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { settings } from '#app/env.server';
import { incidentKeys } from '#app/domain/incidents/keys.server';
import type { ServerProcess } from '../testing/live';
import { createScenario, VIEWERS, type Scenario, type Viewer } from './scenario';
import { get, post, startSecurityServer } from './support';

let server: ServerProcess;
let scenario: Scenario;

beforeAll(async () => {
  scenario = await createScenario('inc');
  await incidentKeys();
  // The server process reads the keys this test process sealed the scenario's incident with.
  const { encryptionKeyFile, signingKeyFile } = settings().incidents;
  server = await startSecurityServer({
    INCIDENT_ENCRYPTION_KEYS: fs.readFileSync(encryptionKeyFile!, 'utf8').trim(),
    INCIDENT_SIGNING_KEY_FILE: signingKeyFile!,
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const base = () => `/towns/${scenario.townA.slug}/incidents/${scenario.incident.id}`;
const paths = () => [base(), `${base()}/verify`, `${base()}/revise`, `${base()}/case-file.zip`];
const cookieOf = (viewer: Viewer) => scenario.cookies[viewer];

describe('an incident over HTTP', () => {
  it('is there for its official: page, chain check, correction form, case file', async () => {
    for (const path of paths()) {
      const answer = await get(server.url, path, { cookie: cookieOf('official') });
      expect(answer.status, path).toBe(200);
      if (!path.endsWith('.zip') && !path.endsWith('/verify')) expect(answer.body, path).toContain(scenario.incident.marker);
      expect(answer.headers.get('cache-control'), path).toContain('no-store');
    }
    const zip = await get(server.url, `${base()}/case-file.zip`, { cookie: cookieOf('official') });
    expect(zip.headers.get('content-type')).toBe('application/zip');
  });

  it.each(VIEWERS.filter((v) => v !== 'official'))('does not exist for %s (no page, no action, no text)', async (viewer) => {
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
    expect(count).toBe(1);
  });

  it('counts: numbers for the town admin and the network team, refused for everyone else', async () => {
    for (const viewer of VIEWERS) {
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
    expect((await get(server.url, `${base()}/case-file.zip`, { cookie: cookieOf('member') })).status).toBe(200);
    const [trust] = await sql`select id from incident_trust_persons where trustee_id = ${member.userId} and revoked_at is null`;
    const revoked = await post(server.url, `/towns/${scenario.townA.slug}/incidents/trust`, { intent: 'revoke', trustId: String(trust.id) }, { cookie: cookieOf('official') });
    expect(revoked.status).toBe(302);
    expect((await get(server.url, base(), { cookie: cookieOf('member') })).status).toBe(404);
    // The official sees who read it.
    expect((await get(server.url, base(), { cookie: cookieOf('official') })).body).toContain(member.displayName);
  });
});
