/** Room names, one place, so server and tests agree. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  town: (municipalityId: number) => `town:${municipalityId}`,
  forum: (forumId: number) => `forum:${forumId}`,
  thread: (threadId: number) => `thread:${threadId}`,
  /** A town's moderators only: the live queue. */
  moderation: (municipalityId: number) => `mod:${municipalityId}`,
  /** A dialogue event's organisers only: live registration and check-in counts. */
  dialogueOrganisers: (eventId: number) => `dialogue-org:${eventId}`,
  /** A self-check round's progress: the town's admins only. */
  selfcheckRound: (roundId: number) => `selfcheck-round:${roundId}`,
  /** The network team's advice queue. */
  adviceQueue: () => 'advice-queue',
  /** Everyone following an event's live Q&A (after the event's read check). */
  dialogueQuestions: (eventId: number) => `dialogue-qa:${eventId}`,
};

export const threadIdOfRoom = (room: string): number | null => (room.startsWith('thread:') ? Number(room.slice(7)) : null);
