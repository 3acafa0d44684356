/** Dialogue events live: an event's organisers (and nobody else) join its room for live counts. */
import { rooms } from '#app/realtime/rooms';
import { dialogueJoinPayload } from '#app/domain/dialogues/schemas';
import { registrationCounts } from '#app/domain/dialogues/registrations.server';
import { canFollowQuestions } from '#app/domain/dialogues/questions.server';
import { handler } from './handler';

export const dialogueHandlers = [
  // The domain's organiser check (and "not found" for another town's event) decides, with the actor read afresh.
  handler('dialogue:join', dialogueJoinPayload, async ({ socket, actor, input }) => {
    await registrationCounts(actor, { townId: input.townId, eventId: input.eventId });
    await socket.join(rooms.dialogueOrganisers(input.eventId));
    return {};
  }),
  // The Q&A room: anyone who may read the event (a draft's only its organisers'). Only ids are sent there.
  handler('qa:join', dialogueJoinPayload, async ({ socket, actor, input }) => {
    await canFollowQuestions(actor, { townId: input.townId, eventId: input.eventId });
    await socket.join(rooms.dialogueQuestions(input.eventId));
    return {};
  }),
];
