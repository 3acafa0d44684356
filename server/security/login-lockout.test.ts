/**
 * Nobody can lock someone else out of their account: wrong passwords sent for an address from one client
 * throttle that client — with a clear message, never a 5xx — while the owner, signing in from their own
 * client with the right password, gets in.
 *
 * The server runs as in production behind the TLS proxy (TRUST_PROXY=loopback): it learns each client's
 * address from X-Forwarded-For, which is how these requests tell the clients apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../testing/live';
import { createPerson, type Person } from './scenario';
import { englishText, post, startSecurityServer, type Answer } from './support';

let server: ServerProcess;
let victims: Person[];

beforeAll(async () => {
  victims = await Promise.all([createPerson('victim-five'), createPerson('victim-twenty'), createPerson('victim-repeat')]);
  server = await startSecurityServer({ TRUST_PROXY: 'loopback' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const signIn = (email: string, password: string, clientIp: string) => post(server.url, '/login', { email, password }, { headers: { 'x-forwarded-for': clientIp } });

const signedIn = (answer: Answer) => answer.status === 302 && answer.headers.getSetCookie().some((cookie) => /^weltoffen_session=[^;]+/.test(cookie) && !/^weltoffen_session=;/.test(cookie));

/** Refused because of too many attempts, said so in words next to the form. */
/** Refused with the throttling message (which, for an unknown device, also offers a mailed sign-in link). */
const throttled = (answer: Answer) => {
  const messages = ['auth:errors.throttled', 'auth:errors.throttledUseLink'].map((key) => englishText(key).split('{{')[0]);
  return answer.status >= 400 && answer.status < 500 && messages.some((message) => answer.body.includes(message)) && /role="alert"|class="field-error"/.test(answer.body);
};

describe.each([
  { attempts: 5, victim: 0, attacker: '203.0.113.5', owner: '198.51.100.5' },
  { attempts: 20, victim: 1, attacker: '203.0.113.20', owner: '198.51.100.20' },
])('$attempts wrong passwords from one client', ({ attempts, victim, attacker, owner }) => {
  const answers: Answer[] = [];

  beforeAll(async () => {
    for (let i = 0; i < attempts; i++) answers.push(await signIn(victims[victim].email, `wrong password ${i}`, attacker));
  });

  it('are each refused with a 4xx, never a 5xx', () => {
    expect(answers.map((a) => a.status).filter((status) => status < 400 || status >= 500)).toEqual([]);
  });

  it('do not stop the right password from another client', async () => {
    const answer = await signIn(victims[victim].email, victims[victim].password, owner);
    expect(answer.status, answer.body.match(/role="alert"[^>]*>([^<]*)/)?.[1]).toBe(302);
    expect(signedIn(answer)).toBe(true);
  });

  if (attempts >= 20) {
    it('throttle the attacking client with a clear message, and keep it throttled even for the right password', async () => {
      const firstThrottled = answers.findIndex(throttled);
      expect(firstThrottled, `statuses: ${answers.map((a) => a.status).join(', ')}`).toBeGreaterThanOrEqual(0);
      expect(answers.slice(firstThrottled).every(throttled)).toBe(true);
      // Guessing cannot go on: a right guess from the throttled client is not let in either.
      const guess = await signIn(victims[victim].email, victims[victim].password, attacker);
      expect(signedIn(guess)).toBe(false);
      expect(throttled(guess)).toBe(true);
    });
  }
});

describe('an attack that goes on', () => {
  it('the owner still signs in, again and again, between rounds of wrong passwords', async () => {
    const [person] = victims.slice(2);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) {
        const answer = await signIn(person.email, `wrong ${round}-${i}`, '203.0.113.99');
        expect(answer.status).toBeLessThan(500);
      }
      expect(signedIn(await signIn(person.email, person.password, `198.51.100.${100 + round}`)), `round ${round}`).toBe(true);
    }
  });
});
