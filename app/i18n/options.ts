/** i18next options shared by server and browser. */
import type { InitOptions } from 'i18next';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES } from './languages';

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: { 'de-x-ls': ['de'], default: [DEFAULT_LANGUAGE] },
  lowerCaseLng: true,
  defaultNS: 'common',
  fallbackNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
} satisfies InitOptions;
