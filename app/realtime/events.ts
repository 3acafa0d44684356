/** Socket.IO events in both directions, typed, shared by server and browser. */
import type { PostView } from '#app/domain/forums/types';

/** Server → client. Past tense. */
export interface ServerToClientEvents {
  'membership:changed': (payload: { municipalityId: number; role: string | null }) => void;
  /** `reason`: the account asked to be deleted (its pages then say so instead of "signed out"). */
  'session:revoked': (info?: { reason?: 'account-deletion' }) => void;
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
  /** Only in a dialogue event's organisers' room: registrations or check-ins changed; re-read the counts. */
  'dialogue:counts-changed': (payload: { eventId: number }) => void;
  /** Only to the person: their registration changed (promoted from the waiting list). */
  'dialogue:registration-changed': (payload: { eventId: number }) => void;
  /** Only in a round's admins' room: someone was invited, saved answers, finished, or the round closed. */
  'round:progress': (payload: { roundId: number }) => void;
  /** Only in the network team's room: an advice request was made, assigned or moved on. */
  'advice:changed': (payload: { requestId: number }) => void;
  /** In an event's Q&A room: questions changed; re-read them (each reader under their own rights). */
  'qa:changed': (payload: { eventId: number }) => void;
}

/** Client → server. Imperative; every handler answers through the ack. */
export interface ClientToServerEvents {
  'town:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  /** Joins a thread's room; `missed` holds the posts after `lastSeenPosition`, the first batch of them when `complete` is false. */
  'thread:join': (payload: unknown, ack: (reply: SocketAck<{ missed: PostView[]; complete: boolean }>) => void) => void;
  /** The next batch after `afterPosition`, for a thread already joined. */
  'thread:catch-up': (payload: unknown, ack: (reply: SocketAck<{ missed: PostView[]; complete: boolean }>) => void) => void;
  'thread:leave': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'thread:typing': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'forum:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'queue:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'dialogue:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'round:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'advice:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
  'qa:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
}

export type SocketAck<T = object> = ({ ok: true } & T) | { ok: false; error: string; message?: string };

export interface SocketData {
  userId: string | null;
  sessionId: string | null;
}
