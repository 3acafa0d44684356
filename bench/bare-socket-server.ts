/**
 * The fan-out baseline: a bare Socket.IO server — no Express, no Remix, no database, no sessions. Clients
 * join a thread room with the app's `thread:join`; `POST /broadcast` ({ threadId, post }) emits the post to
 * that room as the app's `post:created`, just as server/realtime/listener.ts does after reading the post
 * (with `createdAt` set to the moment of the emit, so the bench can split send-to-receive).
 * Run as a child process by the bench (`PORT=… node --import tsx bench/bare-socket-server.ts`).
 */
import http from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '#app/realtime/events';
import type { PostView } from '#app/domain/forums/posts.server';
import { rooms } from '#app/realtime/rooms';

const httpServer = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  if (req.method === 'POST' && req.url === '/broadcast') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { threadId, post } = JSON.parse(body) as { threadId: number; post: PostView };
      post.createdAt = new Date().toISOString().replace('Z', '000+00:00'); // the emit's moment, shaped like PostgreSQL's
      io.to(rooms.thread(threadId)).emit('post:created', { post });
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});

// The same Socket.IO options as the app (server/socket/index.ts), without its origin check and session lookup.
const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

io.on('connection', (socket) => {
  socket.on('thread:join', (payload, ack) => {
    const threadId = Number((payload as { threadId?: unknown } | null)?.threadId);
    if (!Number.isInteger(threadId) || threadId <= 0) return ack({ ok: false, error: 'invalid' });
    void socket.join(rooms.thread(threadId));
    ack({ ok: true, missed: [], complete: true });
  });
});

httpServer.listen(Number(process.env.PORT) || 0, process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => {
  io.disconnectSockets(true);
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
