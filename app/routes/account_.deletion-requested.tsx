import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GRACE_DAYS } from '#app/domain/personal-data/schemas';
import { routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Where one lands after asking for deletion: signed out everywhere, told how to change one's mind. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => ({ title: await pageTitle(args, 'privacy:deletion.requestedTitle') }));

export default function DeletionRequested() {
  const { t } = useTranslation(['privacy', 'common']);
  return (
    <div className="page narrow">
      <h1>{t('deletion.requestedTitle')}</h1>
      <p role="status">{t('deletion.requestedText', { days: GRACE_DAYS })}</p>
      <p>
        <Link to="/login?redirectTo=%2Faccount%2Fprivacy">{t('common:nav.signIn')}</Link>
      </p>
    </div>
  );
}
