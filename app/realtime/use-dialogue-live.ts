import { useEffect, useRef } from 'react';
import { connectSocket } from './socket-client';
import { useRoom, useSocketEvents } from './use-room';

/**
 * Whatever changed while this page had no connection (it was rendered before the socket connected, or the
 * connection dropped) is missed by the live events: every (re)connection re-reads the page once. Rooms do
 * the same once joined (`onJoined`), so that nothing falls between the read and the join.
 */
function useCatchUpOnConnect(enabled: boolean, onChange: () => void) {
  const current = useRef(onChange);
  current.current = onChange;
  useEffect(() => {
    if (!enabled) return;
    const socket = connectSocket();
    const caughtUp = () => current.current();
    socket.on('connect', caughtUp);
    return () => {
      socket.off('connect', caughtUp);
    };
  }, [enabled]);
}

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
    // Every join, the first too: what changed between the page's render and the join is read then.
    onJoined: (reply) => reply.ok && onChange(),
  });
  // A registrant's own news comes to their account's room, which the connection joins by itself.
  useCatchUpOnConnect(options.registered && !options.organiser, onChange);
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
    onJoined: (reply) => reply.ok && onChange(),
  });
  useSocketEvents({ 'qa:changed': (payload) => payload.eventId === event.eventId && onChange() });
}
