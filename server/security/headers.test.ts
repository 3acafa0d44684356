/**
 * Hardening seen from the outside: what the production server's answers tell caches and browsers. Pages built
 * for a session are never stored by a shared cache (nor by the browser), and every page says it varies by
 * cookie; a Permissions-Policy and a nonce-based CSP come with every page; the session cookie is HttpOnly,
 * SameSite=Lax and — when the public address is https — Secure; and "forgot password" answers a known and an
 * unknown address alike, in content and in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../testing/live';
import { createScenario, type Scenario } from './scenario';
import { get, median, post, startSecurityServer, type Answer } from './support';

let server: ServerProcess;
let httpsServer: ServerProcess;
let scenario: Scenario;

beforeAll(async () => {
  scenario = await createScenario('hdr');
  // TRUST_PROXY as in production behind the TLS proxy: the forgot-password comparison sends each request as
  // another client (X-Forwarded-For), so the per-address limit on mail requests does not even out the answers.
  [server, httpsServer] = await Promise.all([
    startSecurityServer({ TRUST_PROXY: 'loopback' }),
    startSecurityServer({ PUBLIC_URL: 'https://weltoffen.example' }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.stop(), httpsServer?.stop()]);
});

const cacheControl = (answer: Answer) => (answer.headers.get('cache-control') ?? '').toLowerCase().split(/\s*,\s*/);
const varies = (answer: Answer) => (answer.headers.get('vary') ?? '').toLowerCase().split(/\s*,\s*/);
const setCookies = (answer: Answer) => answer.headers.getSetCookie();
const sessionCookieOf = (answer: Answer) => setCookies(answer).find((cookie) => cookie.startsWith('weltoffen_session='));
const attributes = (cookie: string) => cookie.split(';').slice(1).map((part) => part.trim().toLowerCase());

/** Answers built for a signed-in session, of every kind: pages, loader data, an error page, a redirect after a form. */
async function signedInAnswers(): Promise<[string, Answer][]> {
  const cookie = scenario.people.member.cookie;
  const thread = `/towns/${scenario.townA.slug}/threads/${scenario.threads.open}`;
  return [
    ['GET thread page', await get(server.url, thread, { cookie })],
    ['GET /account', await get(server.url, '/account', { cookie })],
    ['GET thread loader data (.data)', await get(server.url, `${thread}.data`, { cookie })],
    ['GET a missing thread (404 page)', await get(server.url, `/towns/${scenario.townA.slug}/threads/987654321`, { cookie })],
    ['POST follow (redirect)', await post(server.url, thread, { intent: 'follow' }, { cookie })],
    ['POST sign-in (sets the session)', await post(server.url, '/login', { email: scenario.people.official.email, password: scenario.people.official.password })],
  ];
}

describe('caching', () => {
  it('every answer built for a session says Cache-Control: private, no-store and Vary: Cookie', async () => {
    const problems: string[] = [];
    for (const [what, answer] of await signedInAnswers()) {
      if (answer.status >= 500) problems.push(`${what}: ${answer.status}`);
      for (const directive of ['private', 'no-store']) if (!cacheControl(answer).includes(directive)) problems.push(`${what}: Cache-Control "${answer.headers.get('cache-control') ?? ''}" lacks ${directive}`);
      if (!varies(answer).includes('cookie')) problems.push(`${what}: Vary "${answer.headers.get('vary') ?? ''}" lacks Cookie`);
    }
    expect(problems).toEqual([]);
  });

  it("a guest's own Q&A page (by their registration link) is private too", async () => {
    // The link's cookie is what makes the page theirs (their held question shows there); any value will do here.
    const answer = await get(server.url, `/towns/${scenario.townA.slug}/events/${scenario.event.id}/questions`, { cookie: 'weltoffen_qa_guest=e30%3D' });
    expect(answer.status).toBe(200);
    expect(cacheControl(answer)).toContain('no-store');
    expect(cacheControl(answer)).toContain('private');
  });

  it("a guest's page says Vary: Cookie, so no cache hands it to someone signed in (or the other way round)", async () => {
    for (const path of ['/', `/towns/${scenario.townA.slug}`, `/towns/${scenario.townA.slug}/threads/${scenario.threads.open}`]) {
      const answer = await get(server.url, path);
      expect(answer.status, path).toBe(200);
      expect(varies(answer), path).toContain('cookie');
    }
  });
});

