/**
 * Limits applied before anything reads a request: body size (413 at once, from the declared length), and
 * timeouts for slow clients; plus the caching rules for pages built from a session.
 */
import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';

/** A form post (a long post's rich text is the largest: 250,000 characters of JSON, URL-encoded). */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** Uploads of evidence and event documents: a few files of up to 10 MB each. */
export const UPLOAD_BODY_LIMIT = 32 * 1024 * 1024;

const UPLOAD_PATHS = [/^\/towns\/[^/]+\/incidents(\/|$)/, /^\/towns\/[^/]+\/events\/[^/]+\/documentation$/, /^\/network\/events\/[^/]+\/documentation$/];

export const bodyLimitFor = (path: string) => (UPLOAD_PATHS.some((pattern) => pattern.test(path)) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT);

/**
 * Refuses an oversized body by its Content-Length before a byte of it is read. Browsers always declare the
 * length of a form post; a body without one (chunked) is refused, as its size is unknown until read.
 */
export function bodyLimit(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    if (req.headers['transfer-encoding']) return refuse(req, res, 411, 'A request body needs a Content-Length.');
    return next();
  }
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return refuse(req, res, 400, 'Invalid Content-Length.');
  if (length > bodyLimitFor(req.path)) return refuse(req, res, 413, 'The request is too large.');
  next();
}

function refuse(req: Request, res: Response, status: number, text: string) {
  // The body is let through unread and dropped (no memory, no parsing), so the client, still sending, gets
  // to read the answer instead of a broken connection; the request timeout bounds how long that may take.
  req.resume();
  res.status(status).type('text/plain').send(text);
}

/** A session, or a guest's link into an event's Q&A (app/web/qa-guest-cookie.server.ts): either makes the page someone's own. */
const SESSION_COOKIE = /(?:^|;\s*)(?:weltoffen_session|weltoffen_qa_guest)=/;

/**
 * Pages differ per person: a response built for a session (or one that sets a cookie) must never be kept
 * by a shared cache or the browser's back-forward history of another person on the same computer.
 */
export function privateResponses(req: Request, res: Response, next: NextFunction) {
  const signedIn = SESSION_COOKIE.test(req.headers.cookie ?? '');
  onHeaders(res, function () {
    const vary = String(res.getHeader('Vary') ?? '');
    if (!/\bcookie\b/i.test(vary)) res.setHeader('Vary', vary ? `${vary}, Cookie` : 'Cookie');
    if (signedIn || res.getHeader('Set-Cookie')) res.setHeader('Cache-Control', 'private, no-store');
  });
  next();
}

/** Slow clients (a slowloris) must not hold connections open: headers within 15 s, a whole request within 2 minutes. */
export function applyTimeouts(server: Server) {
  server.headersTimeout = 15_000;
  server.requestTimeout = 120_000; // an evidence upload over a slow phone connection
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
}
