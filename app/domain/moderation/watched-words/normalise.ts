/**
 * Normalisation: patterns and texts are both reduced to one canonical form (`normaliseForMatching`) and
 * compared there, so every folding below works in both directions by construction: a rule that merges two
 * spellings merges them for the admin's pattern too. The price of each fold is a few collisions between words
 * that differ only in the folded detail; those are listed where the fold is made, and whole-word matching
 * keeps them rare.
 */
import { PATTERN_MAX_LENGTH } from './types';
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

export function analysePattern(pattern: string): { error: string | null; canonical: string } {
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
