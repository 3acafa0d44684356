import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { settings } from '#app/env.server';
import { routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const email = new URL(args.request.url).searchParams.get('email')?.slice(0, 254) ?? '';
  return { title: await pageTitle(args, 'auth:checkMail.title'), email, devMailbox: settings().demo.mailbox && args.context.directLocalRequest };
});

export default function CheckMail() {
  const { t } = useTranslation(['auth', 'common']);
  const { email, devMailbox } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t('checkMail.title')}</h1>
      <p role="status">{t('checkMail.text', { email })}</p>
      {devMailbox ? (
        <p>
          <Link to={`/dev/mail?to=${encodeURIComponent(email)}`}>{t('checkMail.devMailbox')}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/login">{t('common:nav.signIn')}</Link>
      </p>
    </div>
  );
}
