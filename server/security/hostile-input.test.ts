/**
 * No input of any shape or size makes the production server answer 5xx or stall. Every route of the build is
 * walked (so a route added later is covered without touching this file), as a guest and as a signed-in member,
 * with real and hostile route params, hostile query strings, every intent its action accepts in every body shape
 * a client can send, and bodies far too large to be read whole. After each route, /healthz answers within 2 s.
 *
 * Also: sign-in never redirects off-site whatever `redirectTo` holds, and a rejected form does not echo an
 * oversized value back.
 *
 * A body that keeps the server's event loop busy (it cannot answer /healthz in time) stalls the server: it is
 * then restarted on the same database so the other routes can still be checked. After MAX_STALLS such restarts
 * (per kind of oversized body) the remaining checks of that kind fail at once, naming the stall, instead of
 * stalling the server again — so the file stays well under a minute even while the hole is open.
 */
import fs from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_ENTRY, buildIfStale } from '../build';
import type { ServerProcess } from '../testing/live';
import { createScenario, restoreMember, type Scenario } from './scenario';
import { get, healthLatency, healthyWithin, mapLimit, post, request, slowestHealthDuring, startSecurityServer, type Answer } from './support';

await buildIfStale(() => {});
const build = (await import(pathToFileURL(BUILD_ENTRY).href)) as ServerBuild;

interface RouteUnderTest {
  id: string;
  /** The URL pattern, e.g. /towns/:slug/threads/:threadId */
  path: string;
  params: string[];
  index: boolean;
  hasAction: boolean;
  /** Intent values the action reads (from its source), plus `null`: no intent field. */
  intents: (string | null)[];
  /** Field names the route's source mentions. */
  fields: string[];
}

function fullPath(id: string): string {
  const segments: string[] = [];
  let route: (typeof build.routes)[string] | undefined = build.routes[id];
  while (route) {
    if (route.path) segments.unshift(route.path);
    route = route.parentId ? build.routes[route.parentId] : undefined;
  }
  return `/${segments.join('/')}`;
}

const sourceOf = (id: string) => fs.readFileSync(id === 'root' ? 'app/root.tsx' : `app/${id}.tsx`, 'utf8');

