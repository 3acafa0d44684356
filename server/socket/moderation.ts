/** The live moderation queue: a town's moderators (and nobody else) join its room `mod:{townId}`. */
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '#app/realtime/events';
import { rooms } from '#app/realtime/rooms';
import { moderationJoinPayload } from '#app/domain/moderation/schemas';
import { loadActor } from '#app/domain/auth/actor.server';
import { canModerate } from '#app/domain/auth/permissions';

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function registerModerationHandlers(socket: AppSocket) {
  socket.on('queue:join', async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
    const parsed = moderationJoinPayload.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: 'invalid' });
    try {
      // Asked of the database on every join, so a revoked role takes effect at once.
      const actor = socket.data.userId ? await loadActor(socket.data.userId) : null;
      if (!canModerate(actor, parsed.data.townId)) return reply({ ok: false, error: 'forbidden' });
      await socket.join(rooms.moderation(parsed.data.townId));
      reply({ ok: true });
    } catch {
      reply({ ok: false, error: 'unavailable' });
    }
  });
}
