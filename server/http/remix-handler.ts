/**
 * Remix behind Express, as `@remix-run/express` does it, but for how the answer is sent: a body that comes in
 * one piece (every page: entry.server renders it whole) goes out in one `res.end`, which the compression
 * middleware compresses in a single pass. Written piece by piece and flushed after each, as the stock adapter
 * does, a page cost three compression passes (the piece, the flush, the end), each a trip to libuv's thread
 * pool: about 0.4 ms of CPU per page (decision 021). A body in several pieces (a zip export) still streams,
 * flushed after each piece.
 */
import type { NextFunction, Request, Response } from 'express';
// The stock adapter's request half, as it is (exported by its module, not by the package's index).
import { createRemixRequest } from '@remix-run/express/dist/server.js';
import { createRequestHandler as createRemixRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';

export function remixHandler(options: { build: ServerBuild; getLoadContext: (req: Request, res: Response) => AppLoadContext }) {
  // Remix's mode (how much of an error a page shows) follows the build that runs, as in the stock adapter:
  // server/serve.ts sets NODE_ENV to production before it loads the build, so this is no setting of its own.
  const handleRequest = createRemixRequestHandler(options.build, process.env.NODE_ENV);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const request = createRemixRequest(req, res);
      const response = await handleRequest(request, options.getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

export async function sendResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  const flush = () => (res as Response & { flush?: () => void }).flush?.();
  try {
    let piece = await reader.read();
    if (piece.done) return void res.end();
    for (;;) {
      const next = await reader.read();
      if (next.done) return void res.end(piece.value);
      res.write(piece.value);
      flush();
      piece = next;
    }
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}
