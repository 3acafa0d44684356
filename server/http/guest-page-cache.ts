/**
 * Pages as a guest sees them, kept for a few seconds (decision 025). A thread that is being piled on is read
 * by many guests at once, and each rendered the same page from scratch; now the first renders it and the
 * others get that page with their own CSP nonce.
 *
 * What is kept: the public reading pages (a town, its forums, threads and events, the network's events) as
 * GET answers 200 with HTML to requests with no cookie at all (so no session, no chosen language, no guest
 * link), that set no cookie and are not private. Nothing behind a link with a token, no form's answer. The key is the address with everything
 * else a guest's page depends on (host, https, the browser's languages, whether the request is a direct
 * local one, which shows the development mailbox). Every committed change the message bus carries, and a
 * reconnect of the bus, forget every kept page (`invalidate`); a page rendered while a change came in is
 * not kept. Whatever changes without a bus message (a renamed account, say) shows to guests after at most
 * `ttlSeconds`.
 */
import type { NextFunction, Request, Response } from 'express';
import { isDirectLocalRequest } from './security';

/** Stands in for the nonce in a kept page; never occurs in a real one (not base64). */
const NONCE_SLOT = '\u0000weltoffen-nonce\u0000';
const MAX_KEY_LENGTH = 2048;
/** The pages guests read most, and that every change reaches by a bus message. */
const PUBLIC_READING_PAGE = /^\/(?:towns\/[a-z0-9-]+(?:\/(?:forums\/[a-z0-9-]+|threads\/\d+|events(?:\/\d+)?))?|network\/events(?:\/\d+)?)?\/?$/;
const MAX_PAGE_BYTES = 1024 * 1024;

interface KeptPage {
  status: number;
  headers: [string, string | string[] | number][];
  /** the page with NONCE_SLOT where the nonce was */
  body: string;
  bytes: number;
  until: number;
}

export class GuestPageCache {
  private pages = new Map<string, KeptPage>();
  private bytes = 0;
  /** Bumped by every change: a page rendered across a change is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlSeconds: number,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  invalidate(): void {
    this.generation++;
    this.pages.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.pages.size;
  }

  middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (!this.enabled || req.method !== 'GET' || req.headers.cookie || req.headers.authorization || '_data' in req.query || !PUBLIC_READING_PAGE.test(req.path)) return next();
    const key = [req.originalUrl, req.headers.host ?? '', req.secure ? 'https' : 'http', req.headers['accept-language'] ?? '', isDirectLocalRequest(req) ? 'local' : 'remote'].join('\n');
    if (key.length > MAX_KEY_LENGTH) return next();
    const nonce = String(res.locals.cspNonce);

    const kept = this.pages.get(key);
    if (kept && kept.until > Date.now()) {
      // Most recently used last, so the oldest go first when the cache is full.
      this.pages.delete(key);
      this.pages.set(key, kept);
      for (const [name, value] of kept.headers) if (!res.hasHeader(name)) res.setHeader(name, value);
      res.setHeader('X-Guest-Cache', 'hit');
      res.status(kept.status).end(kept.body.split(NONCE_SLOT).join(nonce));
      return;
    }

    const generation = this.generation;
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > MAX_PAGE_BYTES) return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      size += buffer.length;
      chunks.push(buffer);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    (res as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    };
    (res as unknown as { end: (...args: unknown[]) => Response }).end = (...args: unknown[]) => {
      keep(args[0], args[1]);
      this.store(key, res, chunks, size, generation, nonce);
      return end(...args);
    };
    next();
  };

  private store(key: string, res: Response, chunks: Buffer[], size: number, generation: number, nonce: string) {
    if (generation !== this.generation || res.statusCode !== 200 || size > MAX_PAGE_BYTES) return;
    if (!String(res.getHeader('Content-Type') ?? '').startsWith('text/html')) return;
    if (res.getHeader('Set-Cookie') || /\b(private|no-store)\b/.test(String(res.getHeader('Cache-Control') ?? ''))) return;
    const body = Buffer.concat(chunks).toString('utf8').split(nonce).join(NONCE_SLOT);
    // Headers the page itself set; the security headers (the CSP with this response's nonce) are set afresh.
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => !['content-length', 'content-security-policy', 'content-encoding', 'date', 'etag'].includes(name))
      .map(([name, value]) => [name, value] as [string, string | string[] | number]);
    const page: KeptPage = { status: 200, headers, body, bytes: body.length, until: Date.now() + this.ttlSeconds * 1000 };
    const previous = this.pages.get(key);
    if (previous) this.bytes -= previous.bytes;
    this.pages.delete(key);
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, old] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= old.bytes;
    }
  }
}
