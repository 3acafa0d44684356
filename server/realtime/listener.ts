/**
 * The LISTEN → emit bridge: one LISTEN connection per process receives every committed domain event and
 * emits it to the Socket.IO rooms of its audience (see ARCHITECTURE.md).
 */
import type { Sql } from 'postgres';
import type { DomainEvent } from '#app/realtime/events';
import { rooms } from '#app/realtime/rooms';
import { EVENTS_CHANNEL } from '#app/domain/events.server';
import type { IoServer } from '../socket';

export function dispatch(io: IoServer, event: DomainEvent): void {
  switch (event.type) {
    case 'session:revoked': {
      const targets = event.sessionIds === 'all' ? [rooms.user(event.userId)] : event.sessionIds.map(rooms.session);
      for (const room of targets) {
        io.to(room).emit('session:revoked');
        io.in(room).disconnectSockets(true);
      }
      break;
    }
    case 'membership:changed':
      io.to(rooms.user(event.userId)).emit('membership:changed', { municipalityId: event.municipalityId, role: event.role });
      break;
  }
}

export async function listenForDomainEvents(sql: Sql, io: IoServer, log: (line: string) => void) {
  return sql.listen(
    EVENTS_CHANNEL,
    (payload) => {
      try {
        dispatch(io, JSON.parse(payload) as DomainEvent);
      } catch (error) {
        log(`Ignored a malformed domain event: ${String(error)}`);
      }
    },
    () => log('Listening for domain events.'),
  );
}
