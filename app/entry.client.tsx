import { prepareRemixBrowser, RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import Backend from 'i18next-http-backend';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { NAMESPACES } from '#app/i18n/languages';
import { i18nOptions } from '#app/i18n/options';

async function hydrate() {
  await i18next
    .use(initReactI18next)
    .use(Backend)
    .init({
      ...i18nOptions,
      lng: document.documentElement.lang,
      ns: [...NAMESPACES],
      backend: { loadPath: '/locales/{{lng}}/{{ns}}.json' },
      react: { useSuspense: false },
    });
  // The page's state is decoded before hydration starts, so that hydration never waits for it: a tap or a
  // key press while it waited made React give up ("Root did not complete", error #345), and the page kept
  // no scripts (the editor never came). See patches/@remix-run+react+2.17.5.patch.
  await prepareRemixBrowser();
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
