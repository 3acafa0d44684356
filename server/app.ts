/**
 * Express + Remix + Socket.IO on one HTTP server. Used by `npm start` (server/index.ts) and by the socket
 * tests, which start it without the Remix build.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import { sql } from '#app/db.server';
import { deliverDueMail } from '#app/domain/mail/outbox.server';
import { pruneThrottleEvents } from '#app/domain/auth/throttle.server';
import { sendNotificationDigests } from '#app/domain/forums/notifications.server';
import { closeSessionStore } from '#app/domain/auth/sessions.server';
import { createSocketServer, registerPresenceAwareHandlers, type IoServer } from './socket';
import { Presence } from './realtime/presence';
import { listenForDomainEvents } from './realtime/listener';
import { cspNonce, originCheck, securityHeaders } from './security';

export interface AppServerOptions {
  port: number;
  host?: string;
  publicUrl: string | null;
  demoMode: boolean;
  trustProxy?: string | boolean;
  remixBuild: ServerBuild | null;
  log?: (line: string) => void;
}

export interface AppServer {
  url: string;
  io: IoServer;
  /** Stops accepting, disconnects sockets, ends background work and the database pools. */
  close(): Promise<void>;
}

async function databaseIsUp(): Promise<boolean> {
  try {
    await Promise.race([sql`select 1`, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return true;
  } catch {
    return false;
  }
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const log = options.log ?? (() => {});
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);

  app.get('/healthz', async (_req, res) => {
    const up = await databaseIsUp();
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'degraded', db: up ? 'ok' : 'down' });
  });

  app.use(cspNonce, securityHeaders, originCheck(options.publicUrl));
  app.use('/build', express.static(path.resolve('public/build'), { immutable: true, maxAge: '1y' }));
  app.use('/locales', express.static(path.resolve('locales'), { maxAge: '5m' }));
  app.use(express.static(path.resolve('public'), { maxAge: '1h' }));
  app.get('/favicon.ico', (_req, res) => res.type('image/svg+xml').sendFile(path.resolve('public/favicon.svg')));

  if (options.remixBuild) {
    const build = options.remixBuild;
    app.all(
      '*',
      createRequestHandler({
        build,
        getLoadContext: (req, res) => ({
          cspNonce: res.locals.cspNonce as string,
          demoMode: options.demoMode,
          clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          secure: req.secure,
        }),
      }),
    );
  }

  const httpServer = http.createServer(app);
  const io = createSocketServer(httpServer, { publicUrl: options.publicUrl });
  const presence = new Presence(io, log);
  registerPresenceAwareHandlers(io, presence);
  const listener = await listenForDomainEvents(process.env.DATABASE_URL!, io, presence, log);

  let mailRunning = false;
  let ticks = 0;
  const mailTimer = setInterval(async () => {
    if (mailRunning) return;
    mailRunning = true;
    try {
      // Digests once a minute (each person at most daily); the outbox every tick.
      if (ticks++ % 12 === 0) await sendNotificationDigests(options.publicUrl ?? `http://localhost:${(httpServer.address() as AddressInfo).port}`);
      await deliverDueMail();
      await pruneThrottleEvents(sql);
    } catch (error) {
      log(`Mail delivery will be retried: ${String(error)}`);
    } finally {
      mailRunning = false;
    }
  }, 5000);
  mailTimer.unref();

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    io,
    async close() {
      clearInterval(mailTimer);
      presence.stop();
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await stopped;
      await listener.unlisten().catch(() => {});
      await closeSessionStore();
      await sql.end({ timeout: 3 });
    },
  };
}
