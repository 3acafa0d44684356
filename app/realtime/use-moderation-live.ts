import { useEffect, useRef } from 'react';
import { connectSocket } from './socket-client';

/**
 * A town's live moderation queue: for moderators only (the server refuses anyone else), calls `onChange`
 * whenever a report, hold, claim, decision or appeal changes the queue — and after every reconnect, so
 * nothing that happened meanwhile is missed.
 */
export function useModerationLive(townId: number, enabled: boolean, onChange: () => void) {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!enabled) return;
    const socket = connectSocket();
    let joinedBefore = false;
    const join = () =>
      socket.emit('queue:join', { townId }, (reply) => {
        if (reply.ok && joinedBefore) callback.current();
        joinedBefore = true;
      });
    const changed = (event: { townId: number }) => event.townId === townId && callback.current();
    socket.on('connect', join);
    socket.on('queue:changed', changed);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off('queue:changed', changed);
    };
  }, [townId, enabled]);
}
