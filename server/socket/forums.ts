/** Live threads and thread lists: joining is a domain check (the one readability rule), then a room. */
import { z } from 'zod';
import { rooms } from '#app/realtime/rooms';
import { forumIdPayload, joinThreadPayload, threadIdPayload } from '#app/domain/forums/schemas';
import { DomainError } from '#app/domain/errors';
import { readableForum } from '#app/domain/forums/forums.server';
import { readableThread } from '#app/domain/forums/threads.server';
import { postsAfter } from '#app/domain/forums/posts.server';
import { announceTyping } from '#app/domain/forums/presence.server';
import type { Presence } from '../realtime/presence';
import { handler } from './handler';
import type { AppSocket } from './types';

const notFound = () => new DomainError('not_found', 'forums:errors.threadNotFound');

const catchUpPayload = z.object({ threadId: joinThreadPayload.shape.threadId, afterPosition: joinThreadPayload.shape.lastSeenPosition });

/** The forum events, made once per server; `disconnecting` updates "N reading" for the threads a socket leaves. */
export function forumHandlers(presence: () => Presence) {
  const handlers = [
    handler('thread:join', joinThreadPayload, async ({ socket, actor, input }) => {
      // Exactly the page's rule: whoever would get "not found" on the page is refused the room.
      if (!(await readableThread(actor, input))) throw notFound();
      await socket.join(rooms.thread(input.threadId));
      presence().changed(input.threadId);
      // Catch up from the database: whatever was written since the last post this client saw.
      const { posts, complete } = input.lastSeenPosition > 0 ? await postsAfter(actor, { threadId: input.threadId, afterPosition: input.lastSeenPosition }) : { posts: [], complete: true };
      return { missed: posts, complete };
    }),

    // The rest of a long catch-up, batch by batch, for a reader who was away for more than one batch.
    handler('thread:catch-up', catchUpPayload, async ({ socket, actor, input }) => {
      if (!socket.rooms.has(rooms.thread(input.threadId))) throw notFound();
      const { posts, complete } = await postsAfter(actor, input);
      return { missed: posts, complete };
    }),

    handler('thread:leave', threadIdPayload, async ({ socket, input }) => {
      await socket.leave(rooms.thread(input.threadId));
      presence().changed(input.threadId);
      return {};
    }),

    handler('thread:typing', threadIdPayload, async ({ socket, actor, input }) => {
      if (!socket.rooms.has(rooms.thread(input.threadId))) throw notFound();
      await announceTyping(actor, input);
      return {};
    }),

    handler('forum:join', forumIdPayload, async ({ socket, actor, input }) => {
      if (!(await readableForum(actor, input))) throw new DomainError('not_found', 'forums:errors.forumNotFound');
      await socket.join(rooms.forum(input.forumId));
      return {};
    }),
  ];
  function disconnecting(this: AppSocket) {
    for (const room of this.rooms) if (room.startsWith('thread:')) presence().changed(Number(room.slice(7)), this.id);
  }
  return { handlers, disconnecting };
}
