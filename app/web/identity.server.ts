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

const identities = new WeakMap<Request, Promise<RequestIdentity>>();

export function identityOf(request: Request, context: AppLoadContext): Promise<RequestIdentity> {
  let identity = identities.get(request);
  if (!identity) {
    identity = (async () => {
      const session = await validateSession(request.headers.get('Cookie'), context.https);
      if (!session) return { actor: null, sessionId: null, setCookie: null };
      const actor = await loadActor(session.userId);
      return { actor, sessionId: actor ? session.sessionId : null, setCookie: session.refreshedCookie };
    })();
    identities.set(request, identity);
  }
  return identity;
}
