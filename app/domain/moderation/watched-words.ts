/**
 * Watched words: per-town patterns that block, hold or flag a text. Pure — storage, caching per town and the
 * routes live elsewhere; they call `compileWatchedWords` once per list and `match` per text.
 *
 * Patterns and texts are both reduced to one canonical form (`normaliseForMatching`) and compared there, so
 * every folding below works in both directions by construction: a rule that merges two spellings merges them
 * for the admin's pattern too. The price of each fold is a few collisions between words that differ only in
 * the folded detail; those are listed where the fold is made, and whole-word matching keeps them rare.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

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

// ---------------------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------------------

// Invisible characters are deleted rather than turned into separators: they are how `id\u200Biot` hides a word
// while it still looks whole. Format characters cover zero-width space/joiners, word joiner, BOM, soft hyphen
// and bidi controls; the Hangul fillers are blank "letters" popular for the same trick; the tatweel only
// stretches Arabic letters. (Deleting ZWNJ also joins Persian compounds like می‌خواهم — on both sides alike.)
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u0640]/gu;
const REGIONAL_INDICATOR = /[\u{1F1E6}-\u{1F1FF}]/gu;
// An apostrophe between letters belongs to the word (`it's`, `geht's`, `Ankara'da`); as a separator it would
// leave a single letter behind that the single-letter joining below glues to the next one (`it's a` → `sa`).
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ`´‘](?=[\p{L}\p{N}])/gu;
const LEET_SYMBOL_RUN = /[@$€!|]+/g;
const LEET_SYMBOLS: Record<string, string> = { '@': 'a', $: 's', '€': 'e', '!': 'i', '|': 'i' };
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const PATTERN_TOKEN = /[\p{L}\p{M}\p{N}*]+/gu;
const SINGLE_CHARACTER = /^[\p{L}\p{N}]\p{M}*$/u;
const COMBINING_MARK = /[\p{Mn}\p{Me}]/gu;

// Greek capitals are folded by their look before lower-casing, which would turn `Η` (looks like H) into `η`
// (looks like n). Greek is no language of the network, so here it is only ever a disguise.
const GREEK_CAPITALS: Record<string, string> = {
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
};
const GREEK_CAPITAL = new RegExp(`[${Object.keys(GREEK_CAPITALS).join('')}]`, 'gu');

/**
 * One lower-case character → its canonical spelling, applied everywhere (after marks are stripped).
 * Cyrillic is folded only where the lower-case letter itself is indistinguishable from a Latin one, so that
 * genuine Russian/Ukrainian words never turn into Latin words: `кот` stays `кoт` and cannot collide with German
 * `Kot`, while `іdіоt` (Cyrillic і, о) and `дурaк` (Latin a) still line up with `idiot` and `дурак`.
 */
const CHARACTER_FOLDS: Record<string, string> = {
  // Cyrillic lower-case letters that look exactly like Latin ones.
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y',
  // Greek lower case (see GREEK_CAPITALS); final sigma only so that lower-casing in or out of context agrees.
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', ς: 'σ', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  // Small capitals and IPA letters from "fancy text" generators, which NFKC leaves alone.
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n',
  ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z', ɑ: 'a', ɡ: 'g',
  // Latin letters without a decomposition, written without their stroke on keyboards that lack them.
  // ı: toLowerCase is locale-blind, so Turkish `IDIOT`/`İdiot`/`ıdiot` only meet at plain i if ı is folded too.
  ł: 'l', đ: 'd', ð: 'd', ħ: 'h', ø: 'o', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ß: 'ss',
  // Persian and Arabic keyboards produce different code points for the same letters (ی/ي/ى, ک/ك); teh marbuta
  // and alef wasla are folded as Arabic search engines do, because writers use them interchangeably.
  'ی': 'ي', 'ى': 'ي', 'ک': 'ك', 'ة': 'ه', 'ھ': 'ه', 'ٱ': 'ا',
  // Eastern Arabic and Persian digits, so that `٨٨` is the `88` an admin typed.
  '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
  '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9',
};
const FOLDABLE = new RegExp(`[${Object.keys(CHARACTER_FOLDS).join('')}]`, 'gu');

/**
 * Cyrillic letters that only look Latin in capitals (В Н М Т К) or in some fonts. Folding them everywhere
 * would turn Russian `кот`, `так`, `нет` into Latin words, so they are folded only inside a word that is
 * recognisably Latin — it has a Latin letter with no Cyrillic twin — and whose Cyrillic letters are all
 * disguises: `IDIOТ` (Cyrillic Т), `МОRОN`.
 */
