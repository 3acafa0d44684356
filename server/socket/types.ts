import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '#app/realtime/events';

/** Between app processes, only with REALTIME_BUS=redis-streams: what the outbox relay tells every process. */
export interface InterServerEvents {
  'bus:content-changed': () => void;
  'bus:presence': (threadId: number, processId: string, count: number) => void;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
