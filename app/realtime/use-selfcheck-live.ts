import { useRoom, useSocketEvents } from './use-room';

/** A round's live progress for its town's admin: `onChange` after every save, invitation or close, and after a reconnect. */
export function useRoundProgressLive(roundId: number, enabled: boolean, onChange: () => void) {
  useRoom('round:join', roundId, { enabled, payload: () => ({ roundId }), onJoined: (reply, rejoined) => reply.ok && rejoined && onChange() });
  useSocketEvents({ 'round:progress': (event) => event.roundId === roundId && onChange() }, enabled);
}

/** The network team's advice queue, live. */
export function useAdviceQueueLive(enabled: boolean, onChange: () => void) {
  useRoom('advice:join', 'advice', { enabled, payload: () => ({}), onJoined: (reply, rejoined) => reply.ok && rejoined && onChange() });
  useSocketEvents({ 'advice:changed': () => onChange() }, enabled);
}
