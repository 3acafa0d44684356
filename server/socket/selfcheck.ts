/**
 * The Selbstcheck's live rooms: a round's progress for its town's admin (`selfcheck-round:{id}`), the advice
 * queue for the network team (`advice-queue`). Joined only after the domain's check, read fresh each time.
 */
import { rooms } from '#app/realtime/rooms';
import { adviceJoinPayload, roundJoinPayload } from '#app/domain/selfcheck/schemas';
import { checkAdviceQueueReader, checkRoundProgressReader } from '#app/domain/selfcheck/live.server';
import { handle } from './handler';
import type { AppSocket } from './types';

export function registerSelfcheckHandlers(socket: AppSocket) {
  handle(socket, 'round:join', roundJoinPayload, async ({ actor, input }) => {
    await checkRoundProgressReader(actor, { roundId: input.roundId });
    await socket.join(rooms.selfcheckRound(input.roundId));
    return {};
  });
  handle(socket, 'advice:join', adviceJoinPayload, async ({ actor }) => {
    checkAdviceQueueReader(actor);
    await socket.join(rooms.adviceQueue());
    return {};
  });
}
