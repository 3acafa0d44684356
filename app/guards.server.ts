/**
 * What routes need from a request: the actor behind the session cookie, the language, and `require…`
 * guards that throw a response (redirect to sign-in, 403, 404). Routes stay thin adapters.
 */
import { data, redirect, type AppLoadContext } from '@remix-run/node';
import { isDatabaseUnavailable } from '#app/db.server';
import type { UnavailableData } from '#app/forms';
import { DEFAULT_LANGUAGE } from '#app/i18n/languages';
import { loadActor } from '#app/domain/auth/actor.server';
import { validateSession } from '#app/domain/auth/sessions.server';
import type { Actor, MaybeActor } from '#app/domain/auth/permissions';
import type { RequestContext } from '#app/domain/auth/accounts.server';
import { getTownBySlug, type Town } from '#app/domain/municipalities/towns.server';
import { isDomainError } from '#app/domain/errors';
import { resolveLanguage } from '#app/i18n/locale.server';

export interface RequestIdentity {
  actor: MaybeActor;
  sessionId: string | null;
  /** A refreshed session cookie to send back, if lucia extended the session. */
  setCookie: string | null;
}

const identities = new WeakMap<Request, Promise<RequestIdentity>>();

/** Reads the session once per request, however many loaders ask. */
export function getIdentity(request: Request, context: AppLoadContext): Promise<RequestIdentity> {
  let identity = identities.get(request);
  if (!identity) {
    identity = (async () => {
      const session = await validateSession(request.headers.get('Cookie'), context.secure);
      if (!session) return { actor: null, sessionId: null, setCookie: null };
      const actor = await loadActor(session.userId);
      return { actor, sessionId: actor ? session.sessionId : null, setCookie: session.refreshedCookie };
    })();
    identities.set(request, identity);
  }
  return identity;
}

export async function getActor(request: Request, context: AppLoadContext): Promise<MaybeActor> {
  return (await getIdentity(request, context)).actor;
}

export async function requireActor(request: Request, context: AppLoadContext): Promise<Actor> {
  const actor = await getActor(request, context);
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return actor;
}

/**
 * Turns the domain's "not found" into a 404 page, and a database that cannot be reached into the 503
 * "briefly unavailable" page (shown in the page's language; the root loader may have found it already).
 */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (isDomainError(error) && error.code === 'not_found') throw new Response('Not found', { status: 404 });
    if (isDatabaseUnavailable(error)) throw data<UnavailableData>({ unavailable: true, language: DEFAULT_LANGUAGE }, { status: 503 });
    throw error;
  }
}

export const requireTown = (slug: string | undefined): Promise<Town> => orNotFound(getTownBySlug(slug ?? ''));

export async function getLanguage(request: Request, context: AppLoadContext): Promise<string> {
  const actor = await getActor(request, context);
  return (await resolveLanguage(request, actor?.language ?? null)).language;
}

/** What domain functions need to know about the request. */
export async function requestContext(request: Request, context: AppLoadContext): Promise<RequestContext> {
  return {
    ip: context.clientIp,
    origin: process.env.PUBLIC_URL?.replace(/\/$/, '') ?? new URL(request.url).origin,
    language: await getLanguage(request, context),
    secure: context.secure,
  };
}

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
