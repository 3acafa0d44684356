import { redirect, type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { verifyEmail } from '#app/domain/auth/accounts.server';
import { isDomainError } from '#app/domain/errors';
import { routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The link in the verification mail. Verifying is idempotent in effect; a used or expired link says so. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const token = new URL(args.request.url).searchParams.get('token')?.slice(0, 200) ?? '';
  try {
    await verifyEmail(null, { token });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { title: await pageTitle(args, 'auth:verify.failedTitle') };
  }
  throw redirect('/login?verified=1');
});

export default function VerifyEmail() {
  const { t } = useTranslation(['auth', 'common']);
  return (
    <div className="page narrow">
      <h1>{t('verify.failedTitle')}</h1>
      <p>{t('verify.failedText')}</p>
      <p>
        <Link to="/login">{t('common:nav.signIn')}</Link>
      </p>
    </div>
  );
}
