/** Who is behind a request: the session cookie read once per request, however many loaders ask. */
import type { AppLoadContext } from '@remix-run/node';
import { loadActor } from '#app/domain/auth/actor.server';
import { validateSession } from '#app/domain/auth/sessions.server';
import type { MaybeActor } from '#app/domain/auth/permissions';

export interface RequestIdentity {
  actor: MaybeActor;
  sessionId: string | null;
  /** A refreshed session cookie to send back, if lucia extended the session. */
  setCookie: string | null;
}

/**
 * Remix hands each loader its own copy of the Request, so what the loaders of one request share is its load
 * context (one object per HTTP request, made in server/app.ts). The cookie is kept beside the identity, so a
 * context ever reused with another cookie cannot hand over someone else's identity.
 */
const identities = new WeakMap<AppLoadContext, { cookie: string | null; identity: Promise<RequestIdentity> }>();

export function identityOf(request: Request, context: AppLoadContext): Promise<RequestIdentity> {
  const cookie = request.headers.get('Cookie');
  const known = identities.get(context);
  if (known && known.cookie === cookie) return known.identity;
  const identity = (async () => {
    const session = await validateSession(cookie, context.https);
    if (!session) return { actor: null, sessionId: null, setCookie: null };
    const actor = await loadActor(session.userId);
    return { actor, sessionId: actor ? session.sessionId : null, setCookie: session.refreshedCookie };
  })();
  identities.set(context, { cookie, identity });
  return identity;
}

/** After an action: the loaders that follow in the same request read afresh what it may have changed (a role, a language). */
export function forgetIdentity(context: AppLoadContext): void {
  identities.delete(context);
}
