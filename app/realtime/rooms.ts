/** Room names, one place, so server and tests agree. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  town: (municipalityId: number) => `town:${municipalityId}`,
};
