/** A town's public room (town-wide live signals). */
import { z } from 'zod';
import { socketIdSchema } from '#app/domain/ids';
import { DomainError } from '#app/domain/errors';
import { rooms } from '#app/realtime/rooms';
import { canReadTown } from '#app/domain/municipalities/towns.server';
import { handle } from './handler';
import type { AppSocket } from './types';

const joinTownPayload = z.object({ townId: socketIdSchema });

export function registerTownHandlers(socket: AppSocket) {
  handle(socket, 'town:join', joinTownPayload, async ({ actor, input }) => {
    if (!(await canReadTown(actor, input))) throw new DomainError('not_found', 'towns:errors.notFound');
    await socket.join(rooms.town(input.townId));
    return {};
  });
}
