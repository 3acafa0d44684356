/** i18next options shared by server and browser. */
import type { InitOptions } from 'i18next';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES } from './languages';

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

const RIGHT_TO_LEFT_TEXT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/**
 * A text put into a translated sentence ({{name}}, {{thread}}, …) becomes a Unicode isolate, like <bdi>,
 * wherever its direction may differ from the sentence's: "Rana R." stays "Rana R." inside an Arabic
 * sentence, and an Arabic name inside a German one keeps its punctuation. This works where markup cannot:
 * in titles, labels and options. Addresses and multi-line lists (in mail) are left as they are, so mail
 * programs still find the links.
 */
export function isolateValue(value: unknown, language: string | undefined): unknown {
  if (typeof value !== 'string' || value === '' || /^(https?:\/\/|mailto:)/.test(value) || value.includes('\n')) return value;
  const rightToLeftPage = language === 'ar' || language === 'fa';
  if (!rightToLeftPage && !RIGHT_TO_LEFT_TEXT.test(value)) return value;
  return `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}`;
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: { 'de-x-ls': ['de'], default: [DEFAULT_LANGUAGE] },
  lowerCaseLng: true,
  defaultNS: 'common',
  fallbackNS: 'common',
  // React escapes; every interpolated text is isolated for right-to-left pages.
  interpolation: { escapeValue: false, alwaysFormat: true, format: (value: unknown, _format?: string, language?: string) => isolateValue(value, language) as string },
  returnNull: false,
} satisfies InitOptions;
