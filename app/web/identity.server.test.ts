/** Who is behind a request: read once for all of a request's loaders, afresh after its action, never across cookies. */
import { describe, expect, it } from 'vitest';
import type { AppLoadContext } from '@remix-run/node';
import { createTownDirectly, createUser, sessionCookieOf } from '../../db/testing/factories';
import { identityOf } from './identity.server';
import { routeAction, townPage } from './guard.server';

const contextOfOneRequest = () => ({ cspNonce: 'n', clientIp: '127.0.0.1', https: false, directLocalRequest: false }) as AppLoadContext;
// Remix gives each loader its own copy of the request: the same URL and cookie, another object.
const copyOfRequest = (cookie: string | null) => new Request('http://localhost/towns/x', { headers: cookie ? { cookie } : {} });

describe('identityOf', () => {
  it('gives every loader of one request the same identity, read once', async () => {
    const person = await createUser({ label: 'identity-once' });
    const cookie = await sessionCookieOf(person);
    const context = contextOfOneRequest();
    const first = identityOf(copyOfRequest(cookie), context);
    expect(identityOf(copyOfRequest(cookie), context)).toBe(first);
    expect((await first).actor?.userId).toBe(person.userId);
  });

  it('never hands one cookie’s identity to another, even on a reused context', async () => {
    const [a, b] = await Promise.all([createUser({ label: 'identity-a' }), createUser({ label: 'identity-b' })]);
    const context = contextOfOneRequest();
    expect((await identityOf(copyOfRequest(await sessionCookieOf(a)), context)).actor?.userId).toBe(a.userId);
    expect((await identityOf(copyOfRequest(await sessionCookieOf(b)), context)).actor?.userId).toBe(b.userId);
    expect((await identityOf(copyOfRequest(null), context)).actor).toBeNull();
  });

  it('reads afresh after an action, for the loaders that follow it in the same request', async () => {
    const person = await createUser({ label: 'identity-action' });
    const cookie = await sessionCookieOf(person);
    const context = contextOfOneRequest();
    const before = identityOf(copyOfRequest(cookie), context);
    await routeAction({ request: copyOfRequest(cookie), context, params: {} }, async () => null);
    expect(identityOf(copyOfRequest(cookie), context)).not.toBe(before);
  });

  it('the town layout and the page inside it share one lookup of the town; an action drops it', async () => {
    await createTownDirectly('identity-town');
    const context = contextOfOneRequest();
    const args = { request: copyOfRequest(null), context, params: { slug: 'identity-town' } };
    const { town } = await townPage(args);
    expect((await townPage({ ...args, request: copyOfRequest(null) })).town).toBe(town);
    await routeAction({ ...args, request: copyOfRequest(null) }, async () => null);
    expect((await townPage(args)).town).not.toBe(town);
    await expect(townPage({ ...args, params: { slug: 'no-such-town-here' } })).rejects.toMatchObject({ code: 'not_found' });
  });
});
