/** "X is writing…" and "N reading": passing signals shared by every server process through NOTIFY. */
import { DomainError } from '#app/domain/errors';
import { announce } from '#app/domain/bus.server';
import { isMemberOf, type MaybeActor } from '#app/domain/auth/permissions';
import { readableThread } from './threads.server';

export async function announceTyping(actor: MaybeActor, input: { threadId: number }): Promise<void> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  const thread = await readableThread(actor, input);
  if (!thread) throw new DomainError('not_found', 'forums:errors.threadNotFound');
  if (!isMemberOf(actor, thread.municipalityId)) throw new DomainError('forbidden', 'forums:errors.joinToPost');
  await announce({ type: 'thread:typing', threadId: input.threadId, userId: actor.userId, displayName: actor.displayName });
}

export async function announceReaders(input: { threadId: number; processId: string; count: number }): Promise<void> {
  await announce({ type: 'thread:presence', ...input });
}
