import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { i18nFor } from '#app/i18n/i18n.server';
import { DEFAULT_LANGUAGE } from '#app/i18n/languages';
import { NonceProvider } from '#app/components/nonce';

/** Faults are logged; an answered "not found" or "forbidden" (an unknown address, a guessed id) is not a fault. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
/** How long Remix waits for deferred loader data (the app defers none). */
export const streamTimeout = 5_000;

/**
 * The loader data that Remix hands to the browser (single fetch: a turbo-stream, written into the page by
 * Remix's StreamTransfer) is read to its end before the page is rendered, into the cache StreamTransfer reads
 * first. The app defers nothing, so the stream holds the whole data at once; with it read, nothing in the page
 * suspends and the page renders in one synchronous pass.
 */
async function readServerHandoff(context: EntryContext): Promise<void> {
  const stream = context.serverHandoffStream;
  const renderMeta = context.renderMeta as { streamCache?: Record<number, Promise<void> & { result: { done: boolean; value: string } }> } | undefined;
  if (!stream || !renderMeta) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const streamCache: NonNullable<typeof renderMeta.streamCache> = {};
  for (let identifier = 0; ; identifier++) {
    const { done, value } = await reader.read();
    streamCache[identifier] = Object.assign(Promise.resolve(), { result: { done, value: decoder.decode(value, { stream: !done }) } });
    if (done) break;
  }
  // StreamTransfer takes a reader of its own (which then reads nothing).
  reader.releaseLock();
  renderMeta.streamCache = streamCache;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { language?: string } | undefined;
  const i18n = i18nFor(rootData?.language ?? DEFAULT_LANGUAGE);
  const nonce = loadContext.cspNonce;
  await readServerHandoff(remixContext);
  // One string, not a stream: the app streams nothing, one piece is much cheaper to compress than the many small
  // chunks React writes to a stream, and React's stream encodes every chunk into bytes on its own (decision 021).
  // An error while rendering throws here; Remix renders the page again with the route's error boundary.
  const html = renderToString(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>,
  );
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  // renderToString writes no doctype of its own (the streaming renderer does). Bytes, not a string: a string
  // body is checked for lone surrogates and handed on in several pieces, each compressed on its own.
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`), { headers: responseHeaders, status: responseStatusCode });
}

// The server's app-side runtime (sockets, the bus listener, jobs) comes from this build, so the process has
// one instance of every domain module (server/runtime-contract.ts).
export { runtime } from '../server/runtime';
