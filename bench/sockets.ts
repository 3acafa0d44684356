/**
 * Socket.IO clients for the bench, typed with the app's own event maps. A reader follows a thread as the
 * browser hook does (app/realtime/use-thread-live.ts): it joins on every (re)connect from the last position
 * it has, so a dropped connection catches up from the database.
 */
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import type { ClientSocket } from '#app/realtime/socket-client';
import type { PostView } from '#app/domain/forums/posts.server';

export type Via = 'live' | 'catch-up';

export interface ThreadReader {
  socket: ClientSocket;
  /** Settles after the first join was acknowledged (rejects if it was refused or took over 60 s). */
  joined: Promise<void>;
  /** Connections after the first one (each followed by a catch-up join). */
  reconnects(): number;
}

/**
 * Connects to `url` over WebSocket and follows `threadId` from `lastPosition` on. `onPost` gets every post
 * of the thread, live or from a catch-up, with the time it arrived (performance.now(), taken first thing).
 */
export function readThread(url: string, threadId: number, lastPosition: number, onPost: (post: PostView, via: Via, receivedAt: number) => void): ThreadReader {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 2000 });
  let last = lastPosition;
  let connects = 0;
  let settle: { resolve: () => void; reject: (error: Error) => void };
  const joined = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const timeout = setTimeout(() => settle.reject(new Error(`no join within 60 s (${url})`)), 60_000);
  joined.then(() => clearTimeout(timeout), () => clearTimeout(timeout));

  socket.on('post:created', ({ post }) => {
    const receivedAt = performance.now();
    if (post.threadId !== threadId) return;
    last = Math.max(last, post.position);
    onPost(post, 'live', receivedAt);
  });
  socket.on('connect', () => {
    connects++;
    socket.emit('thread:join', { threadId, lastSeenPosition: last }, (reply) => {
      if (!reply.ok) return settle.reject(new Error(`thread:join refused: ${reply.error}`));
      const receivedAt = performance.now();
      for (const post of reply.missed) {
        last = Math.max(last, post.position);
        onPost(post, 'catch-up', receivedAt);
      }
      settle.resolve();
    });
  });
  return { socket, joined, reconnects: () => Math.max(0, connects - 1) };
}

/** Opens `count` readers, at most `concurrency` handshakes at a time, printing progress every 10 %. */
export async function openReaders(count: number, concurrency: number, open: (index: number) => ThreadReader, say: (line: string) => void, label: string): Promise<ThreadReader[]> {
  const readers: ThreadReader[] = [];
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.floor(count / 10));
  const worker = async () => {
    while (next < count) {
      const reader = open(next++);
      readers.push(reader);
      await reader.joined;
      if (++done % step === 0 || done === count) say(`${label}: ${done}/${count} connected and joined`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return readers;
}

export async function closeReaders(readers: ThreadReader[]): Promise<void> {
  for (const reader of readers) reader.socket.disconnect();
  await new Promise((r) => setTimeout(r, 200));
}
