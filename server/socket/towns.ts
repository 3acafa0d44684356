/** A town's public room (town-wide live signals). */
import { z } from 'zod';
import { socketIdSchema } from '#app/domain/ids';
import { DomainError } from '#app/domain/errors';
import { rooms } from '#app/realtime/rooms';
import { canReadTown } from '#app/domain/municipalities/towns.server';
import { handler } from './handler';

const joinTownPayload = z.object({ townId: socketIdSchema });

export const townHandlers = [
  handler('town:join', joinTownPayload, async ({ socket, actor, input }) => {
    if (!(await canReadTown(actor, input))) throw new DomainError('not_found', 'towns:errors.notFound');
    await socket.join(rooms.town(input.townId));
    return {};
  }),
];
