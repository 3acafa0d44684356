/** Messages on the internal bus (published by the domain, bridged to Socket.IO rooms by server/realtime). Ids, not content. */
type PostRef = { townId: number; forumId: number; threadId: number; postId: number };

export type BusMessage =
  | { type: 'session:revoked'; userId: string; sessionIds: string[] | 'all'; reason?: 'account-deletion' }
  | { type: 'membership:changed'; userId: string; municipalityId: number; role: string | null }
  | ({ type: 'post:created' } & PostRef)
  | ({ type: 'post:updated' } & PostRef)
  | ({ type: 'post:deleted' } & PostRef)
  | { type: 'notifications:created'; userIds: string[] }
  | { type: 'thread:typing'; threadId: number; userId: string; displayName: string }
  | { type: 'thread:presence'; threadId: number; processId: string; count: number }
  | { type: 'thread:changed'; townId: number; forumId: number; threadId: number; previousForumId?: number }
  | { type: 'queue:changed'; townId: number; caseId?: number }
  | { type: 'dialogue:registrations-changed'; eventId: number; townId: number | null }
  | { type: 'dialogue:promoted'; eventId: number; userIds: string[] }
  | { type: 'dialogue:questions-changed'; eventId: number }
  | { type: 'round:progress'; townId: number; roundId: number }
  | { type: 'advice:changed'; townId: number; requestId: number };
