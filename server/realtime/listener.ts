/**
 * The LISTEN → emit bridge: one LISTEN connection per process receives every committed domain event and
 * emits it to the Socket.IO rooms of its audience (see ARCHITECTURE.md). Post events carry ids only; the
 * post is read once per process, already shaped for the thread's readers.
 */
import type { Sql } from 'postgres';
import type { DomainEvent } from '#app/realtime/events';
import { rooms } from '#app/realtime/rooms';
import { EVENTS_CHANNEL } from '#app/domain/events.server';
import { getPostView } from '#app/domain/forums/posts.server';
import type { IoServer } from '../socket';
import type { Presence } from './presence';

export async function dispatch(io: IoServer, presence: Presence, event: DomainEvent): Promise<void> {
  switch (event.type) {
    case 'session:revoked': {
      const targets = event.sessionIds === 'all' ? [rooms.user(event.userId)] : event.sessionIds.map(rooms.session);
      for (const room of targets) {
        io.to(room).emit('session:revoked');
        io.in(room).disconnectSockets(true);
      }
      break;
    }
    case 'membership:changed':
      io.to(rooms.user(event.userId)).emit('membership:changed', { municipalityId: event.municipalityId, role: event.role });
      break;
    case 'post:created':
    case 'post:updated': {
      const post = await getPostView(event.postId);
      if (post) io.to(rooms.thread(event.threadId)).emit(event.type, { post });
      io.to(rooms.forum(event.forumId)).emit('thread:activity', { forumId: event.forumId, threadId: event.threadId });
      break;
    }
    case 'post:deleted':
      io.to(rooms.thread(event.threadId)).emit('post:deleted', { threadId: event.threadId, postId: event.postId });
      io.to(rooms.forum(event.forumId)).emit('thread:activity', { forumId: event.forumId, threadId: event.threadId });
      break;
    case 'notifications:created':
      for (const userId of event.userIds) io.to(rooms.user(userId)).emit('notification:created');
      break;
    case 'thread:typing':
      io.to(rooms.thread(event.threadId)).emit('thread:typing', { threadId: event.threadId, userId: event.userId, displayName: event.displayName });
      break;
    case 'thread:presence':
      presence.receive(event.threadId, event.processId, event.count);
      break;
  }
}

export async function listenForDomainEvents(sql: Sql, io: IoServer, presence: Presence, log: (line: string) => void) {
  // Events are handled one after another, so readers see posts in commit order.
  let queue = Promise.resolve();
  return sql.listen(
    EVENTS_CHANNEL,
    (payload) => {
      queue = queue
        .then(() => dispatch(io, presence, JSON.parse(payload) as DomainEvent))
        .catch((error) => log(`A domain event could not be delivered: ${String(error)}`));
    },
    () => log('Listening for domain events.'),
  );
}
