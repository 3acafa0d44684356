import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { BUS_CHANNEL } from '#app/domain/bus.server';
import { signIn } from './accounts.server';
import { revokeAllSessions, revokeSession, validateSession } from './sessions.server';
import { createUser, testClient, type TestPerson } from '../../../db/testing/factories';

const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());

/**
 * What `run` published on the bus. A marker sent after it arrives after everything `run` committed
 * (notifications reach a listener in commit order), so waiting for the marker waits for all of it.
 */
async function collectEvents(run: () => Promise<void>): Promise<unknown[]> {
  const events: unknown[] = [];
  const subscription = await listener.listen(BUS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
  await run();
  const marker = { type: 'test:marker', id: Math.random() };
  await listener`select pg_notify(${BUS_CHANNEL}, ${JSON.stringify(marker)})`;
  await expect.poll(() => events).toContainEqual(marker);
  await subscription.unlisten();
  return events.filter((event) => !(event as { type: string }).type.startsWith('test:'));
}

const signInAs = (person: TestPerson) => signIn(null, { email: person.email, password: person.password, ip: testClient().ip, https: false });

const cookieOf = (setCookie: string) => setCookie.split(';')[0];

describe('session revocation', () => {
  it('signing out ends only that session and announces it', async () => {
    const person = await createUser();
    const a = await signInAs(person);
    const b = await signInAs(person);
    const events = await collectEvents(() => revokeSession(a.sessionId));
    expect(await validateSession(cookieOf(a.cookie), false)).toBeNull();
    expect(await validateSession(cookieOf(b.cookie), false)).not.toBeNull();
    expect(events).toEqual([{ type: 'session:revoked', userId: person.userId, sessionIds: [a.sessionId] }]);
  });

  it('"sign out everywhere" ends every session of the person and no one else\'s', async () => {
    const me = await createUser();
    const other = await createUser();
    const mine = [await signInAs(me), await signInAs(me)];
    const theirs = await signInAs(other);
    const events = await collectEvents(() => revokeAllSessions(me.userId));
    for (const session of mine) expect(await validateSession(cookieOf(session.cookie), false)).toBeNull();
    expect(await validateSession(cookieOf(theirs.cookie), false)).toMatchObject({ userId: other.userId });
    expect(events).toEqual([{ type: 'session:revoked', userId: me.userId, sessionIds: 'all' }]);
  });

  it('a forged or unknown cookie is no session', async () => {
    expect(await validateSession('weltoffen_session=not-a-real-session', false)).toBeNull();
    expect(await validateSession(undefined, false)).toBeNull();
  });
});
