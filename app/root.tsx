import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import stylesheet from '#app/styles/app.css';
import { getIdentity } from '#app/guards.server';
import { setPreferredLanguage } from '#app/domain/auth/accounts.server';
import { unreadNotificationCount } from '#app/domain/forums/notifications.server';
import { languageCookie, resolveLanguage } from '#app/i18n/locale.server';
import { directionOf, DEFAULT_LANGUAGE } from '#app/i18n/languages';
import { useNonce } from '#app/components/nonce';
import { SiteHeader } from '#app/components/site-header';
import { SiteFooter } from '#app/components/site-footer';
import { SessionWatcher } from '#app/components/session-watcher';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const handle = { i18n: ['common'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, setCookie } = await getIdentity(request, context);
  const { language, fromQuery } = await resolveLanguage(request, actor?.language ?? null);
  const headers = new Headers();
  if (fromQuery) {
    headers.append('Set-Cookie', await languageCookie.serialize(language));
    if (actor && actor.language !== language) await setPreferredLanguage(actor.userId, language);
  }
  if (setCookie) headers.append('Set-Cookie', setCookie);
  return data(
    {
      language,
      user: actor ? { displayName: actor.displayName, isNetworkTeam: actor.isNetworkTeam, unreadNotifications: await unreadNotificationCount(actor) } : null,
      demoMode: context.demoMode,
    },
    { headers },
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>['data'];

export const meta: MetaFunction = () => [{ title: 'Weltoffen' }];

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  const language = root?.language ?? DEFAULT_LANGUAGE;
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
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <SiteHeader user={root?.user ?? null} language={root?.language ?? DEFAULT_LANGUAGE} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter demoMode={root?.demoMode ?? false} />
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

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
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
