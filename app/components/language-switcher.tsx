import { useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '#app/i18n/languages';

/** A plain GET form: works without JavaScript, and a full load switches text and direction together. */
export function LanguageSwitcher({ current }: { current: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <form method="get" action={pathname} className="language-switcher">
      <label htmlFor="language-select" className="visually-hidden">
        {t('language.label')}
      </label>
      <select id="language-select" name="lng" defaultValue={current}>
        {SUPPORTED_LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {LANGUAGE_NAMES[lng]}
          </option>
        ))}
      </select>
      <button type="submit">
        {t('language.go')}
        <span className="visually-hidden"> – {t('language.apply')}</span>
      </button>
    </form>
  );
}
