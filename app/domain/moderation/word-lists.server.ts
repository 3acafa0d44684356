/** A town's watched words: listed, added, removed, and exchanged as CSV with other towns or tools. */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { recordAudit } from './audit.server';
import { normalisePattern, patternError } from './watched-words/normalise';
import { watchedWordsFromCsv, watchedWordsToCsv } from './watched-words/csv';
import type { WatchedWord, WatchedWordAction } from './watched-words/types';
import { requireModerator } from './access';


/** Tells the posting path (screening.server.ts) to recompile the town's list. */
const listChanged = (tx: Tx, townId: number) => tx`update municipalities set watched_words_version = watched_words_version + 1 where id = ${townId}`;

export async function listWatchedWords(actor: MaybeActor, { townId }: { townId: number }): Promise<Required<WatchedWord>[]> {
  requireModerator(actor, townId);
  return sql<Required<WatchedWord>[]>`select id, pattern, action from watched_words where municipality_id = ${townId} order by pattern`;
}

export async function addWatchedWord(actor: MaybeActor, { townId, ...word }: { townId: number; pattern: string; action: WatchedWordAction }): Promise<void> {
  const moderator = requireModerator(actor, townId);
  const error = patternError(word.pattern);
  if (error) throw new DomainError('invalid', error, {}, 'pattern');
  await sql.begin(async (tx) => {
    await tx`
      insert into watched_words (municipality_id, pattern, normalised, action)
      values (${townId}, ${word.pattern}, ${normalisePattern(word.pattern)}, ${word.action})
      on conflict (municipality_id, normalised) do update set pattern = excluded.pattern, action = excluded.action`;
    await listChanged(tx, townId);
    await recordAudit(tx, { townId, actorId: moderator.userId, action: 'word_added', details: word });
  });
}

export async function removeWatchedWord(actor: MaybeActor, { townId, wordId }: { townId: number; wordId: number }): Promise<void> {
  const moderator = requireModerator(actor, townId);
  await sql.begin(async (tx) => {
    const [removed] = await tx`delete from watched_words where id = ${wordId} and municipality_id = ${townId} returning pattern, action`;
    if (!removed) throw new DomainError('not_found', 'moderation:words.errors.notFound');
    await listChanged(tx, townId);
    await recordAudit(tx, { townId, actorId: moderator.userId, action: 'word_removed', details: { pattern: removed.pattern, action: removed.action } });
  });
}

export async function exportWatchedWords(actor: MaybeActor, input: { townId: number }): Promise<string> {
  return watchedWordsToCsv(await listWatchedWords(actor, input));
}

/** Adds or updates every valid line; lines with errors are reported and skipped. */
export async function importWatchedWords(actor: MaybeActor, { townId, csv }: { townId: number; csv: string }): Promise<{ imported: number; errors: { line: number; error: string }[] }> {
  const moderator = requireModerator(actor, townId);
  const parsed = watchedWordsFromCsv(csv);
  const errors = [...parsed.errors];
  const valid = parsed.words.filter((word) => !patternError(word.pattern));
  await sql.begin(async (tx) => {
    for (const word of valid) {
      await tx`
        insert into watched_words (municipality_id, pattern, normalised, action)
        values (${townId}, ${word.pattern}, ${normalisePattern(word.pattern)}, ${word.action})
        on conflict (municipality_id, normalised) do update set pattern = excluded.pattern, action = excluded.action`;
    }
    await listChanged(tx, townId);
    await recordAudit(tx, { townId, actorId: moderator.userId, action: 'words_imported', details: { count: valid.length } });
  });
  return { imported: valid.length, errors };
}
