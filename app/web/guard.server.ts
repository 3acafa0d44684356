/**
 * The one guard of the route modules. A route's loader or action runs inside `routeLoader` /
 * `routeAction`, which map whatever the domain refuses to the right answer (not_found → 404,
 * forbidden → 403, unauthenticated → the sign-in page, an unreachable database → the 503 page); inside,
 * `requireMember(args, may?)` gives the town and the person in it, or refuses.
 */
import { redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from '@remix-run/node';
import type { Params } from '@remix-run/react';
import { DomainError, isDomainError } from '#app/domain/errors';
import { parseId } from '#app/domain/ids';
import type { Actor, MaybeActor } from '#app/domain/auth/permissions';
import { getTownBySlug, type Town } from '#app/domain/municipalities/towns.server';
import type { ClientFacts } from '#app/domain/auth/accounts.server';
import { DOMAIN_STATUS } from './form.server';
import { identityOf } from './identity.server';
import { forgetRequestReads, readOncePerRequest } from './request-reads.server';
import { throwIfUnavailable } from './outage.server';
import { isRefusedValue } from '#app/database/outage';
import { languageOf } from './page.server';

export interface RouteArgs {
  request: Request;
  context: AppLoadContext;
  params: Params;
}

/** What a permission predicate of app/domain/auth/permissions.ts looks like. */
export type TownPermission = (actor: MaybeActor, townId: number) => boolean;

export async function currentActor(args: Pick<RouteArgs, 'request' | 'context'>): Promise<MaybeActor> {
  return (await identityOf(args.request, args.context)).actor;
}

const signInFirst = (request: Request) => {
  const url = new URL(request.url);
  return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
};

export async function requireActor(args: Pick<RouteArgs, 'request' | 'context'>): Promise<Actor> {
  const actor = await currentActor(args);
  if (!actor) throw signInFirst(args.request);
  return actor;
}

/** A town's public page: the town (404 when there is none) and whoever is reading. The town layout and the page inside it share one lookup. */
export async function townPage(args: RouteArgs): Promise<{ actor: MaybeActor; town: Town }> {
  const town = townOf(args);
  return { actor: await currentActor(args), town: await town };
}

/** A town's page for anyone signed in (else the sign-in page); what they may do there, the domain decides. */
export async function signedInTownPage(args: RouteArgs): Promise<{ actor: Actor; town: Town }> {
  const town = townOf(args);
  return { actor: await requireActor(args), town: await town };
}

/**
 * The town of the URL, read as anyone may see it, so that the read goes out together with the reader's
 * session instead of after it. Who is reading is settled first: a refusal to sign in comes before a 404.
 */
function townOf(args: RouteArgs): Promise<Town> {
  const slug = args.params.slug ?? '';
  const town = readOncePerRequest(args.context, `town\u0000${slug}`, () => getTownBySlug(null, { slug }));
  town.catch(() => {}); // awaited by the caller once the reader is known; not left unhandled if that fails first
  return town;
}

/**
 * A town's page for its people: signed in (else the sign-in page), a member of the town, and — when `may`
 * is given — allowed by that permission (else 403).
 */
export async function requireMember(args: RouteArgs, may?: TownPermission): Promise<{ actor: Actor; town: Town }> {
  const { actor, town } = await signedInTownPage(args);
  const allowed = may ? may(actor, town.id) : actor.roles[town.id] !== undefined;
  if (!allowed) throw new DomainError('forbidden', 'common:errors.forbidden');
  return { actor, town };
}

/** An id from the URL: a malformed one is "not found", like an unknown one. */
export function requireId(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw new Response('Not found', { status: 404 });
  return id;
}

/** What the domain needs to know about the client behind a request. */
export async function clientFacts(args: Pick<RouteArgs, 'request' | 'context'>): Promise<ClientFacts> {
  return { ip: args.context.clientIp, language: await languageOf(args.request, args.context) };
}

/** Maps a refusal from the domain (or an outage) to the response a page shows; other errors pass. */
async function asResponse(error: unknown, args: RouteArgs): Promise<never> {
  if (error instanceof Response) throw error;
  if (isDomainError(error)) {
    if (error.code === 'unauthenticated') throw signInFirst(args.request);
    throw new Response(error.code === 'not_found' ? 'Not found' : error.code, { status: DOMAIN_STATUS[error.code] });
  }
  await throwIfUnavailable(error, args.request);
  if (isRefusedValue(error)) {
    console.error('[weltoffen] A value reached the database that validation should have refused:', error);
    throw new Response('Bad request', { status: 400 });
  }
  throw error;
}

/*
 * Used as `export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => …)`: an arrow
 * function, not a call at the top of the module, so the browser bundle drops it with the rest of the loader.
 */
export async function routeLoader<T>(args: LoaderFunctionArgs, load: (args: LoaderFunctionArgs) => Promise<T>): Promise<T> {
  try {
    return await load(args);
  } catch (error) {
    return asResponse(error, args);
  }
}

export async function routeAction<T>(args: ActionFunctionArgs, act: (args: ActionFunctionArgs) => Promise<T>): Promise<T> {
  try {
    return await act(args);
  } catch (error) {
    return asResponse(error, args);
  } finally {
    // Without JavaScript the page's loaders run after the action in the same request: they read afresh.
    forgetRequestReads(args.context);
  }
}
