/**
 * The self-check's access rules over HTTP against the production server, for every kind of viewer: pages,
 * CSV exports and actions of town A's rounds and of the network's pages (decision 017). A respondent's
 * comment carries a marker, so `.includes(marker)` on every answer proves single answers reach nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../testing/live';
import { createScenario, VIEWERS, type Scenario, type Viewer } from './scenario';
import { get, post, startSecurityServer, type Answer } from './support';

let server: ServerProcess;
let scenario: Scenario;

beforeAll(async () => {
  scenario = await createScenario('scs');
  server = await startSecurityServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const STAFF: Viewer[] = ['moderator', 'organiser', 'official', 'admin'];
const MEMBERS: Viewer[] = ['member', 'author', ...STAFF];
/** What a viewer gets: 200, 'login' (redirect to sign-in), 403 or 404. */
type Expected = 200 | 'login' | 403 | 404;

const outcome = (answer: Answer): Expected | number => (answer.status === 302 && answer.location?.startsWith('/login') ? 'login' : answer.status);

/** Town pages: guests sign in first, people of other towns (and the network team, who is no member) get 403. */
const townRule = (viewer: Viewer, forMembers: (viewer: Viewer) => Expected): Expected =>
  viewer === 'guest' ? 'login' : viewer === 'outsider' || viewer === 'network' ? 403 : forMembers(viewer);

const town = (rest: string) => `/towns/${scenario.townA.slug}/selfcheck${rest}`;
const rules: { path: () => string; expected: (viewer: Viewer) => Expected }[] = [
  { path: () => town(''), expected: (v) => townRule(v, () => 200) },
  { path: () => town(`/rounds/${scenario.selfcheck.openRoundId}`), expected: (v) => townRule(v, (m) => (m === 'admin' ? 200 : 403)) },
  { path: () => town(`/rounds/${scenario.selfcheck.closedRoundId}`), expected: (v) => townRule(v, (m) => (m === 'admin' ? 200 : 403)) },
  // Only the invited respondent reaches their questionnaire; for everyone else in the town it does not exist.
  { path: () => town(`/rounds/${scenario.selfcheck.openRoundId}/answer`), expected: (v) => townRule(v, (m) => (m === 'author' ? 200 : 404)) },
  { path: () => town(`/rounds/${scenario.selfcheck.closedRoundId}/answer`), expected: (v) => townRule(v, (m) => (m === 'author' || m === 'member' ? 200 : 404)) },
  // Results: staff and respondents of the town, and the network team (aggregates); an open round has none.
  ...['/results', '/results.csv'].flatMap((suffix) => [
    { path: () => town(`/rounds/${scenario.selfcheck.closedRoundId}${suffix}`), expected: (v: Viewer): Expected => (v === 'guest' ? 'login' : v === 'outsider' ? 403 : 200) },
    { path: () => town(`/rounds/${scenario.selfcheck.openRoundId}${suffix}`), expected: (v: Viewer): Expected => (v === 'guest' ? 'login' : v === 'outsider' ? 403 : 404) },
  ]),
  ...['/network/selfcheck', '/network/selfcheck/advice', '/network/selfcheck/participation.csv', '/network/selfcheck/questionnaires'].map((path) => ({
    path: () => path,
    expected: (v: Viewer): Expected => (v === 'guest' ? 'login' : v === 'network' ? 200 : 403),
  })),
];