describe('browser policies', () => {
  const pages = [
    ['a guest page', () => null],
    ['a signed-in page', () => scenario.people.member.cookie],
  ] as const;
  const page = (cookie: string | null) => get(server.url, `/towns/${scenario.townA.slug}/threads/${scenario.threads.open}`, { cookie });

  it.each(pages)('%s comes with a Permissions-Policy', async (_what, cookieOf) => {
    const answer = await page(cookieOf());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('permissions-policy')?.trim() || null).not.toBeNull();
  });

  it.each(pages)('%s comes with a CSP whose nonce every script carries (and no unsafe-inline)', async (_what, cookieOf) => {
    const answer = await page(cookieOf());
    expect(answer.status).toBe(200);
    const csp = answer.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
    const nonce = scriptSrc.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    const scripts = [...answer.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  });
});

describe('the session cookie', () => {
  it('set at sign-in is HttpOnly and SameSite=Lax', async () => {
    const person = scenario.people.organiser;
    const answer = await post(server.url, '/login', { email: person.email, password: person.password });
    expect(answer.status).toBe(302);
    const cookie = sessionCookieOf(answer);
    expect(cookie, setCookies(answer).join('\n')).toBeTruthy();
    expect(attributes(cookie!)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax']));
  });

  it('is Secure when the server runs with an https PUBLIC_URL (here reached over plain http on loopback)', async () => {
    const person = scenario.people.admin;
    const answer = await post(httpsServer.url, '/login', { email: person.email, password: person.password });
    expect(answer.status).toBe(302);
    const cookie = sessionCookieOf(answer);
    expect(cookie, setCookies(answer).join('\n')).toBeTruthy();
    expect(attributes(cookie!)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
  });
});

describe('forgot password', () => {
  let client = 0;
  /** Each request as another client (a fresh address behind the trusted proxy). */
  const ask = (email: string) =>
    post(server.url, '/forgot-password', { email }, { headers: { 'x-forwarded-for': `198.18.${Math.floor(++client / 250)}.${(client % 250) + 1}` } });
  /** The answer with what may differ (the address typed, the per-response CSP nonce) taken out. */
  const normalised = (answer: Answer, email: string) => answer.body.split(email).join('<EMAIL>').replace(/nonce="[^"]*"/g, 'nonce=""');

  it('answers a known and an unknown address with the same status and page', async () => {
    const known = scenario.people.member.email;
    const unknown = `nobody-${Date.now()}@example.org`;
    const [a, b] = [await ask(known), await ask(unknown)];
    expect(a.status).toBe(b.status);
    expect(a.status).toBeLessThan(400);
    expect(normalised(a, known)).toBe(normalised(b, unknown));
  });

  it('takes no measurably different time for a known and an unknown address (medians of 25 alternating requests each)', async () => {
    const known = scenario.people.member.email;
    const unknown = () => `nobody-${Date.now()}-${client}@example.org`;
    for (let i = 0; i < 3; i++) await Promise.all([ask(known), ask(unknown())]); // warm-up
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 25; i++) {
      // Alternating, in both orders, so drift on the machine falls on both sides alike.
      const order = i % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      for (const kind of order) {
        const answer = await ask(kind === 'known' ? known : unknown());
        expect(answer.status).toBeLessThan(400);
        times[kind].push(answer.ms);
      }
    }
    const gap = Math.abs(median(times.known) - median(times.unknown));
    // Work done only for a known address (hashing, sending) would show as tens of milliseconds; on a loaded
    // machine both medians stretch, so the allowance grows with them (a third of the faster one, 5 ms at least).
    const allowance = Math.max(5, Math.min(median(times.known), median(times.unknown)) / 3);
    expect(gap, `medians: known ${median(times.known).toFixed(1)} ms, unknown ${median(times.unknown).toFixed(1)} ms`).toBeLessThan(allowance);
  });
});

describe('transfer', () => {
  it('compresses pages and assets for a browser that accepts it, and keeps built assets cached for good', async () => {
    const page = await get(server.url, `/towns/${scenario.townA.slug}`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toMatch(/^(gzip|br)$/);
    const script = page.body.match(/\/build\/[\w/.-]+\.js/)?.[0];
    expect(script).toBeTruthy();
    const asset = await get(server.url, script!, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    const plain = await get(server.url, `/towns/${scenario.townA.slug}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });
});
