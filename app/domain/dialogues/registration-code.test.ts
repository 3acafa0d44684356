import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  codeFromScan,
  formatCode,
  generateRegistrationCode,
  isWellFormedCode,
  normaliseCode,
  registrationCodeSchema,
} from './registration-code';

const codes = Array.from({ length: 2000 }, generateRegistrationCode);
const sample = codes[0];

describe('generateRegistrationCode', () => {
  it('gives 9 code symbols that check out', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{9}$/);
      expect(code).toHaveLength(CODE_LENGTH);
      expect(isWellFormedCode(code)).toBe(true);
    }
  });

  it('does not repeat itself', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses every symbol in every random position', () => {
    for (let position = 0; position < 8; position++) {
      expect(new Set(codes.map((code) => code[position])).size, `position ${position}`).toBe(32);
    }
  });
});

describe('the check character', () => {
  it('catches every single wrong character', () => {
    for (const code of codes.slice(0, 50)) {
      for (let position = 0; position < CODE_LENGTH; position++) {
        for (const symbol of CODE_ALPHABET) {
          if (symbol === code[position]) continue;
          const typo = code.slice(0, position) + symbol + code.slice(position + 1);
          expect(isWellFormedCode(typo), typo).toBe(false);
        }
      }
    }
  });

  it('catches every swap of two different neighbours, the check character included', () => {
    let swaps = 0;
    for (const code of codes) {
      for (let position = 0; position < CODE_LENGTH - 1; position++) {
        if (code[position] === code[position + 1]) continue;
        const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        expect(isWellFormedCode(swapped), swapped).toBe(false);
        swaps++;
      }
    }
    expect(swaps).toBeGreaterThan(10_000);
  });

  it('refuses a missing or an extra character', () => {
    expect(isWellFormedCode(sample.slice(0, 8))).toBe(false);
    expect(isWellFormedCode(`${sample}0`)).toBe(false);
    expect(isWellFormedCode('')).toBe(false);
  });
});

describe('normaliseCode', () => {
  it.each([
    ['lower case', 'abcd-efgh-k', 'ABCDEFGHK'],
    ['spaces, hyphens, dashes, dots', ' ab cd–ef.gh—k ', 'ABCDEFGHK'],
    ['O is 0, I and L are 1', 'oOiIlL', '001111'],
    ['U, never issued, is V', 'u', 'V'],
    ['full-width letters from a phone keyboard', 'ＡＢＣＤ－１２３４', 'ABCD1234'],
    ['Cyrillic lookalikes from a Ukrainian or Russian layout', 'АВСЕ НКМР ТХОІ', 'ABCEHKMPTX01'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseCode(input)).toBe(expected);
  });

  it('accepts a code as people retype it', () => {
    const typed = formatCode(sample).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' ');
    expect(isWellFormedCode(typed)).toBe(true);
    expect(normaliseCode(typed)).toBe(sample);
  });
});

describe('formatCode and the schema', () => {
  it('groups 4-4 and the check character', () => {
    expect(formatCode('abcdefghk')).toBe('ABCD-EFGH-K');
    expect(formatCode(sample)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
  });

  it('normalises a good code and names the key for a mistyped one', () => {
    expect(registrationCodeSchema.parse(` ${formatCode(sample).toLowerCase()} `)).toBe(sample);
    const wrong = registrationCodeSchema.safeParse(sample.slice(0, 8) + (sample[8] === '0' ? '1' : '0'));
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0].message).toBe('dialogues:errors.codeMistyped');
  });
});

describe('codeFromScan', () => {
  const formatted = formatCode(sample);
  it.each([
    ['the compact code', sample, sample],
    ['the formatted code', formatted, sample],
    ['a check-in URL ending in the code', `https://weltoffen.example/musterstadt/veranstaltungen/42/check-in/${formatted}`, sample],
    ['a check-in URL with the code as parameter', `https://weltoffen.example/check-in?event=42&code=${sample.toLowerCase()}`, sample],
    ['a URL with a trailing slash', `https://weltoffen.example/c/${sample}/`, sample],
    ['a URL without a code', 'https://weltoffen.example/check-in', null],
    ['a mistyped code', sample.slice(0, 8) + (sample[8] === '0' ? '1' : '0'), null],
    ['some other QR code', 'WIFI:S:Rathaus;T:WPA;P:geheim;;', null],
    ['nothing', '', null],
  ])('%s', (_name, text, expected) => {
    expect(codeFromScan(text)).toBe(expected);
  });
});