const CYRILLIC_DISGUISES: Record<string, string> = { в: 'b', к: 'k', м: 'm', н: 'h', т: 't', ь: 'b', п: 'n' };
const CYRILLIC_DISGUISE = /[вкмнтьп]/gu;
const UNAMBIGUOUS_LATIN = /[dfglnqruvwz]/;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/gu;

const LEET_DIGITS: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const LEET_DIGIT = /[013457]/g;
const HAS_LETTER = /\p{L}/u;
// Runs of 3+ equal letters are cut to two (not one): `ass` and `as`, `Affe` and `Afe` must stay apart, and
// the compiled pattern accepts one or two of each single letter instead (see `exactLiteral`).
const LONG_RUN = /(.)\1{2,}/gsu;

function isDisguisedLatinWord(token: string): boolean {
  if (!UNAMBIGUOUS_LATIN.test(token)) return false;
  for (const [letter] of token.matchAll(CYRILLIC_LETTER)) {
    if (!(letter in CYRILLIC_DISGUISES) && !(letter in CHARACTER_FOLDS)) return false;
  }
  return true;
}

/** `token` is already lower case and without marks. */
function foldToken(token: string): string {
  let t = token;
  if (isDisguisedLatinWord(t)) t = t.replace(CYRILLIC_DISGUISE, (c) => CYRILLIC_DISGUISES[c]);
  t = t.replace(FOLDABLE, (c) => CHARACTER_FOLDS[c]);
  // Digits are letters only inside words (`1d10t`, `4ss`); a number on its own stays exactly that number, or
  // `455 Euro` would match `ass`, and `8888` would match a watched code like `88`.
  const isWord = HAS_LETTER.test(t);
  if (isWord) t = t.replace(LEET_DIGIT, (d) => LEET_DIGITS[d]);
  // 1, !, | and I all stand in for l and i (`ldiot` looks like `Idiot` in sans-serif), so all of them meet at
  // one canonical i. Words that differ only by l/i (Lied/Iied) are rarely both real words.
  t = t.replace(/l/g, 'i');
  // German umlauts: the mark is already gone (ä → a); the digraph typed without umlaut keys goes the same way,
  // so `dämlich`, `daemlich` and `damlich` meet. Accepted collisions: Michael/Michal, Quelle/Qulle, ...
  // — harmless, because both sides of the comparison are folded alike and whole words must match.
  t = t.replace(/ae|oe|ue/g, (digraph) => digraph[0]);
  return isWord ? t.replace(LONG_RUN, '$1$1') : t;
}

function convertLeetSymbols(text: string): string {
  return text.replace(LEET_SYMBOL_RUN, (run, offset: number) => {
    const before = text.slice(Math.max(0, offset - 2), offset);
    const after = text.slice(offset + run.length, offset + run.length + 2);
    // Followed by a letter or digit, every symbol is part of a word (`$cheiße`, `!d!ot`, `@rsch`). At a word's
    // end only @ $ € are (`kurw@`); `!` and `|` there are punctuation (`Idiot!`).
    if (/^[\p{L}\p{N}]/u.test(after)) return [...run].map((c) => LEET_SYMBOLS[c]).join('');
    if (/\p{L}$/u.test(before)) {
      const word = /^[@$€]*/.exec(run)![0];
      return [...word].map((c) => LEET_SYMBOLS[c]).join('') + ' '.repeat(run.length - word.length);
    }
    return ' ';
  });
}

/**
 * Single letters in a row are one word spelt out: `i d i o t`, `i.d.i.o.t`, `i-d-i-o-t`, `i_d_i_o_t`. Only
 * tokens of exactly one character are joined, so ordinary sentences keep their boundaries (`the pen is`,
 * `an Al`, `hu re` stay apart); the known cost is abbreviations such as `z. B.` becoming `zb`.
 */
function joinSpeltOutWords(tokens: string[]): string[] {
  const joined: string[] = [];
  let previousWasSingle = false;
  for (const token of tokens) {
    const single = SINGLE_CHARACTER.test(token);
    if (single && previousWasSingle) joined[joined.length - 1] += token;
    else joined.push(token);
    previousWasSingle = single;
  }
  return joined;
}

