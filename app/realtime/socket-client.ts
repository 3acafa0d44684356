import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './events';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: ClientSocket | null = null;

/** One socket per page, shared by every component that needs live updates. */
export function connectSocket(): ClientSocket {
  shared ??= io({ withCredentials: true, transports: ['websocket', 'polling'] });
  return shared;
}
