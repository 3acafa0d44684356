/** Security headers with a per-request CSP nonce, and an Origin check on every state-changing request. */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

// Nonces are cut from a block of random bytes filled 256 nonces at a time, as crypto.randomUUID does: one
// call into the system's generator per request showed in the profiles. Every nonce is used once.
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  if (nonceOffset === noncePool.length) {
    crypto.randomFillSync(noncePool);
    nonceOffset = 0;
  }
  res.locals.cspNonce = noncePool.toString('base64', nonceOffset, (nonceOffset += NONCE_BYTES));
  next();
}

export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'object-src': ["'none'"],
    },
  },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  strictTransportSecurity: false, // set by the TLS-terminating proxy, which knows whether https is in use
  crossOriginEmbedderPolicy: false,
  xFrameOptions: { action: 'deny' },
});

/**
 * Powerful browser features the app does not use are switched off for every page; the camera only for the
 * app itself (organisers scan check-in codes on their phones).
 */
const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'midi=()',
  'display-capture=()',
  'browsing-topics=()',
].join(', ');

export function permissionsPolicy(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
}

/** Origins the app answers as: its own host (and PUBLIC_URL behind a proxy). */
export function isAllowedOrigin(req: IncomingMessage, publicUrl: string | null, protocol: string): boolean {
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  if (!origin) return !fetchSite || fetchSite === 'same-origin' || fetchSite === 'none';
  if (origin === `${protocol}://${req.headers.host}`) return true;
  return !!publicUrl && origin === new URL(publicUrl).origin;
}

export function originCheck(publicUrl: string | null) {
  const publicOrigin = publicUrl ? new URL(publicUrl) : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    if (!isAllowedOrigin(req, publicUrl, req.protocol)) {
      res.status(403).type('text/plain').send('Cross-origin request refused.');
      return;
    }
    // A proxy in front may pass its upstream's name as Host (nginx does by default). The post came from the
    // public address, checked above; Remix compares the Origin with the Host once more and would refuse it.
    if (publicOrigin && req.headers.origin === publicOrigin.origin) {
      req.headers.host = publicOrigin.host;
      if ('x-forwarded-host' in req.headers) req.headers['x-forwarded-host'] = publicOrigin.host;
    }
    next();
  };
}

/**
 * Made on this machine and not passed on by a proxy: what the development mailbox requires, so demo mode
 * never shows someone else's sign-in links to a visitor from the network.
 */
export function isDirectLocalRequest(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
  const forwarded = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'via'].some((name) => name in req.headers);
  return loopback && !forwarded;
}