function canonicalise(input: string, mode: 'text' | 'pattern'): string {
  let s = input.normalize('NFKC');
  s = s.replace(INVISIBLE, '');
  s = s.replace(REGIONAL_INDICATOR, (c) => String.fromCharCode(0x61 + c.codePointAt(0)! - 0x1f1e6));
  s = s.replace(GREEK_CAPITAL, (c) => GREEK_CAPITALS[c]);
  s = s.replace(INNER_APOSTROPHE, '');
  // In a text a star is a censor mark inside a word (`i*d*i*o*t`, `Arsch*loch`) and is dropped; in a pattern
  // it is the wildcard.
  s = mode === 'text' ? s.replaceAll('*', '') : s.replace(/\*+/g, '*');
  s = convertLeetSymbols(s);
  // Marks go in every script: accents (é → e, and also ä → a, see foldToken), Arabic harakat and hamza seats,
  // Turkish İ's dot (toLowerCase gives i + U+0307), й → и, ё → е, and "Zalgo" stacks. NFC afterwards only
  // reassembles Hangul syllables.
  s = s.toLowerCase().normalize('NFD').replace(COMBINING_MARK, '').normalize('NFC');
  const tokens = joinSpeltOutWords(s.match(mode === 'text' ? TOKEN : PATTERN_TOKEN) ?? []);
  return tokens.map(foldToken).filter(Boolean).join(' ');
}

/**
 * The canonical form both patterns and texts are compared in: words of letters, (spacing) marks and digits
 * joined by single spaces; every other character is a separator. See the comments above for each fold.
 */
export function normaliseForMatching(text: string): string {
  return canonicalise(text, 'text');
}

/** The canonical form of a pattern; `*` is kept as the wildcard. */
export function normalisePattern(pattern: string): string {
  return canonicalise(pattern, 'pattern');
}

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

/** A wildcard word needs this many letters besides the stars, or `a*` would block every word starting with a. */
const MIN_LETTERS_BESIDE_WILDCARD = 2;

function analysePattern(pattern: string): { error: string | null; canonical: string } {
  const trimmed = pattern.trim();
  if (!trimmed) return { error: 'moderation:words.errors.empty', canonical: '' };
  if ([...trimmed].length > PATTERN_MAX_LENGTH) return { error: 'moderation:words.errors.tooLong', canonical: '' };
  const canonical = normalisePattern(trimmed);
  const words = canonical ? canonical.split(' ') : [];
  if (words.every((word) => word === '*')) {
    const onlyStars = words.length > 0 || /^[\s*]+$/.test(trimmed);
    return { error: onlyStars ? 'moderation:words.errors.onlyWildcard' : 'moderation:words.errors.noLetters', canonical };
  }
  const tooBroad = words.some((word) => word.includes('*') && [...word.replaceAll('*', '')].length < MIN_LETTERS_BESIDE_WILDCARD);
  return { error: tooBroad ? 'moderation:words.errors.tooBroad' : null, canonical };
}

/**
 * Validates a pattern as an admin typed it; returns an i18n key for the error or null. Patterns: a word or
 * phrase; `*` is a wildcard for any letters within a word (e.g. `idiot*`, `*hure`); no other syntax.
 */
export function patternError(pattern: string): string | null {
  return analysePattern(pattern).error;
}

// ---------------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

// What spreadsheet programs treat as the start of a formula; the library prefixes these with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Header `pattern,action`. Cells that a spreadsheet would evaluate (`=cmd|…`) get a leading apostrophe, and so
 * does a pattern that itself starts with one, so that the import can remove exactly that prefix again and the
 * round trip is lossless. `delimiter: ';'` and `bom: true` suit German Excel, which otherwise opens the file in
 * one column and as Windows-1252.
 */
export function watchedWordsToCsv(words: WatchedWord[], options: { delimiter?: ',' | ';'; bom?: boolean } = {}): string {
  const rows = words.map(({ pattern, action }) => [pattern.startsWith("'") ? `'${pattern}` : pattern, action]);
  return stringify([['pattern', 'action'], ...rows], { delimiter: options.delimiter ?? ',', escape_formulas: true, bom: options.bom ?? false });
}

const unprotect = (cell: string) => (cell.startsWith("'") && (FORMULA_START.test(cell.slice(1)) || cell[1] === "'") ? cell.slice(1) : cell);

const cleanCell = (cell: string | undefined) => (cell ?? '').trim();

