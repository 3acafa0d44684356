import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { i18nFor } from '#app/i18n/i18n.server';
import { DEFAULT_LANGUAGE } from '#app/i18n/languages';
import { NonceProvider } from '#app/components/nonce';

const ABORT_DELAY = 5_000;

/** Faults are logged; an answered "not found" or "forbidden" (an unknown address, a guessed id) is not a fault. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { language?: string } | undefined;
  const i18n = i18nFor(rootData?.language ?? DEFAULT_LANGUAGE);
  const nonce = loadContext.cspNonce;

  // The whole page is rendered before it is sent, in one piece. The app streams nothing (no deferred data),
  // and one piece is much cheaper to compress than the many small chunks React writes: a compression stream
  // costs per chunk, several milliseconds of CPU for a thread page.
  return new Promise((resolve, reject) => {
    // Errors inside the page after its shell; an error in the shell itself goes to Remix (onShellError), which logs it.
    const errors: unknown[] = [];
    // Cleared as soon as the page is rendered: a pending timer holds the whole render (React's request, its
    // output, the loader data) for ABORT_DELAY after the answer went out, which under load was hundreds of
    // finished pages kept alive at once (decision 021).
    let abortTimer: NodeJS.Timeout | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(abortTimer);
          for (const error of errors) console.error(error);
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          errors.push(error);
        },
      },
    );
    abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

// The server's app-side runtime (sockets, the bus listener, jobs) comes from this build, so the process has
// one instance of every domain module (server/runtime-contract.ts).
export { runtime } from '../server/runtime';
