import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { verifyEmail } from '#app/domain/auth/accounts.server';
import { isDomainError } from '#app/domain/errors';
import { pageTitle } from '#app/page-title.server';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The link in the verification mail. Verifying is idempotent in effect; a used or expired link says so. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  try {
    await verifyEmail(token);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { title: await pageTitle(request, context, 'auth:verify.failedTitle') };
  }
  throw redirect('/login?verified=1');
}

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
