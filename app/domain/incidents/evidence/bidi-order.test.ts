import { describe, expect, it } from 'vitest';
import { paragraphDirection, visualOrder } from './bidi-order';

describe('paragraphDirection', () => {
  it.each([
    ['Wir wissen, wo du wohnst.', 'ltr'],
    ['نحن نعرف أين تعيش', 'rtl'],
    ['2026: نحن نعرف', 'rtl'],
    ['«ما می‌دانیم» said X', 'rtl'],
    ['Мы знаем', 'ltr'],
    ['12345', 'ltr'],
  ])('%s → %s', (text, direction) => {
    expect(paragraphDirection(text)).toBe(direction);
  });
});

describe('visualOrder', () => {
  it.each([
    ['a left-to-right line stays as it is', ['Wir', 'wissen', 'es.'], 'ltr', ['Wir', 'wissen', 'es.']],
    ['a right-to-left line is reversed', ['نحن', 'نعرف', 'أين', 'تعيش'], 'rtl', ['تعيش', 'أين', 'نعرف', 'نحن']],
    ['an Arabic phrase inside German is reversed in place', ['Text:', 'نحن', 'نعرف', 'ende'], 'ltr', ['Text:', 'نعرف', 'نحن', 'ende']],
    ['a number and a Latin name inside Arabic keep their own order', ['رقم', 'ST/123', 'Polizei', 'Köln', 'هنا'], 'rtl', ['هنا', 'ST/123', 'Polizei', 'Köln', 'رقم']],
    ['a dash between Arabic words belongs to them', ['نحن', '—', 'نعرف'], 'ltr', ['نعرف', '—', 'نحن']],
    ['a dash between Arabic and Latin takes the paragraph direction', ['abc', '—', 'نعرف'], 'ltr', ['abc', '—', 'نعرف']],
  ])('%s', (_name, words, direction, expected) => {
    expect(visualOrder(words, direction as 'ltr' | 'rtl')).toEqual(expected);
  });
});