/**
 * Relaxed parsing keeps stray quotes as text, so a hand-written `idiot, "block"` (a space before the quote)
 * arrives as ` "block"`. Only fields the parser did not unquote itself are unwrapped, or a pattern that is
 * really `"x"` (exported as `"""x"""`) would lose its quotes.
 */
function unwrapLooseQuotes(value: string, { quoting }: { quoting: boolean }): string {
  const quoted = quoting ? null : /^\s*"([\s\S]*)"\s*$/.exec(value);
  return quoted ? quoted[1].replaceAll('""', '"') : value;
}

interface ParsedRow {
  cells: string[];
  line: number;
}

function parseWith(csv: string, delimiter: string): { rows: ParsedRow[]; errors: { line: number; error: string }[] } {
  const errors: { line: number; error: string }[] = [];
  const lines = csv.split('\n');
  const newlines = (value: string) => value.split('\n').length - 1;
  const recordLines: number[] = [];
  let lastEnd = 0;
  const records: string[][] = parse(csv, {
    delimiter,
    bom: true,
    relax_column_count: true,
    // Relaxed quotes and no built-in trimming: with either the parser stops at the first malformed field and
    // silently drops the rest of the file; this way malformed quoting is kept as text instead.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    cast: unwrapLooseQuotes,
    // The parser counts where a record ends; a quoted field may span lines, and an error should name the first.
    on_record: (cells, { lines: end }) => {
      lastEnd = end;
      recordLines.push(end - cells.reduce((sum, cell) => sum + newlines(cell), 0));
      return cells;
    },
    // A skipped record (in practice: a quote never closed, which runs to the end) starts at the first
    // non-blank line after the last good one.
    on_skip: () => {
      let line = lastEnd + 1;
      while (line < lines.length && !lines[line - 1].trim()) line++;
      errors.push({ line, error: 'moderation:words.errors.csvMalformed' });
      return undefined;
    },
  });
  return { rows: records.map((cells, i) => ({ cells, line: recordLines[i] })), errors };
}

/**
 * Reads a list an admin exported or made in a spreadsheet. Tolerant: BOM, `,` `;` or tab as delimiter (German
 * Excel writes `;`), quoted fields, blank lines, an optional header (which may also order the columns
 * differently), actions in any case. A row with an unknown action or an invalid pattern becomes an error with
 * its line number (an i18n key, like `patternError`); patterns that normalise alike collapse to the last one.
 */
export function watchedWordsFromCsv(csv: string): { words: WatchedWord[]; errors: { line: number; error: string }[] } {
  // The parser counts a CRLF inside quotes as two lines.
  const input = csv.replace(/\r\n?/g, '\n');
  const isHeader = (cells: string[]) => ['pattern', 'action'].every((name) => cells.some((c) => cleanCell(c).toLowerCase() === name));
  // The delimiter is the one under which most rows have an action (or the header) where the action belongs —
  // counting delimiter characters would be fooled by phrases with commas in a `;` file.
  const score = ({ rows }: ReturnType<typeof parseWith>) =>
    rows.filter(({ cells }) => isHeader(cells) || cells.slice(1).some((c) => isWatchedWordAction(cleanCell(c).toLowerCase()))).length;
  const { rows, errors } = [',', ';', '\t']
    .map((delimiter) => parseWith(input, delimiter))
    .reduce((best, candidate) => (score(candidate) > score(best) ? candidate : best));

  let patternColumn = 0;
  let actionColumn = 1;
  const header = rows[0] && isHeader(rows[0].cells) ? rows[0].cells.map((c) => cleanCell(c).toLowerCase()) : null;
  if (header) {
    patternColumn = header.indexOf('pattern');
    actionColumn = header.indexOf('action');
  }

  const byCanonical = new Map<string, WatchedWord>();
  for (const { cells, line } of header ? rows.slice(1) : rows) {
    const pattern = unprotect(cleanCell(cells[patternColumn]));
    const action = cleanCell(cells[actionColumn]).toLowerCase();
    if (!pattern && !action) continue;
    const invalid = patternError(pattern);
    if (invalid) errors.push({ line, error: invalid });
    else if (!isWatchedWordAction(action)) errors.push({ line, error: 'moderation:words.errors.unknownAction' });
    else byCanonical.set(normalisePattern(pattern), { pattern, action });
  }
  errors.sort((a, b) => a.line - b.line);
  return { words: [...byCanonical.values()], errors };
}
