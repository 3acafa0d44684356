/** Typed events in both directions, shared by server and browser. */
import type { PostView } from '#app/domain/forums/posts.server';

type PostRef = { townId: number; forumId: number; threadId: number; postId: number };

/** Facts published by the domain (pg_notify) and bridged to Socket.IO rooms by server/realtime. Ids, not content. */
export type DomainEvent =
  | { type: 'session:revoked'; userId: string; sessionIds: string[] | 'all' }
  | { type: 'membership:changed'; userId: string; municipalityId: number; role: string | null }
  | ({ type: 'post:created' } & PostRef)
  | ({ type: 'post:updated' } & PostRef)
  | ({ type: 'post:deleted' } & PostRef)
  | { type: 'notifications:created'; userIds: string[] }
  | { type: 'thread:typing'; threadId: number; userId: string; displayName: string }
  | { type: 'thread:presence'; threadId: number; processId: string; count: number }
  | { type: 'thread:changed'; townId: number; forumId: number; threadId: number; previousForumId?: number }
  | { type: 'queue:changed'; townId: number; caseId?: number };

/** Server → client. Past tense. */
export interface ServerToClientEvents {
  'membership:changed': (payload: { municipalityId: number; role: string | null }) => void;
  'session:revoked': () => void;
  'post:created': (payload: { post: PostView }) => void;
  'post:updated': (payload: { post: PostView }) => void;
  'post:deleted': (payload: { threadId: number; postId: number }) => void;
  'thread:activity': (payload: { forumId: number; threadId: number }) => void;
  'thread:typing': (payload: { threadId: number; userId: string; displayName: string }) => void;
  'thread:readers': (payload: { threadId: number; count: number }) => void;
  'notification:created': () => void;
  /** A moderator changed the thread (lock, title, pin, move, slow mode): re-read it. */
  'thread:changed': (payload: { threadId: number }) => void;
  /** Only in a town's moderators' room: the queue changed (a report, a hold, a claim, a decision, an appeal). */
  'queue:changed': (payload: { townId: number; caseId?: number }) => void;
}

/** Client → server. Imperative; every handler answers through the ack. */
export interface ClientToServerEvents {
  'town:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'thread:join': (payload: unknown, ack: (reply: SocketAck<{ missed: PostView[]; complete: boolean }>) => void) => void;
  'thread:leave': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'thread:typing': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'forum:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'queue:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
}

export type SocketAck<T = object> = ({ ok: true } & T) | { ok: false; error: string; message?: string };

export interface SocketData {
  userId: string | null;
  sessionId: string | null;
}
