import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '#app/realtime/events';
import { rooms } from '#app/realtime/rooms';
import { canReadTown } from '#app/domain/municipalities/towns.server';
import type { IoServer } from './index';

const joinTownPayload = z.object({ townId: z.number().int().positive() });

export function registerTownHandlers(_io: IoServer, socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>) {
  socket.on('town:join', async (payload, ack) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    const parsed = joinTownPayload.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: 'invalid' });
    try {
      if (!(await canReadTown(socket.data.userId, parsed.data.townId))) return reply({ ok: false, error: 'forbidden' });
      await socket.join(rooms.town(parsed.data.townId));
      reply({ ok: true });
    } catch {
      reply({ ok: false, error: 'unavailable' });
    }
  });
}
