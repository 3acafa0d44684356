import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import stylesheet from '#app/styles/app.css';
import { identityOf } from '#app/web/identity.server';
import { setPreferredLanguage } from '#app/domain/auth/accounts.server';
import { unreadNotificationCount } from '#app/domain/forums/notifications.server';
import { openWorkAcrossTowns } from '#app/domain/moderation/cases.server';
import { pendingDeletion } from '#app/domain/personal-data/deletion.server';
import { languageCookie, resolveLanguage } from '#app/i18n/locale.server';
import { isDatabaseUnavailable, unavailablePage } from '#app/web/outage.server';
import { isUnavailableData, type KeptSubmission } from '#app/web/outage';
import { directionOf, DEFAULT_LANGUAGE } from '#app/i18n/languages';
import { useNonce } from '#app/components/nonce';
import { SiteHeader } from '#app/components/site-header';
import { SiteFooter } from '#app/components/site-footer';
import { SessionWatcher } from '#app/components/session-watcher';
import { DeletionBanner } from '#app/components/deletion-banner';
import { settings } from '#app/env.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const handle = { i18n: ['common'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    const { actor, setCookie } = await identityOf(request, context);
    const { language, fromQuery } = await resolveLanguage(request, actor?.language ?? null);
    const headers = new Headers();
    if (fromQuery) {
      headers.append('Set-Cookie', await languageCookie.serialize(language));
      if (actor && actor.language !== language) await setPreferredLanguage(actor, { language });
    }
    if (setCookie) headers.append('Set-Cookie', setCookie);
    // Staff reach their work from every page: open cases and appeals per town they moderate.
    const [unreadNotifications, moderation, deletion] = actor
      ? await Promise.all([unreadNotificationCount(actor), openWorkAcrossTowns(actor), pendingDeletion(actor)])
      : [0, [], null];
    return data(
      {
        language,
        user: actor ? { displayName: actor.displayName, isNetworkTeam: actor.isNetworkTeam, unreadNotifications, moderation, deletionDue: deletion?.eraseAfter ?? null } : null,
        devMailbox: settings().demo.mailbox && context.directLocalRequest,
      },
      { headers },
    );
  } catch (error) {
    // The database is down: a 503 "briefly unavailable" page instead of a server error.
    if (isDatabaseUnavailable(error)) throw await unavailablePage(request);
    throw error;
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>['data'];

export const meta: MetaFunction = () => [{ title: 'Weltoffen' }];

function useUnavailable() {
  const error = useRouteError();
  return isRouteErrorResponse(error) && isUnavailableData(error.data) ? error.data : null;
}

/** The root loader's language; on the "briefly unavailable" page, which has no loader data, the one it brings. */
function usePageLanguage(): string {
  const root = useRouteLoaderData<typeof loader>('root');
  const unavailable = useUnavailable();
  return root?.language ?? unavailable?.language ?? DEFAULT_LANGUAGE;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const language = usePageLanguage();
  const nonce = useNonce();
  return (
    <html lang={language} dir={directionOf(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  const language = usePageLanguage();
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <SiteHeader user={root?.user ?? null} language={language} />
      <main id="main" tabIndex={-1}>
        {root?.user?.deletionDue ? <DeletionBanner due={root.user.deletionDue} /> : null}
        {children}
      </main>
      <SiteFooter devMailbox={root?.devMailbox ?? false} />
      {root?.user ? <SessionWatcher /> : null}
    </>
  );
}

export default function App() {
  const root = useRouteLoaderData<typeof loader>('root');
  // A sign-in or a profile change can switch the language during a client-side navigation.
  useChangeLanguage(root?.language ?? DEFAULT_LANGUAGE);
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/**
 * While the database is unavailable: say so in the request's language and, after a full-page form post,
 * give back what was typed in a form that sends it again (the page it came from cannot be rebuilt yet).
 */
function UnavailablePage({ language, kept }: { language: string; kept?: KeptSubmission }) {
  const { i18n } = useTranslation();
  // The server picks its translations by the root loader's language, which this page lacks: switch to the one
  // it brings (in the browser, that is already the page's language, read from <html lang>).
  const fixed = useMemo(
    () => (i18n.language === language || !i18n.hasResourceBundle(language, 'common') ? i18n : i18n.cloneInstance({ lng: language, initImmediate: false })),
    [i18n, language],
  );
  return (
    <I18nextProvider i18n={fixed}>
      <Shell>
        <UnavailableNotice kept={kept} />
      </Shell>
    </I18nextProvider>
  );
}

function UnavailableNotice({ kept }: { kept?: KeptSubmission }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t('errorPage.unavailable.title')}</h1>
      {kept ? (
        // A plain form: a full-page post again, whatever the page's script would do.
        <form method="post" className="stack" noValidate>
          {Object.entries(kept.fields)
            .filter(([name]) => name !== kept.textField)
            .map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
          <div className="field has-error">
            <label htmlFor="kept-text">{t(kept.label)}</label>
            <textarea id="kept-text" name={kept.textField} rows={8} defaultValue={kept.fields[kept.textField]} aria-invalid aria-describedby="kept-text-error" />
            <p className="field-error" id="kept-text-error">
              {t('common:errors.unavailable')}
            </p>
          </div>
          <button type="submit" className="button primary">
            {t('errorPage.unavailable.sendAgain')}
          </button>
        </form>
      ) : (
        <p>{t('errorPage.unavailable.text')}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const unavailable = useUnavailable();
  const language = usePageLanguage();
  if (unavailable) return <UnavailablePage language={language} kept={unavailable.kept} />;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : 'serverError';
  return (
    <Shell>
      <div className="page narrow">
        <h1>{t(`errorPage.${key}.title`)}</h1>
        <p>{t(`errorPage.${key}.text`)}</p>
        <p>
          <a href="/">{t('errorPage.home')}</a>
        </p>
      </div>
    </Shell>
  );
}
