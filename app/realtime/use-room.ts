/**
 * The two client hooks every live page is built from: `useRoom` joins a room on the shared socket (again
 * after every reconnect, when the server checks the reader once more) and `useSocketEvents` listens to
 * server events. Threads, thread lists, the moderation queue and the Q&A of dialogue events share them.
 */
import { useEffect, useRef } from 'react';
import type { ClientToServerEvents, ServerToClientEvents, SocketAck } from './events';
import { connectSocket } from './socket-client';

type JoinEvent = 'thread:join' | 'forum:join' | 'queue:join' | 'town:join' | 'dialogue:join' | 'qa:join' | 'round:join' | 'advice:join';
type AckOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

interface RoomOptions<E extends JoinEvent> {
  /** Asked at every (re)join, so it can say what the client has seen so far. */
  payload: () => Record<string, unknown>;
  /** The answer to each join; `rejoined` after a reconnect (what happened meanwhile must be caught up). */
  onJoined?: (reply: AckOf<E>, rejoined: boolean) => void;
  /** Sent when the page leaves the room. */
  leave?: { event: 'thread:leave'; payload: Record<string, unknown> };
  enabled?: boolean;
}

export function useRoom<E extends JoinEvent>(event: E, key: string | number, options: RoomOptions<E>) {
  const current = useRef(options);
  current.current = options;
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    const socket = connectSocket();
    let joinedBefore = false;
    let left = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let unavailable = 0;
    const join = () => {
      clearTimeout(retry);
      (socket.emit as (event: string, payload: unknown, ack: (reply: SocketAck) => void) => void)(event, current.current.payload(), (reply) => {
        if (left) return;
        const rejoined = joinedBefore;
        if (reply.ok) joinedBefore = true;
        // The database was away for a moment (after an outage the socket may reconnect before the server's
        // pool does): asked again, with a growing pause, rather than staying outside the room unnoticed.
        if (!reply.ok && reply.error === 'unavailable') {
          retry = setTimeout(() => socket.connected && join(), Math.min(1000 * 2 ** unavailable++, 16_000));
        } else unavailable = 0;
        current.current.onJoined?.(reply as AckOf<E>, rejoined);
      });
    };
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      left = true;
      clearTimeout(retry);
      socket.off('connect', join);
      const leave = current.current.leave;
      if (leave) socket.emit(leave.event, leave.payload, () => {});
    };
  }, [event, key, enabled]);
}

type Handlers = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };

export function useSocketEvents(handlers: Handlers, enabled = true) {
  const current = useRef(handlers);
  current.current = handlers;
  const names = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (!enabled) return;
    const socket = connectSocket();
    const bound = names.split(',').filter(Boolean).map((name) => {
      const listener = (...args: unknown[]) => (current.current[name as keyof ServerToClientEvents] as ((...a: unknown[]) => void) | undefined)?.(...args);
      socket.on(name as keyof ServerToClientEvents, listener as never);
      return [name, listener] as const;
    });
    return () => {
      for (const [name, listener] of bound) socket.off(name as keyof ServerToClientEvents, listener as never);
    };
  }, [names, enabled]);
}
