import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '#app/page-title.server';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const email = new URL(request.url).searchParams.get('email') ?? '';
  return { title: await pageTitle(request, context, 'auth:checkMail.title'), email, demoMode: context.demoMode };
}

export default function CheckMail() {
  const { t } = useTranslation(['auth', 'common']);
  const { email, demoMode } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t('checkMail.title')}</h1>
      <p role="status">{t('checkMail.text', { email })}</p>
      {demoMode ? (
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
