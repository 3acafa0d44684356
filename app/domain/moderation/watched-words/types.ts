/**
 * Watched words: per-town patterns that block, hold or flag a text. Pure, in three parts: normalisation
 * (one canonical form for texts and patterns), the matcher, and the CSV exchange with spreadsheets. Storage,
 * caching per town and the routes live elsewhere; they call `compileWatchedWords` once per list and `match`
 * per text.
 */

export const WATCHED_WORD_ACTIONS = ['block', 'hold', 'flag'] as const;
export type WatchedWordAction = (typeof WATCHED_WORD_ACTIONS)[number];

export interface WatchedWord {
  id?: number;
  pattern: string;
  action: WatchedWordAction;
}

export interface WatchedWordHit {
  pattern: string;
  action: WatchedWordAction;
}

export const PATTERN_MAX_LENGTH = 100;

export const isWatchedWordAction = (value: unknown): value is WatchedWordAction =>
  typeof value === 'string' && (WATCHED_WORD_ACTIONS as readonly string[]).includes(value);
