/**
 * A questionnaire text with the language it is actually in: the page's language when translated, else
 * German (the fallback of `localised`). Pages put `lang` on fallback text so screen readers pronounce the
 * German question in German on an Arabic page.
 */
import { isSupportedLanguage } from '#app/i18n/languages';
import { localised, type LocalisedText } from './questionnaire';

export interface TextIn {
  text: string;
  lang: string;
}

export function textIn(text: LocalisedText, language: string): TextIn {
  const translated = isSupportedLanguage(language) && !!text[language]?.trim();
  return { text: localised(text, language), lang: translated ? language : 'de' };
}
