/** Who is behind a request: the session cookie read once per request, however many loaders ask. */
import type { AppLoadContext } from '@remix-run/node';
import { validateSession } from '#app/domain/auth/sessions.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { readOncePerRequest } from './request-reads.server';

export interface RequestIdentity {
  actor: MaybeActor;
  sessionId: string | null;
  /** A refreshed session cookie to send back, if lucia extended the session. */
  setCookie: string | null;
}

export function identityOf(request: Request, context: AppLoadContext): Promise<RequestIdentity> {
  const cookie = request.headers.get('Cookie');
  return readOncePerRequest(context, `identity\u0000${cookie ?? ''}`, async () => {
    const session = await validateSession(cookie, context.https);
    if (!session) return { actor: null, sessionId: null, setCookie: null };
    const { actor } = session;
    return { actor, sessionId: actor ? session.sessionId : null, setCookie: session.refreshedCookie };
  });
}
