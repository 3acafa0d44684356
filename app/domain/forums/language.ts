/**
 * The language of a post: detected with franc (restricted to the languages the network uses, which makes
 * short texts far more reliable), or chosen by the author. Also the PostgreSQL text-search configuration
 * that stems each language.
 */
import { franc } from 'franc-min';

export const CONTENT_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'fa'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

const FROM_ISO_639_3: Record<string, ContentLanguage> = {
  deu: 'de', eng: 'en', tur: 'tr', arb: 'ar', ukr: 'uk', rus: 'ru', pol: 'pl', pes: 'fa',
};

export const isContentLanguage = (value: unknown): value is ContentLanguage =>
  typeof value === 'string' && (CONTENT_LANGUAGES as readonly string[]).includes(value);

/** Detects the language of `text`; too short or unclear texts get `fallback` (the author's interface language). */
export function detectLanguage(text: string, fallback: string): ContentLanguage {
  const detected = franc(text, { only: Object.keys(FROM_ISO_639_3), minLength: 12 });
  if (detected !== 'und') return FROM_ISO_639_3[detected];
  const base = fallback.split('-')[0];
  return isContentLanguage(base) ? base : 'de';
}

/** PostgreSQL ships stemmers for some of our languages; the others are indexed word by word. */
export const SEARCH_CONFIGS: Record<ContentLanguage, string> = {
  de: 'german', en: 'english', tr: 'turkish', ar: 'arabic', ru: 'russian', uk: 'simple', pl: 'simple', fa: 'simple',
};

export const searchConfigFor = (language: string): string => SEARCH_CONFIGS[(language.split('-')[0] as ContentLanguage)] ?? 'simple';
