/**
 * The LISTEN → emit bridge: one LISTEN connection per process receives every committed bus message and
 * emits it to the Socket.IO rooms of its audience (docs/architecture.md). Post messages carry ids only; the
 * post is read once per process as every member of the thread's room may read it, under the same
 * readability rules as every page (app/domain/forums/visibility.server.ts).
 */
import postgres from 'postgres';
import type { BusMessage } from '#app/domain/bus';
import { rooms } from '#app/realtime/rooms';
import { BUS_CHANNEL } from '#app/domain/bus.server';
import { getPostForRoom } from '#app/domain/forums/posts.server';
import { roundIdsOfTown } from '#app/domain/selfcheck/live.server';
import type { IoServer } from '../socket/types';
import type { Presence } from './presence';

export async function dispatch(io: IoServer, presence: Presence, event: BusMessage): Promise<void> {
  switch (event.type) {
    case 'session:revoked': {
      const targets = event.sessionIds === 'all' ? [rooms.user(event.userId)] : event.sessionIds.map(rooms.session);
      for (const room of targets) {
        io.to(room).emit('session:revoked', event.reason ? { reason: event.reason } : undefined);
        io.in(room).disconnectSockets(true);
      }
      break;
    }
    case 'membership:changed':
      io.to(rooms.user(event.userId)).emit('membership:changed', { municipalityId: event.municipalityId, role: event.role });
      // Someone who no longer moderates here leaves the town's live queue at once.
      if (event.role !== 'moderator' && event.role !== 'admin') io.in(rooms.user(event.userId)).socketsLeave(rooms.moderation(event.municipalityId));
      // Someone who is no longer the town's admin leaves its self-check rounds' progress.
      if (event.role !== 'admin') void leaveSelfcheckRooms(io, event.userId, event.municipalityId);
      break;
    case 'post:created':
    case 'post:updated': {
      const found = await getPostForRoom({ postId: event.postId });
      // What not everyone in the room may read (a held post) is not sent to the room at all.
      if (!found) break;
      io.to(rooms.thread(event.threadId)).emit(event.type, { post: found.post });
      // A forum's thread list is public: a held thread does not exist there.
      if (!found.threadHeld) io.to(rooms.forum(event.forumId)).emit('thread:activity', { forumId: event.forumId, threadId: event.threadId });
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
    case 'thread:changed':
      io.to(rooms.thread(event.threadId)).emit('thread:changed', { threadId: event.threadId });
      io.to(rooms.forum(event.forumId)).emit('thread:activity', { forumId: event.forumId, threadId: event.threadId });
      if (event.previousForumId) io.to(rooms.forum(event.previousForumId)).emit('thread:activity', { forumId: event.previousForumId, threadId: event.threadId });
      break;
    case 'queue:changed':
      io.to(rooms.moderation(event.townId)).emit('queue:changed', { townId: event.townId, caseId: event.caseId });
      break;
    case 'dialogue:registrations-changed':
      io.to(rooms.dialogueOrganisers(event.eventId)).emit('dialogue:counts-changed', { eventId: event.eventId });
      break;
    case 'dialogue:questions-changed':
      io.to(rooms.dialogueQuestions(event.eventId)).emit('qa:changed', { eventId: event.eventId });
      break;
    case 'dialogue:promoted':
      for (const userId of event.userIds) io.to(rooms.user(userId)).emit('dialogue:registration-changed', { eventId: event.eventId });
      break;
    case 'round:progress':
      io.to(rooms.selfcheckRound(event.roundId)).emit('round:progress', { roundId: event.roundId });
      break;
    case 'advice:changed':
      io.to(rooms.adviceQueue()).emit('advice:changed', { requestId: event.requestId });
      break;
    case 'thread:presence':
      presence.receive(event.threadId, event.processId, event.count);
      break;
  }
}

async function leaveSelfcheckRooms(io: IoServer, userId: string, townId: number) {
  for (const roundId of await roundIdsOfTown({ townId })) io.in(rooms.user(userId)).socketsLeave(rooms.selfcheckRound(roundId));
}

/**
 * LISTENs on a connection of its own. When the database goes away (a restart, a failover), postgres.js
 * listens again by itself once it is back; the client's own short back-off makes that within two seconds
 * (the app pool's grows to 20 s while its queries fail). Whatever was published in between is lost to this
 * process, so after listening again it drops every socket's connection: the clients reconnect by themselves,
 * the handshake re-reads the session, and `thread:join` catches up from the database with the last position
 * the client saw — the path of any network drop, so nothing is missed or doubled.
 */
/** What only says who is here or typing: no page shows it, so kept pages stay valid. */
export const EPHEMERAL: ReadonlySet<BusMessage['type']> = new Set(['thread:typing', 'thread:presence']);

export async function listenForBusMessages(databaseUrl: string, io: IoServer, presence: Presence, log: (line: string) => void, contentChanged: () => void = () => {}) {
  const client = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    backoff: (retries) => Math.min(0.1 * 2 ** retries, 2),
    connection: { application_name: 'weltoffen-listener' },
  });
  // Events are handled one after another, so readers see posts in commit order.
  let queue = Promise.resolve();
  let listened = false;
  const listening = await client.listen(
    BUS_CHANNEL,
    (payload) => {
      let event: BusMessage;
      try {
        event = JSON.parse(payload) as BusMessage;
      } catch (error) {
        log(`A domain event could not be read: ${String(error)}`);
        contentChanged();
        return;
      }
      // At once, not in the queue: the change is committed, so no page from before it may be served again.
      if (!EPHEMERAL.has(event.type)) contentChanged();
      queue = queue
        .then(() => dispatch(io, presence, event))
        .catch((error) => log(`A domain event could not be delivered: ${String(error)}`));
    },
    () => {
      if (!listened) {
        listened = true;
        log('Listening on the message bus.');
        return;
      }
      // Whatever was published meanwhile is lost: kept pages may be out of date.
      contentChanged();
      const sockets = [...io.of('/').sockets.values()];
      log(`Listening on the message bus again; reconnecting ${sockets.length} socket(s) so their clients catch up.`);
      // Not socket.disconnect(): a server-side disconnect means "signed out" to the client, which would not return.
      for (const socket of sockets) socket.conn.close();
    },
  );
  return {
    async unlisten() {
      await listening.unlisten().catch(() => {});
      await client.end({ timeout: 2 });
    },
  };
}
