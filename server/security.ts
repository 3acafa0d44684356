/** Security headers with a per-request CSP nonce, and an Origin check on every state-changing request. */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  next();
}

export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
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

/** Origins the app answers as: its own host (and PUBLIC_URL behind a proxy). */
export function isAllowedOrigin(req: IncomingMessage, publicUrl: string | null, protocol: string): boolean {
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  if (!origin) return !fetchSite || fetchSite === 'same-origin' || fetchSite === 'none';
  if (origin === `${protocol}://${req.headers.host}`) return true;
  return !!publicUrl && origin === new URL(publicUrl).origin;
}

export function originCheck(publicUrl: string | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || isAllowedOrigin(req, publicUrl, req.protocol)) return next();
    res.status(403).type('text/plain').send('Cross-origin request refused.');
  };
}
