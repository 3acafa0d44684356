/** Dialogue events live: an event's organisers (and nobody else) join its room for live counts. */
import { rooms } from '#app/realtime/rooms';
import { dialogueJoinPayload } from '#app/domain/dialogues/schemas';
import { registrationCounts } from '#app/domain/dialogues/registrations.server';
import { handle } from './handler';
import type { AppSocket } from './types';

export function registerDialogueHandlers(socket: AppSocket) {
  // The domain's organiser check (and "not found" for another town's event) decides, with the actor read afresh.
  handle(socket, 'dialogue:join', dialogueJoinPayload, async ({ actor, input }) => {
    await registrationCounts(actor, { townId: input.townId, eventId: input.eventId });
    await socket.join(rooms.dialogueOrganisers(input.eventId));
    return {};
  });
}