/** Every intent value the route's module names: comparisons, zod literals and enums, and its forms' intent buttons. */
function intentsIn(source: string): string[] {
  const found = new Set<string>();
  const collect = (pattern: RegExp, group = 1) => {
    for (const match of source.matchAll(pattern)) for (const value of match[group].matchAll(/'([^']+)'|"([^"]+)"/g)) found.add(value[1] ?? value[2]);
  };
  collect(/intent\s*===\s*('[^']+')/g);
  collect(/get\('intent'\)\s*===\s*('[^']+')/g);
  collect(/intent:\s*z\.literal\(('[^']+')\)/g);
  collect(/intent:\s*z\.enum\(\[([^\]]*)\]\)/g);
  collect(/name="intent"\s+value=("[^"]+")/g);
  collect(/name="intent"\s+value=\{([^}]*)\}/g);
  return [...found].sort();
}

const ROUTES: RouteUnderTest[] = Object.entries(build.routes)
  .map(([id, route]) => {
    const path = fullPath(id);
    const source = sourceOf(id);
    return {
      id,
      path,
      params: path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1)),
      index: !!route.index,
      hasAction: !!route.module.action,
      intents: [...intentsIn(source), null],
      fields: [...new Set([...source.matchAll(/name="([A-Za-z][\w-]*)"/g), ...source.matchAll(/formData\.get(?:All)?\('([^']+)'\)/g)].map((m) => m[1]))],
    };
  })
  .filter((route) => route.id !== 'root')
  .sort((a, b) => a.path.localeCompare(b.path));

/** Hostile route params (URL-safe already). Numbers that no id column holds go to id params (`…Id`); every param gets the rest. */
const HOSTILE_NUMBERS = ['99999999999999999999', '1e400', '1.5', '-1', '0'];
const HOSTILE_STRINGS = ['%00', '%FF', 'abc', 'x'.repeat(5000), encodeURIComponent('Привет-مرحبا-你好')];
const hostileValuesFor = (param: string) => (param.endsWith('Id') ? [...HOSTILE_NUMBERS, ...HOSTILE_STRINGS] : HOSTILE_STRINGS);
/**
 * Query parameters the app reads, by what they hold, and hostile values for each kind (already percent-encoded,
 * as they would stand in a link). Request k sets every parameter at once, each kind to its k-th value (cycling),
 * so every value reaches every parameter of its kind in a handful of requests.
 */
const QUERY_KINDS = {
  redirect: { names: ['redirectTo'], values: ['%2F%09%2Fevil.example', '//evil.example', '%E2%82%AC', 'https://evil.example', '%2F%0A%2Fevil.example'] },
  number: {
    names: ['page', 'before', 'after', 'quote', 'offset', 'sent', 'posted', 'imported', 'index'],
    values: ['1e400', '99999999999999999999', '-1', '1.5', '%00'],
  },
  text: {
    names: ['q', 'lang', 'lng', 'token', 'email', 'to', 'from', 'action', 'moderator', 'saved', 'done', 'created', '_data', '_routes'],
    values: ['%00', 'a%00b', '%FF', '%E2%82', encodeURIComponent('Привет مرحبا 你好')],
  },
};
const QUERY_ROUNDS = Math.max(...Object.values(QUERY_KINDS).map((kind) => kind.values.length));
const hostileQuery = (round: number) =>
  Object.values(QUERY_KINDS)
    .flatMap(({ names, values }) => names.map((name) => `${name}=${values[round % values.length]}`))
    .join('&');
/** Sign-in `redirectTo` values (as the form field holds them, decoded) that must not lead off-site. */
const HOSTILE_REDIRECTS = [
  decodeURIComponent('%2F%09%2Fevil.example'),
  '/\n/evil.example',
  '/\r\n/evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\t//evil.example',
  decodeURIComponent('%E2%82%AC'),
  '/€',
  'https://evil.example',
  'javascript:alert(1)',
  '/%2F%2Fevil.example',
  '/.//evil.example',
];
/** Restarts allowed per kind of oversized body; a stalled server takes the better part of a minute to come back by itself. */
const FREE_TEXT_FIELDS = ['bodyText', 'title', 'explanation', 'facts', 'text', 'reasons', 'displayName', 'description', 'name', 'pattern', 'message', 'email', 'password'];
const MAX_STALLS = 1;
const TEN_MB = 10 * 1024 * 1024;

let server: ServerProcess;
/** A second process on the same database, started ahead, so that replacing a stalled server costs no start-up time. */
let standby: Promise<ServerProcess>;
let scenario: Scenario;
let memberCookie: string;
const stalls: Record<'fields' | 'size', string[]> = { fields: [], size: [] };
/** Stalls seen while checking the current route (its batch is then not healthy, whatever a restart did after). */
let stallsOfRoute: string[] = [];
const crashes: string[] = [];

const base = () => server.url;
const origin = () => new URL(server.url).origin;

/** If the server is busy beyond 2 s (a stall found by an earlier check) or gone, start it again on the same database. */
async function recover(after: string, { stalled = false } = {}) {
  if (!server.alive()) {
    crashes.push(`${after}: the server process exited (${server.child.exitCode ?? server.child.signalCode})`);
  } else if (!stalled && (await healthyWithin(base(), 2000))) {
    return;
  }
  await server.kill();
  server = await standby;
  standby = startSecurityServer();
}

/** Plausible values for every field the app knows: requests reach past validation into the domain. */
function plausibleFields(route: RouteUnderTest): Record<string, string> {
  const fields: Record<string, string> = {
    bodyText: 'Ein ganz gewöhnlicher Beitrag mit etwas Text.',
    language: 'de',
    title: 'Ein Titel für den Test',
    quotedPostId: '',
    postId: String(scenario.published.reply.postId),
    email: 'hostile@example.org',
    password: 'wrong-password-123',
    passwordConfirm: 'wrong-password-123',
    displayName: 'Hostile Tester',
    acceptTerms: 'on',
    redirectTo: '/',
    target: 'post',
    category: 'spam',
    explanation: 'Eine Erklärung.',
    caseId: String(scenario.heldCaseId),
    action: 'dismiss',
    ground: 'rules.respect',
    facts: 'Eine Begründung mit genug Text.',
    days: '1',
    seconds: '0',
    forumId: String(scenario.forums.premoderated.id),
    wordId: '1',
    pattern: 'einwort',
    reviewFirstPosts: '0',
    premoderatedForums: String(scenario.forums.premoderated.id),
    invitationId: '1',
    userId: scenario.people.author.userId,
    role: 'member',
    name: 'Ein Forum',
    slug: 'neues-forum',
    description: 'Beschreibung',
    position: '0',
    staffOnlyPosting: '',
    postsPerWindow: '100',
    postWindowMinutes: '10',
    shield: 'on',
    text: 'Ein Einspruch mit genug Text dazu.',
    outcome: 'upheld',
    reasons: 'Gründe mit genug Text dazu.',
    id: '1',
    digest: 'off',
    token: 'x'.repeat(24),
    state: 'NW',
    defaultLanguage: 'de',
    languages: 'de',
    message: 'Eine Barriere auf der Seite.',
    page: '/',
  };
  for (const name of route.fields) fields[name] ??= 'x';
  return fields;
}

const REAL_PARAMS = (): Record<string, string> => ({
  slug: scenario.townA.slug,
  threadId: String(scenario.threads.open),
  postId: String(scenario.published.reply.postId),
  forum: scenario.forums.talk.slug,
  caseId: String(scenario.heldCaseId),
  appealId: String(scenario.appealId),
  decisionId: String(scenario.hideDecisionId),
  token: scenario.invitationToken,
  eventId: String(scenario.event.id),
  questionId: String(scenario.event.questions.open.id),
  incidentId: String(scenario.incident.id),
  roundId: String(scenario.selfcheck.openRoundId),
  exportId: String(scenario.exportId),
  sequence: '1',
  attachmentId: '1',
});

function fill(route: RouteUnderTest, values: Record<string, string>): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for :${name} of ${route.id}: add it to REAL_PARAMS`);
    return value;
  });
}

/** The route with real params, and with each param in turn replaced by each hostile value (already URL-safe). */
function fillings(route: RouteUnderTest): { label: string; path: string }[] {
  const real = Object.fromEntries(Object.entries(REAL_PARAMS()).map(([k, v]) => [k, encodeURIComponent(v)]));
  const out = [{ label: 'real params', path: fill(route, real) }];
  for (const param of route.params) {
    for (const hostile of hostileValuesFor(param)) out.push({ label: `:${param}=${hostile.slice(0, 24)}`, path: fill(route, { ...real, [param]: hostile }) });
  }
  return out;
}

const actionPath = (route: RouteUnderTest, path: string) => (route.index ? `${path}?index` : path);

interface Outcome {
  what: string;
  status: number | 'no answer';
  detail?: string;
}
const failed = (outcomes: Outcome[]) => outcomes.filter((o) => o.status === 'no answer' || o.status >= 500).map((o) => `${o.what}: ${o.status}${o.detail ? ` (${o.detail})` : ''}`);

async function attempt(what: string, send: () => Promise<Answer>): Promise<Outcome> {
  try {
    const answer = await send();
    return { what, status: answer.status };
  } catch (error) {
    return { what, status: 'no answer', detail: String((error as Error).cause ?? error).slice(0, 120) };
  }
}

/** The bodies of a POST, one per shape, for one intent. */
function bodyShapes(route: RouteUnderTest, intent: string | null): { shape: string; contentType: string; body: string }[] {
  const fields: Record<string, string> = { ...plausibleFields(route), ...(intent ? { intent } : {}) };
  const multipartPart = (boundary: string, name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const nul = (value: string) => `${value.slice(0, 3)}\u0000${value.slice(3)}\u0000`;
  const withNulIn = (names: string[]) => Object.fromEntries(names.filter((name) => name in fields).map((name) => [name, nul(fields[name])]));
  const withNul = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, name === 'intent' ? value : nul(value)]));
  return [
    { shape: 'JSON', contentType: 'application/json', body: JSON.stringify(fields) },
    { shape: 'text/plain', contentType: 'text/plain;charset=UTF-8', body: Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('\r\n') },
    { shape: 'multipart, wrong boundary', contentType: 'multipart/form-data; boundary=right', body: `${multipartPart('wrong', 'intent', intent ?? '')}--wrong--\r\n` },
    { shape: 'multipart, no boundary', contentType: 'multipart/form-data', body: `${multipartPart('b', 'intent', intent ?? '')}--b--\r\n` },
    { shape: 'multipart, truncated', contentType: 'multipart/form-data; boundary=cut', body: `${multipartPart('cut', 'intent', intent ?? '')}--cut\r\nContent-Disposition: form-data; name="bodyText"\r\n\r\nHal` },
    { shape: 'urlencoded, NUL in every field', contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(withNul).toString() },
    // Choices (language, category, …) stay valid here, so the text reaches the domain and the database.
    { shape: 'urlencoded, NUL in the free-text fields', contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ ...fields, ...withNulIn(FREE_TEXT_FIELDS) }).toString() },
  ];
}

/**
 * A POST with a body too large to read whole, sent with node:http so that an early answer (413 before the body is
 * through) is seen even when the server then closes the connection under the upload.
 */
function sendLarge(path: string, body: Buffer, cookie: string | null, signal: AbortSignal, timeoutMs = 8000): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base());
    const req = http.request(url, {
      method: 'POST',
      headers: {
        origin: origin(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(body.length),
        ...(cookie ? { cookie } : {}),
      },
      timeout: timeoutMs,
      signal,
    });
    let answered: { status: number } | null = null;
    // The status is all this needs; the body (today an echo of what was sent) is not waited for.
    req.on('response', (response) => {
      resolve((answered = { status: response.statusCode! }));
      response.destroy();
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => (answered ? resolve(answered) : reject(error)));
    req.end(body);
  });
}

function manyEmptyFields(intent: string | null): Buffer {
  const parts = intent ? [`intent=${encodeURIComponent(intent)}`] : [];
  for (let i = 0; i < 100_000; i++) parts.push(`${i.toString(36)}=`);
  return Buffer.from(parts.join('&'));
}

function tenMegabyteField(intent: string | null): Buffer {
  const head = `${intent ? `intent=${encodeURIComponent(intent)}&` : ''}bodyText=`;
  return Buffer.concat([Buffer.from(head), Buffer.alloc(TEN_MB, 'a')]);
}

/**
 * Sends an oversized body as each of `senders` at once and, meanwhile, /healthz again and again. Expected: 413 (or 400)
 * for each, and the health check answers within 2 s throughout (the server refuses before reading the body whole,
 * or at least stays responsive). A stall aborts the uploads and replaces the server.
 */
async function oversized(route: RouteUnderTest, kind: 'fields' | 'size', what: string, body: Buffer, senders: { who: string; cookie: string | null }[]): Promise<string[]> {
  if (stalls[kind].length >= MAX_STALLS) return [`${what}: not sent — such a body already stalled the server (${stalls[kind].join('; ')}); refuse it before reading it whole`];
  const path = actionPath(route, fill(route, Object.fromEntries(Object.entries(REAL_PARAMS()).map(([k, v]) => [k, encodeURIComponent(v)]))));
  const abort = new AbortController();
  const sending = Promise.allSettled(senders.map(({ cookie }) => sendLarge(path, body, cookie, abort.signal)));
  const { result, slowestMs } = await slowestHealthDuring(base(), sending, 2000, () => abort.abort());
  if (slowestMs > 2000) {
    stalls[kind].push(`${route.path} (${what})`);
    stallsOfRoute.push(what);
    await recover(`${route.path} ${what}`, { stalled: true });
    return [`${senders.map((sender) => sender.who).join(' and ')}, ${what}: /healthz did not answer within 2 s while the body was handled`];
  }
  const answers = (result as PromiseFulfilledResult<PromiseSettledResult<{ status: number }>[]>).value;
  return answers.flatMap((answer, i) => {
    const label = `${senders[i].who}, ${what}`;
    if (answer.status === 'rejected') return [`${label}: no answer (${String(answer.reason).slice(0, 100)})`];
    // Refused for its size or shape (413, 400) — or refused before the body is read at all, by the route's guard
    // (sign in first, not allowed, no such thing): either way nothing reads it whole, and nothing succeeds.
    return [413, 400, 302, 403, 404].includes(answer.value.status) ? [] : [`${label}: expected 413 or 400 (or the guard's 302/403/404), got ${answer.value.status}`];
  });
}

beforeAll(async () => {
  scenario = await createScenario('hostile');
  server = await startSecurityServer();
  standby = startSecurityServer();
  await standby;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await (await standby.catch(() => null))?.stop();
});

describe('sign-in never leads off-site', () => {
  it.each(HOSTILE_REDIRECTS.map((value) => [JSON.stringify(value), value]))('redirectTo=%s after signing in leads to a path of this site', async (_label, redirectTo) => {
    const person = scenario.people.organiser;
    const answer = await post(base(), '/login', { email: person.email, password: person.password, redirectTo });
    expect(answer.status, answer.body.slice(0, 200)).toBe(302);
    const target = new URL(answer.location!, base());
    expect(target.origin).toBe(origin());
    expect(answer.location!.startsWith('/')).toBe(true);
  });

  it.each(HOSTILE_REDIRECTS.map((value) => [JSON.stringify(value), value]))('GET /login?redirectTo=%s for someone signed in leads to a path of this site', async (_label, redirectTo) => {
    const answer = await get(base(), `/login?redirectTo=${encodeURIComponent(redirectTo)}`, { cookie: scenario.people.organiser.cookie });
    expect(answer.status).toBe(302);
    expect(new URL(answer.location!, base()).origin).toBe(origin());
  });
});

describe('a rejected form does not echo an oversized value back', () => {
  it('a 200,000-character display name at sign-up is refused with a small answer', async () => {
    const displayName = 'N'.repeat(200_000);
    const answer = await post(base(), '/signup', { email: 'long-name@example.org', password: 'long enough password', displayName, acceptTerms: 'on' });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.length).toBeLessThan(60_000);
  });
});

describe.each(ROUTES.map((route) => [route.id, route] as const))('%s', (_id, route) => {
  beforeAll(async () => {
    await recover(`before ${route.path}`);
    stallsOfRoute = [];
    memberCookie = await restoreMember(scenario);
  });

  const viewers = () => [
    { who: 'guest', cookie: null as string | null },
    { who: 'member', cookie: memberCookie },
  ];

  it('GET with real and hostile params and hostile query strings: never 5xx, never stalls', async () => {
    const jobs: { what: string; path: string; cookie: string | null }[] = [];
    for (const { who, cookie } of viewers()) {
      for (const { label, path } of fillings(route)) jobs.push({ what: `${who} GET ${label}`, path, cookie });
      const real = fillings(route)[0].path;
      for (let round = 0; round < QUERY_ROUNDS; round++) jobs.push({ what: `${who} GET ?${hostileQuery(round).slice(0, 80)}…`, path: `${real}?${hostileQuery(round)}`, cookie });
      jobs.push({ what: `${who} GET ?q=<20,000 characters>`, path: `${real}?q=${'q'.repeat(20_000)}`, cookie });
    }
    const outcomes = await mapLimit(jobs, 4, (job) => attempt(job.what, () => get(base(), job.path, { cookie: job.cookie, timeoutMs: 10_000 })));
    expect(failed(outcomes)).toEqual([]);
  });

  if (route.hasAction) it('POST every intent in every body shape, and with hostile params: never 5xx, never stalls', async () => {
    const jobs: { what: string; path: string; contentType: string; body: string; cookie: string | null }[] = [];
    const realPath = actionPath(route, fillings(route)[0].path);
    for (const { who, cookie } of viewers()) {
      for (const intent of route.intents) {
        for (const { shape, contentType, body } of bodyShapes(route, intent)) jobs.push({ what: `${who} intent=${intent ?? '(none)'} ${shape}`, path: realPath, contentType, body, cookie });
      }
      for (const { label, path } of fillings(route).slice(1)) {
        const body = new URLSearchParams({ ...plausibleFields(route), ...(route.intents[0] ? { intent: route.intents[0] } : {}) }).toString();
        jobs.push({ what: `${who} POST ${label}`, path: actionPath(route, path), contentType: 'application/x-www-form-urlencoded', body, cookie });
      }
    }
    const outcomes = await mapLimit(jobs, 4, (job) => attempt(job.what, () => post(base(), job.path, job.body, { cookie: job.cookie, contentType: job.contentType, timeoutMs: 10_000 })));
    expect(failed(outcomes)).toEqual([]);
  });

  if (route.hasAction) it('100,000 empty fields (about 0.55 MB) are refused with 413/400 before they are read whole', async () => {
    memberCookie = await restoreMember(scenario);
    expect(await oversized(route, 'fields', '100,000 fields', manyEmptyFields(route.intents[0]), viewers())).toEqual([]);
  });

  if (route.hasAction) it('a 10 MB field is refused with 413/400 before it is read whole', async () => {
    memberCookie = await restoreMember(scenario);
    // One viewer at a time: two 10 MB bodies at once would measure the machine as much as the server.
    const body = tenMegabyteField(route.intents[0]);
    const problems: string[] = [];
    for (const viewer of viewers()) problems.push(...(await oversized(route, 'size', '10 MB field', body, [viewer])));
    expect(problems).toEqual([]);
  });

  it('afterwards, /healthz answers 200 within 2 s (and did so throughout)', async () => {
    expect(stallsOfRoute).toEqual([]);
    expect(await healthLatency(base(), 2000)).toBeLessThan(2000);
  });
});

describe('at the end', () => {
  it('the server process never died and still answers', async () => {
    await recover('the end');
    expect(crashes).toEqual([]);
    expect(server.alive()).toBe(true);
    expect((await request(base(), '/healthz')).status).toBe(200);
  });
});
