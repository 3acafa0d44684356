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
import { handle } from './handler';
import type { AppSocket } from './types';

const notFound = () => new DomainError('not_found', 'forums:errors.threadNotFound');

const catchUpPayload = z.object({ threadId: joinThreadPayload.shape.threadId, afterPosition: joinThreadPayload.shape.lastSeenPosition });

export function registerForumHandlers(socket: AppSocket, presence: Presence) {
  handle(socket, 'thread:join', joinThreadPayload, async ({ actor, input }) => {
    // Exactly the page's rule: whoever would get "not found" on the page is refused the room.
    if (!(await readableThread(actor, input))) throw notFound();
    await socket.join(rooms.thread(input.threadId));
    presence.changed(input.threadId);
    // Catch up from the database: whatever was written since the last post this client saw.
    const { posts, complete } = input.lastSeenPosition > 0 ? await postsAfter(actor, { threadId: input.threadId, afterPosition: input.lastSeenPosition }) : { posts: [], complete: true };
    return { missed: posts, complete };
  });

  // The rest of a long catch-up, batch by batch, for a reader who was away for more than one batch.
  handle(socket, 'thread:catch-up', catchUpPayload, async ({ actor, input }) => {
    if (!socket.rooms.has(rooms.thread(input.threadId))) throw notFound();
    const { posts, complete } = await postsAfter(actor, input);
    return { missed: posts, complete };
  });

  handle(socket, 'thread:leave', threadIdPayload, async ({ input }) => {
    await socket.leave(rooms.thread(input.threadId));
    presence.changed(input.threadId);
    return {};
  });

  handle(socket, 'thread:typing', threadIdPayload, async ({ actor, input }) => {
    if (!socket.rooms.has(rooms.thread(input.threadId))) throw notFound();
    await announceTyping(actor, input);
    return {};
  });

  handle(socket, 'forum:join', forumIdPayload, async ({ actor, input }) => {
    if (!(await readableForum(actor, input))) throw new DomainError('not_found', 'forums:errors.forumNotFound');
    await socket.join(rooms.forum(input.forumId));
    return {};
  });

  socket.on('disconnecting', () => {
    for (const room of socket.rooms) if (room.startsWith('thread:')) presence.changed(Number(room.slice(7)), socket.id);
  });
}
