import { useRoom, useSocketEvents } from './use-room';

/**
 * A town's live moderation queue: for moderators only (the server refuses anyone else), calls `onChange`
 * whenever a report, hold, claim, decision or appeal changes the queue — and after every reconnect, so
 * nothing that happened meanwhile is missed.
 */
export function useModerationLive(townId: number, enabled: boolean, onChange: () => void) {
  useRoom('queue:join', townId, { enabled, payload: () => ({ townId }), onJoined: (reply, rejoined) => reply.ok && rejoined && onChange() });
  useSocketEvents({ 'queue:changed': (event) => event.townId === townId && onChange() }, enabled);
}
