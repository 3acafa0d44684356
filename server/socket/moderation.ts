/** The live moderation queue: a town's moderators (and nobody else) join its room `mod:{townId}`. */
import { rooms } from '#app/realtime/rooms';
import { moderationJoinPayload } from '#app/domain/moderation/schemas';
import { requireModerator } from '#app/domain/moderation/access';
import { handler } from './handler';

export const moderationHandlers = [
  // The actor is read from the database on every join, so a revoked role takes effect at once.
  handler('queue:join', moderationJoinPayload, async ({ socket, actor, input }) => {
    requireModerator(actor, input.townId);
    await socket.join(rooms.moderation(input.townId));
    return {};
  }),
];
