/**
 * Express + Remix + Socket.IO on one HTTP server: the request limits and security headers, static files,
 * the Remix handler, and the app's runtime (sockets, bus listener, jobs). Nothing of the app is imported
 * here at run time: the runtime comes from the Remix build (or, in tests, from source), so there is one
 * module graph per process (server/runtime-contract.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import compression from 'compression';
import type { ServerBuild } from '@remix-run/node';
import type { Realtime, ServerRuntime } from './runtime-contract';
import { cspNonce, isDirectLocalRequest, originCheck, permissionsPolicy, securityHeaders } from './http/security';
import { applyTimeouts, bodyLimit, privateResponses } from './http/limits';
import { GuestPageCache } from './http/guest-page-cache';
import { remixHandler } from './http/remix-handler';

export interface AppServerOptions {
  runtime: ServerRuntime;
  /** null in socket tests, which need no pages. */
  build: ServerBuild | null;
  /** Defaults from the runtime's settings. */
  port?: number;
  host?: string;
  /** Run the job worker (default true; tests of other things switch it off). */
  jobs?: boolean;
  log?: (line: string) => void;
}

export interface AppServer {
  url: string;
  io: Realtime['io'];
  /** Stops accepting, disconnects sockets, ends background work and the database pool. */
  close(): Promise<void>;
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const log = options.log ?? (() => {});
  const { runtime } = options;
  const config = runtime.settings();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.get('/healthz', async (_req, res) => {
    const up = await runtime.databaseIsUp();
    res.status(up ? 200 : 503).set('Cache-Control', 'no-store').json({ status: up ? 'ok' : 'degraded', db: up ? 'ok' : 'down' });
  });

  app.use(bodyLimit, cspNonce, securityHeaders, permissionsPolicy, originCheck(config.publicUrl));
  // Pages, scripts and styles compressed where the browser accepts it (a thread page shrinks to about a fifth).
  app.use(compression());
  app.use('/build', express.static(path.resolve('public/build'), { immutable: true, maxAge: '1y' }));
  app.use('/locales', express.static(config.localesDir, { maxAge: '5m' }));
  // The few files at the top of public/ by name: a static middleware on "/" would look for every page's path
  // on disk first.
  app.get(['/favicon.svg', '/favicon.ico'], (_req, res) => res.type('image/svg+xml').set('Cache-Control', 'public, max-age=3600').sendFile(path.resolve('public/favicon.svg')));

  const guestPages = new GuestPageCache(config.guestPageCacheSeconds);
  if (options.build) {
    app.all(
      '*',
      privateResponses,
      guestPages.middleware,
      remixHandler({
        build: options.build,
        getLoadContext: (req, res) => ({
          cspNonce: res.locals.cspNonce as string,
          clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          https: req.secure,
          directLocalRequest: isDirectLocalRequest(req),
        }),
      }),
    );
  }

  const httpServer = http.createServer(app);
  applyTimeouts(httpServer);
  const realtime = await runtime.attach(httpServer, { log, jobs: options.jobs });
  realtime.onContentChange(() => guestPages.invalidate());

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? config.port, options.host ?? config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    io: realtime.io,
    async close() {
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await realtime.close();
      httpServer.closeAllConnections();
      await stopped;
      await runtime.closeDatabase();
    },
  };
}
