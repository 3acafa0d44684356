/**
 * What the loaders of one request read once and share (who is reading, the town). Remix hands each loader its
 * own copy of the Request, so they are kept by the request's load context (one object per HTTP request, made
 * in server/app.ts), under a key that names everything the read depends on (the cookie, the town's slug), so a
 * context ever reused cannot hand one person's reads to another.
 */
import type { AppLoadContext } from '@remix-run/node';

const readsOfRequest = new WeakMap<AppLoadContext, Map<string, Promise<unknown>>>();

export function readOncePerRequest<T>(context: AppLoadContext, key: string, read: () => Promise<T>): Promise<T> {
  let reads = readsOfRequest.get(context);
  if (!reads) readsOfRequest.set(context, (reads = new Map()));
  let value = reads.get(key) as Promise<T> | undefined;
  if (!value) reads.set(key, (value = read()));
  return value;
}

/** After an action: the loaders that follow in the same request read afresh what it may have changed (a role, a language, a town). */
export function forgetRequestReads(context: AppLoadContext): void {
  readsOfRequest.delete(context);
}
