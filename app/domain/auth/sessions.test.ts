import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { EVENTS_CHANNEL } from '#app/domain/events.server';
import { signIn } from './accounts.server';
import { revokeAllSessions, revokeSession, validateSession } from './sessions.server';
import { createUser, testContext } from '../../../db/testing/factories';

const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());

async function collectEvents(run: () => Promise<void>): Promise<unknown[]> {
  const events: unknown[] = [];
  const subscription = await listener.listen(EVENTS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
  await run();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await subscription.unlisten();
  return events;
}

const cookieOf = (setCookie: string) => setCookie.split(';')[0];

describe('session revocation', () => {
  it('signing out ends only that session and announces it', async () => {
    const { email, password, userId } = await createUser();
    const a = await signIn({ email, password }, testContext());
    const b = await signIn({ email, password }, testContext());
    const events = await collectEvents(() => revokeSession(a.sessionId));
    expect(await validateSession(cookieOf(a.cookie), false)).toBeNull();
    expect(await validateSession(cookieOf(b.cookie), false)).not.toBeNull();
    expect(events).toEqual([{ type: 'session:revoked', userId, sessionIds: [a.sessionId] }]);
  });

  it('"sign out everywhere" ends every session of the person and no one else\'s', async () => {
    const me = await createUser();
    const other = await createUser();
    const mine = [await signIn(me, testContext()), await signIn(me, testContext())];
    const theirs = await signIn(other, testContext());
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
