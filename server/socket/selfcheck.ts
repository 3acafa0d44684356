/**
 * The Selbstcheck's live rooms: a round's progress for its town's admin (`selfcheck-round:{id}`), the advice
 * queue for the network team (`advice-queue`). Joined only after the domain's check, read fresh each time.
 */
import { rooms } from '#app/realtime/rooms';
import { adviceJoinPayload, roundJoinPayload } from '#app/domain/selfcheck/schemas';
import { checkAdviceQueueReader, checkRoundProgressReader } from '#app/domain/selfcheck/live.server';
import { handler } from './handler';

export const selfcheckHandlers = [
  handler('round:join', roundJoinPayload, async ({ socket, actor, input }) => {
    await checkRoundProgressReader(actor, { roundId: input.roundId });
    await socket.join(rooms.selfcheckRound(input.roundId));
    return {};
  }),
  handler('advice:join', adviceJoinPayload, async ({ socket, actor }) => {
    checkAdviceQueueReader(actor);
    await socket.join(rooms.adviceQueue());
    return {};
  }),
];
