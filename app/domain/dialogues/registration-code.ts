/**
 * Registration codes a person can read aloud, type on a phone and copy from a letter: 8 random characters of
 * Crockford's base32 (no I, L, O, U) and one check character, shown as `ABCD-EFGH-K`, stored compact as
 * `ABCDEFGHK`. 40 random bits: unguessable at the door, where an organiser looks codes up one at a time.
 *
 * The check character comes from a Damm-style quasigroup over GF(32) (x∘d = 2·x ⊕ d): it catches every single
 * wrong character and every swap of two neighbours — the typing errors people make — so the check-in form
 * can say "mistyped" without a database lookup. Crockford's own mod-37 check would need `*~$=U`.
 *
 * Pure and browser-safe (randomness from `globalThis.crypto`, in Node and browsers alike).
 */
import { z } from 'zod';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 8;
export const CODE_LENGTH = RANDOM_LENGTH + 1;

// Confusions mapped onto the symbol that was meant: Crockford's O→0, I/L→1, plus U→V (U is never issued) and
// the Cyrillic capitals that look like Latin ones, for someone typing with a Ukrainian or Russian layout.
const CONFUSIONS: Record<string, string> = {
  O: '0', I: '1', L: '1', U: 'V',
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', Р: 'P', Т: 'T', Х: 'X', О: '0', І: '1',
};

/** Multiplication by 2 in GF(2^5) modulo x^5 + x^2 + 1. */
const double = (value: number) => ((value << 1) ^ (value & 0b10000 ? 0b100101 : 0)) & 0b11111;

/** The interim of the check over `symbols` (values 0–31); 0 when a complete code checks out. */
const checkInterim = (symbols: number[]) => symbols.reduce((interim, symbol) => double(interim) ^ symbol, 0);

const symbolValues = (code: string) => [...code].map((character) => CODE_ALPHABET.indexOf(character));

/** The check character for the 8 random characters, chosen so the whole code's interim is 0. */
function checkCharacter(random: string): string {
  return CODE_ALPHABET[double(checkInterim(symbolValues(random)))];
}

/** A new code in its compact stored form, e.g. `ABCDEFGHK`. */
export function generateRegistrationCode(): string {
  // 5 bytes are exactly 40 bits, i.e. 8 symbols of 5 bits: no modulo bias.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(5));
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let random = '';
  for (let index = RANDOM_LENGTH - 1; index >= 0; index--) random += CODE_ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  return random + checkCharacter(random);
}

/**
 * What a person typed, in the compact form: width variants folded (NFKC), upper case, spaces, hyphens and
 * dots dropped, confusable letters mapped. It may still be wrong; `isWellFormedCode` says whether it is.
 */
export function normaliseCode(input: string): string {
  return [...input.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑‒–—_.·]/gu, '')].map((character) => CONFUSIONS[character] ?? character).join('');
}

/** Whether the input, once normalised, has the right length, only code symbols and a matching check character. */
export function isWellFormedCode(input: string): boolean {
  const code = normaliseCode(input);
  if (code.length !== CODE_LENGTH) return false;
  const values = symbolValues(code);
  return values.every((value) => value >= 0) && checkInterim(values) === 0;
}

/** For display: `ABCD-EFGH-K`. */
export function formatCode(code: string): string {
  const compact = normaliseCode(code);
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

/** A code field: trimmed and normalised, and refused with a translated message when mistyped. */
export const registrationCodeSchema = z
  .string()
  .transform(normaliseCode)
  .refine(isWellFormedCode, { message: 'dialogues:errors.codeMistyped' });

/**
 * The code in what a QR code or a paste holds: the code itself, or a check-in URL that carries it as its
 * `code` parameter or its last path segment (`…/check-in/ABCD-EFGH-K`). Null when there is no well-formed
 * code in it.
 */
export function codeFromScan(text: string): string | null {
  const candidates = [text.trim()];
  try {
    const url = new URL(text.trim());
    candidates.unshift(url.searchParams.get('code') ?? '', decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? ''));
  } catch {
    // Not a URL: the text itself is the candidate.
  }
  const found = candidates.find((candidate) => candidate && isWellFormedCode(candidate));
  return found ? normaliseCode(found) : null;
}
