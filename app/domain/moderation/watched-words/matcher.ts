/** The matcher: every pattern of a town compiled once, then run over each text's canonical form. */
import { analysePattern, normaliseForMatching } from './normalise';
import { isWatchedWordAction, type WatchedWord, type WatchedWordAction, type WatchedWordHit } from './types';

const ACTION_STRENGTH: Record<WatchedWordAction, number> = { block: 3, hold: 2, flag: 1 };

/** The strongest action among hits: block > hold > flag; null when none. */
export function strongestAction(hits: WatchedWordHit[]): WatchedWordAction | null {
  let strongest: WatchedWordAction | null = null;
  for (const { action } of hits) if (!strongest || ACTION_STRENGTH[action] > ACTION_STRENGTH[strongest]) strongest = action;
  return strongest;
}

/**
 * Matching runs on the canonical form, where a space is the only separator, so "a character of a word" is
 * simply "not a space" — the same thing as the Unicode classes \p{L}\p{M}\p{N} the form was cut with, and
 * much cheaper for V8 than those classes under the `u` flag. (`\b` would have been wrong: it only knows ASCII
 * letters.) Without the `u` flag astral characters are two code units; they are grouped wherever a quantifier
 * follows, and never split otherwise.
 */
const W = '[^ ]';
const START = '(?<![^ ])';
const END = '(?![^ ])';
const atom = (char: string) => (char.length > 1 ? `(?:${char})` : char);

/** Runs of equal characters → one; `offsets[i]` is the index in `text` that collapsed code unit i came from. */
function collapseRuns(text: string): { collapsed: string; offsets: number[] } {
  let collapsed = '';
  const offsets: number[] = [];
  let previous = '';
  let index = 0;
  for (const char of text) {
    if (char !== previous) {
      collapsed += char;
      offsets.push(index);
      if (char.length > 1) offsets.push(index + 1);
      previous = char;
    }
    index += char.length;
  }
  return { collapsed, offsets };
}

/**
 * Exact form of a run of literal characters. The canonical text keeps at most two equal letters in a row, so
 * a single letter in the pattern accepts one or two (`idiot` matches `idiooooot`), a double letter exactly
 * two (`ass` does not match `as`); a number is taken exactly. `lazyEnd` lets the last letter take as few as
 * possible, which inner wildcard segments need.
 */
function exactLiteral(literal: string, isNumber: boolean, lazyEnd = false): string {
  const chars = [...literal];
  if (isNumber) return chars.join('');
  let source = '';
  for (let i = 0; i < chars.length; ) {
    let run = 1;
    while (chars[i + run] === chars[i]) run++;
    // Canonical words hold only letters, marks and digits, none of which is special in a RegExp.
    const c = atom(chars[i]);
    source += run >= 2 ? c + c : `${c}${c}?${lazyEnd && i + run === chars.length ? '?' : ''}`;
    i += run;
  }
  return source;
}

/**
 * Exact form of one word of a pattern. With stars (`s0*s1*…*sk`), a plain `W*?` per star backtracks
 * polynomially in the word's length as soon as something can still fail after an inner segment (a last
 * segment, or a further word of the phrase): each star then retries every split. So each inner segment is
 * found at its leftmost place and frozen — `(?=(W*?s))\n` is JavaScript's spelling of an atomic group —
 * which is how a glob is matched greedily; only the last segment scans, and the cost stays linear.
 */
function exactWord(word: string, isLastWord: boolean, nextGroup: () => number): string {
  const isNumber = !/\p{L}/u.test(word);
  const [first, ...rest] = word.split('*');
  let source = exactLiteral(first, isNumber);
  if (!rest.length) return source;
  const last = rest.pop()!;
  const canRetry = last !== '' || !isLastWord;
  for (const segment of rest) {
    const literal = exactLiteral(segment, isNumber, true);
    source += canRetry ? `(?=(${W}*?${literal}))\\${nextGroup()}` : `${W}*?${literal}`;
  }
  return source + (last ? `${W}*?${exactLiteral(last, isNumber)}` : `${W}*`);
}

/**
 * Scan form of one word, run on the text with all runs collapsed to one character: plain literals, because
 * V8 compiles a large alternation of literals in milliseconds but needs seconds for the same alternation
 * full of `cc?`. It must accept everything the exact form accepts (each hit is confirmed exactly), so inner
 * segments are simply left out, and where the star between two segments may match nothing the collapsing
 * may have merged their touching letters (`ab*bc` → `abc`), so that letter is optional.
 */