describe.each(VIEWERS)('as %s', (viewer) => {
  it('every self-check page and export answers as the rules say, and no one reads another person’s answers', async () => {
    const cookie = scenario.cookies[viewer];
    const problems: string[] = [];
    for (const rule of rules) {
      const path = rule.path();
      const answer = await get(server.url, path, { cookie });
      const expected = rule.expected(viewer);
      if (outcome(answer) !== expected) problems.push(`${path}: ${outcome(answer)}, expected ${expected}`);
      const own = viewer === 'member' || viewer === 'author' ? (viewer === 'member' ? scenario.selfcheck.memberComment : scenario.selfcheck.authorComment) : null;
      // The closed round's results show the town's staff every comment, without names.
      const staffReadsComments = STAFF.includes(viewer) && path.endsWith(`/rounds/${scenario.selfcheck.closedRoundId}/results`);
      for (const comment of [scenario.selfcheck.memberComment, scenario.selfcheck.authorComment]) {
        // A respondent's own comment appears on their own questionnaire; others' only for staff, on the results.
        const allowed = (comment === own && path.endsWith('/answer')) || staffReadsComments;
        if (answer.body.includes(comment) && !allowed) problems.push(`${path}: shows a respondent's comment`);
        if (staffReadsComments && !answer.body.includes(comment)) problems.push(`${path}: lacks a comment the town's staff should read`);
      }
      // Never a respondent's name next to it (the closed round's results name nobody).
      if (path.includes('/results') && [scenario.people.member, scenario.people.author].some((p) => answer.body.includes(p.email))) problems.push(`${path}: names a respondent`);
    }
    expect(problems).toEqual([]);
  });

  it('may run the round only as the town admin', async () => {
    const cookie = scenario.cookies[viewer];
    // The admin is not made to close the open round: the other viewers' checks need it open.
    const close = viewer === 'admin' ? null : await post(server.url, town(`/rounds/${scenario.selfcheck.openRoundId}`), { intent: 'close-round', confirm: 'on' }, { cookie });
    const invite = await post(server.url, town(`/rounds/${scenario.selfcheck.openRoundId}`), { intent: 'invite', userIds: scenario.people.member.userId }, { cookie });
    const advice = await post(
      server.url,
      town(`/rounds/${scenario.selfcheck.closedRoundId}/results`),
      { intent: 'request-advice', dimensionKey: 'fuehrung-strategie', preferredFormat: 'phone', message: 'Bitte um einen Rückruf.' },
      { cookie },
    );
    const expected = townRule(viewer, (m) => (m === 'admin' ? 200 : 403));
    for (const [what, answer] of [['invite', invite], ['advice', advice]] as const) {
      expect(outcome(answer) === 302 ? 200 : outcome(answer), what).toBe(expected);
    }
    if (close) expect(outcome(close), 'close').toBe(expected);
  });

  it('answers only as an invited respondent of an open round', async () => {
    const cookie = scenario.cookies[viewer];
    const answer = await post(server.url, town(`/rounds/${scenario.selfcheck.openRoundId}/answer`), { intent: 'save', 'answers.ratsbeschluss-leitbild.value': '5' }, { cookie });
    const expected = townRule(viewer, (m) => (m === 'author' ? 200 : 404));
    expect(outcome(answer) === 302 ? 200 : outcome(answer)).toBe(expected);
  });
});

describe('editing the questionnaire', () => {
  const edit = (cookie: string | null, content: string) => post(server.url, '/network/selfcheck/questionnaires', { intent: 'publish', content }, { cookie });

  it('publishes an edit as a new version, for the network team only, and refuses broken questionnaires with a message', async () => {
    const page = await get(server.url, '/network/selfcheck/questionnaires', { cookie: scenario.cookies.network });
    const json = page.body.match(/<textarea[^>]*name="content"[^>]*>([\s\S]*?)<\/textarea>/)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;/g, "'");
    const template = JSON.parse(json);
    for (const viewer of VIEWERS.filter((v) => v !== 'network')) {
      expect(outcome(await edit(scenario.cookies[viewer], json)), viewer).toBe(viewer === 'guest' ? 'login' : 403);
    }
    const broken = await edit(scenario.cookies.network, '{"templateKey": "weltoffene-kommune"');
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('This is not valid JSON.');
    const invalid = await edit(scenario.cookies.network, JSON.stringify({ ...template, dimensions: [] }));
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('A questionnaire needs at least one field of action.');
    template.title = { ...template.title, de: 'Selbstcheck (überarbeitet)', en: 'Self-check (revised)' };
    const published = await edit(scenario.cookies.network, JSON.stringify(template));
    expect(published.status).toBe(302);
    expect(published.location).toBe('/network/selfcheck/questionnaires?published=2');
    // The rounds opened on version 1 keep it: the open round's questionnaire is unchanged.
    const round = await get(server.url, town(`/rounds/${scenario.selfcheck.openRoundId}/answer`), { cookie: scenario.cookies.author });
    expect(round.body).toContain('Self-check: an open and welcoming municipality');
    expect(round.body).not.toContain('Self-check (revised)');
  });
});

