/**
 * Socket.IO on the app's own HTTP server. The handshake reads the same session cookie as pages; a
 * signed-in socket joins `user:{id}` and `session:{id}` so revocations can disconnect it. Guests connect
 * too, for public rooms only. Every event handler has one shape (handler.ts).
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { rooms } from '#app/realtime/rooms';
import { validateSession } from '#app/domain/auth/sessions.server';
import { isDatabaseUnavailable } from '#app/database/outage';
import { isAllowedOrigin } from '../http/security';
import type { Presence } from '../realtime/presence';
import { townHandlers } from './towns';
import { forumHandlers } from './forums';
import { moderationHandlers } from './moderation';
import { dialogueHandlers } from './dialogues';
import { selfcheckHandlers } from './selfcheck';
import { handlerRouter } from './handler';
import { floodGuard } from './flood-guard';
import type { IoServer } from './types';

export type { IoServer } from './types';

function allHandlers(presence: () => Presence) {
  const forums = forumHandlers(presence);
  return { handlers: [...townHandlers, ...forums.handlers, ...moderationHandlers, ...dialogueHandlers, ...selfcheckHandlers], disconnecting: forums.disconnecting };
}

/** Every client event the server answers (the socket tests send each one every kind of bad payload). */
export const clientEvents = (): string[] =>
  allHandlers(() => {
    throw new Error('only the names are wanted');
  }).handlers.map(({ event }) => event);

export function createSocketServer(
  httpServer: HttpServer,
  options: { publicUrl: string | null; presence: () => Presence; adapter?: ServerOptions['adapter'] },
): IoServer {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    maxHttpBufferSize: 64 * 1024,
    // Refuse cross-site handshakes: the cookie would otherwise authenticate another site's socket.
    allowRequest: (req, callback) => {
      const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
      callback(null, isAllowedOrigin(req, options.publicUrl, protocol));
    },
  });

  io.use(async (socket, next) => {
    try {
      const session = await validateSession(socket.request.headers.cookie, false);
      socket.data.userId = session?.userId ?? null;
      socket.data.sessionId = session?.sessionId ?? null;
      next();
    } catch (error) {
      // While the database is down a session cannot be checked: let the socket in as a guest rather than
      // refuse it (a refused client does not retry). When the database is back, the listener reconnects every
      // socket (decision 007) and this runs again with the session.
      if (!isDatabaseUnavailable(error)) return next(error as Error);
      socket.data.userId = null;
      socket.data.sessionId = null;
      next();
    }
  });

  const { handlers, disconnecting } = allHandlers(options.presence);
  const routeEvents = handlerRouter(handlers);
  io.on('connection', (socket) => {
    floodGuard(socket);
    if (socket.data.userId && socket.data.sessionId) {
      void socket.join([rooms.user(socket.data.userId), rooms.session(socket.data.sessionId)]);
    }
    routeEvents(socket);
    socket.on('disconnecting', disconnecting);
  });
  return io;
}