function scanWord(word: string): string {
  const [first, ...rest] = word.split('*').map((segment) => collapseRuns(segment).collapsed);
  if (!rest.length) return first;
  const last = rest.pop()!;
  if (!last) return `${first}${W}*`;
  const [touching, ...tail] = [...last];
  return `${first}${W}*?${atom(touching)}${[...first].at(-1) === touching ? '?' : ''}${tail.join('')}`;
}

/** A whole pattern; its words are separated by exactly one space in the canonical text. */
function exactSource(canonical: string): string {
  let groups = 0;
  return canonical.split(' ').map((word, i, all) => exactWord(word, i === all.length - 1, () => ++groups)).join(' ');
}

const scanSource = (canonical: string) => canonical.split(' ').map(scanWord).join(' ');

interface Alternative {
  canonical: string;
  hits: WatchedWordHit[];
  /** The first character a match can start with; null when the pattern starts with a wildcard. */
  first: string | null;
  /** Compiled lazily: needed only where a scan found something. */
  exact?: RegExp;
}

function matchesAt(alternative: Alternative, canonicalText: string, index: number): boolean {
  alternative.exact ??= new RegExp(`${START}(?:${exactSource(alternative.canonical)})${END}`, 'y');
  alternative.exact.lastIndex = index;
  return alternative.exact.test(canonicalText);
}

// Each scanning RegExp stays small: V8's compile time grows faster than linearly with size, and very large
// ones are rejected outright ("Regular expression too large").
const SCAN_CHUNK_ALTERNATIVES = 50;
const SCAN_CHUNK_SOURCE = 8_000;

/**
 * Compiles the town's list once (cache-friendly), then matches texts. Invalid patterns (see `patternError`)
 * are skipped, since a stored list should never contain them and a match must not throw. Patterns that
 * normalise alike share one entry and are all reported.
 *
 * The patterns' scan forms go into a few RegExps that are tried at every word start as a lookahead, so each
 * place where any pattern may start is found in one pass per RegExp, overlapping ones included (`du idiot`
 * and `idiot`). Only at those places are the patterns that can start there tried exactly, one by one, so
 * every distinct pattern is reported, not just the first alternative that won.
 */
export function compileWatchedWords(words: WatchedWord[]): { match(text: string): WatchedWordHit[] } {
  const byCanonical = new Map<string, Alternative>();
  for (const { pattern, action } of words) {
    const { error, canonical } = analysePattern(pattern);
    if (error || !isWatchedWordAction(action)) continue;
    let alternative = byCanonical.get(canonical);
    if (!alternative) {
      alternative = { canonical, hits: [], first: canonical.startsWith('*') ? null : String.fromCodePoint(canonical.codePointAt(0)!) };
      byCanonical.set(canonical, alternative);
    }
    if (!alternative.hits.some((hit) => hit.pattern === pattern && hit.action === action)) alternative.hits.push({ pattern, action });
  }
  const alternatives = [...byCanonical.values()];

  const scanners: RegExp[] = [];
  let chunk: string[] = [];
  let chunkLength = 0;
  const flush = () => {
    if (chunk.length) scanners.push(new RegExp(`${START}(?=(?:${chunk.join('|')})${END})`, 'g'));
    chunk = [];
    chunkLength = 0;
  };
  for (const source of new Set(alternatives.map((alternative) => scanSource(alternative.canonical)))) {
    if (chunk.length >= SCAN_CHUNK_ALTERNATIVES || chunkLength + source.length > SCAN_CHUNK_SOURCE) flush();
    chunk.push(source);
    chunkLength += source.length + 1;
  }
  flush();

  // The patterns that can start with a given character, in list order.
  const candidatesByFirst = new Map<string, Alternative[]>();
  const candidatesFor = (char: string) => {
    let candidates = candidatesByFirst.get(char);
    if (!candidates) {
      candidates = alternatives.filter((alternative) => alternative.first === char || alternative.first === null);
      candidatesByFirst.set(char, candidates);
    }
    return candidates;
  };

  return {
    match(text: string): WatchedWordHit[] {
      if (!alternatives.length) return [];
      const canonical = normaliseForMatching(text);
      const { collapsed, offsets } = collapseRuns(canonical);
      const starts = new Set<number>();
      for (const scanner of scanners) for (const match of collapsed.matchAll(scanner)) starts.add(match.index);
      const found = new Set<Alternative>();
      for (const start of [...starts].sort((a, b) => a - b)) {
        const candidates = candidatesFor(String.fromCodePoint(collapsed.codePointAt(start)!));
        for (const candidate of candidates) if (!found.has(candidate) && matchesAt(candidate, canonical, offsets[start])) found.add(candidate);
        if (found.size === alternatives.length) break;
      }
      // In the order they first occur in the text; at the same place, in list order.
      return [...found].flatMap((alternative) => alternative.hits);
    },
  };
}
