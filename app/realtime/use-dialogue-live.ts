import { useRoom, useSocketEvents } from './use-room';

/**
 * A dialogue event's page, live: organisers join the event's room (the server refuses anyone else) and hear
 * when registrations or check-ins change; a registrant hears when their own registration changed (a seat
 * from the waiting list). Either way `onChange` re-reads the page, whose loader applies the usual rules, so
 * nothing but ids ever travels over the socket.
 */
export function useDialogueLive(event: { eventId: number; townId: number | null }, options: { organiser: boolean; registered: boolean }, onChange: () => void) {
  useRoom('dialogue:join', event.eventId, {
    enabled: options.organiser,
    payload: () => ({ eventId: event.eventId, townId: event.townId }),
    onJoined: (reply, rejoined) => reply.ok && rejoined && onChange(),
  });
  useSocketEvents(
    {
      'dialogue:counts-changed': (payload) => payload.eventId === event.eventId && onChange(),
      'dialogue:registration-changed': (payload) => payload.eventId === event.eventId && onChange(),
    },
    options.organiser || options.registered,
  );
}

/** An event's live Q&A (list or big screen): `onChange` re-reads the questions whenever they change. */
export function useQuestionsLive(event: { eventId: number; townId: number | null }, onChange: () => void) {
  useRoom('qa:join', event.eventId, {
    payload: () => ({ eventId: event.eventId, townId: event.townId }),
    onJoined: (reply, rejoined) => reply.ok && rejoined && onChange(),
  });
  useSocketEvents({ 'qa:changed': (payload) => payload.eventId === event.eventId && onChange() });
}
