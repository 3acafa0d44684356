/** Typed events in both directions, shared by server and browser. */

/** Facts published by the domain (pg_notify) and bridged to Socket.IO rooms by server/realtime. */
export type DomainEvent =
  | { type: 'session:revoked'; userId: string; sessionIds: string[] | 'all' }
  | { type: 'membership:changed'; userId: string; municipalityId: number; role: string | null };

/** Server → client. Past tense. */
export interface ServerToClientEvents {
  'membership:changed': (payload: { municipalityId: number; role: string | null }) => void;
  'session:revoked': () => void;
}

/** Client → server. Imperative; every handler answers through the ack. */
export interface ClientToServerEvents {
  'town:join': (payload: unknown, ack: (reply: SocketAck) => void) => void;
}

export type SocketAck = { ok: true } | { ok: false; error: string; message?: string };

export interface SocketData {
  userId: string | null;
  sessionId: string | null;
}
