/** Socket handlers for forums: thin adapters that validate, ask the domain, and join rooms. */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '#app/realtime/events';
import { rooms } from '#app/realtime/rooms';
import { forumIdPayload, joinThreadPayload, threadIdPayload } from '#app/domain/forums/schemas';
import { readableForum, readableThread } from '#app/domain/forums/threads.server';
import { postsAfter } from '#app/domain/forums/posts.server';
import { announceTyping } from '#app/domain/forums/presence.server';
import { loadActor } from '#app/domain/auth/actor.server';
import { isDomainError } from '#app/domain/errors';
import type { Presence } from '../realtime/presence';

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
const CATCH_UP_LIMIT = 200;

/** Runs a handler with a parsed payload and always answers the ack, whatever goes wrong. */
function handle<S extends z.ZodTypeAny>(schema: S, run: (input: z.infer<S>) => Promise<{ ok: boolean; error?: string }>) {
  return async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: 'invalid' });
    try {
      reply(await run(parsed.data));
    } catch (error) {
      reply({ ok: false, error: isDomainError(error) ? error.code : 'unavailable' });
    }
  };
}

export function registerForumHandlers(socket: AppSocket, presence: Presence) {
  socket.on(
    'thread:join',
    handle(joinThreadPayload, async ({ threadId, lastSeenPosition }) => {
      if (!(await readableThread(threadId))) return { ok: false, error: 'forbidden' };
      await socket.join(rooms.thread(threadId));
      presence.changed(threadId);
      // Catch up from the database: whatever was written since the last post this client saw.
      const missed = lastSeenPosition > 0 ? await postsAfter(threadId, lastSeenPosition, CATCH_UP_LIMIT) : [];
      return { ok: true, missed, complete: missed.length < CATCH_UP_LIMIT };
    }),
  );

  socket.on(
    'thread:leave',
    handle(threadIdPayload, async ({ threadId }) => {
      await socket.leave(rooms.thread(threadId));
      presence.changed(threadId);
      return { ok: true };
    }),
  );

  socket.on(
    'thread:typing',
    handle(threadIdPayload, async ({ threadId }) => {
      if (!socket.data.userId || !socket.rooms.has(rooms.thread(threadId))) return { ok: false, error: 'forbidden' };
      await announceTyping(await loadActor(socket.data.userId), threadId);
      return { ok: true };
    }),
  );

  socket.on(
    'forum:join',
    handle(forumIdPayload, async ({ forumId }) => {
      if (!(await readableForum(forumId))) return { ok: false, error: 'forbidden' };
      await socket.join(rooms.forum(forumId));
      return { ok: true };
    }),
  );

  socket.on('disconnecting', () => {
    for (const room of socket.rooms) if (room.startsWith('thread:')) presence.changed(Number(room.slice(7)), socket.id);
  });
}
