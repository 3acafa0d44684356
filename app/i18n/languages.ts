/**
 * The UI languages. `de-x-ls` is Leichte Sprache (easy-to-read German): a private-use BCP 47 tag whose
 * primary subtag keeps it German for browsers and screen readers; it falls back to German.
 * See docs/decisions/003-language-codes.md.
 */
export const SUPPORTED_LANGUAGES = ['de', 'de-x-ls', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'fa'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'de';

/** Each language named in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  de: 'Deutsch',
  'de-x-ls': 'Leichte Sprache',
  en: 'English',
  tr: 'Türkçe',
  ar: 'العربية',
  uk: 'Українська',
  ru: 'Русский',
  pl: 'Polski',
  fa: 'فارسی',
};

const RTL = new Set<string>(['ar', 'fa']);
export const directionOf = (lng: string): 'rtl' | 'ltr' => (RTL.has(lng) ? 'rtl' : 'ltr');

export const isSupportedLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);

/** Picks the best supported language from an Accept-Language header (q-values honoured). */
export function languageFromAcceptHeader(header: string | null): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (isSupportedLanguage(tag)) return tag;
    const primary = tag.split('-')[0];
    if (isSupportedLanguage(primary)) return primary;
  }
  return null;
}

export const NAMESPACES = ['common', 'auth', 'towns', 'network', 'accessibility', 'mail', 'forums', 'editor', 'moderation', 'dialogues', 'incidents', 'selfcheck', 'privacy'] as const;
