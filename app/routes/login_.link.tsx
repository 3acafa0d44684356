import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { signInWithLink } from '#app/domain/auth/accounts.server';
import { isDomainError } from '#app/domain/errors';
import { deviceCookieHeader, deviceTokenOf } from '#app/web/device-cookie.server';
import { parseSubmission } from '#app/web/form.server';
import { routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { languageCookie } from '#app/i18n/locale.server';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }];

const linkSchema = z.object({ token: z.string().min(10).max(200) });

/**
 * The mailed one-time sign-in link. Opening it shows a button; pressing it signs in — a GET alone must not,
 * because mail programs open links to scan them. It proves the address, so it works whatever strangers did
 * to the account's password sign-in meanwhile.
 */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => ({
  title: await pageTitle(args, 'auth:signInLink.title'),
  token: new URL(args.request.url).searchParams.get('token')?.slice(0, 200) ?? '',
}));

export const action = (args: ActionFunctionArgs) => routeAction(args, async ({ request, context }) => {
  const submission = await parseSubmission(request, linkSchema);
  if (submission.status !== 'success') return redirect('/login?linkInvalid=1');
  try {
    const session = await signInWithLink(null, { token: submission.value.token, https: context.https, deviceToken: await deviceTokenOf(request) });
    const headers = new Headers();
    headers.append('Set-Cookie', session.cookie);
    headers.append('Set-Cookie', await deviceCookieHeader(session.deviceToken, context.https));
    headers.append('Set-Cookie', await languageCookie.serialize(session.language));
    return redirect('/', { headers });
  } catch (error) {
    if (isDomainError(error)) return redirect('/login?linkInvalid=1');
    throw error;
  }
});

export default function SignInWithLink() {
  const { t } = useTranslation(['auth', 'common']);
  const { token } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t('signInLink.title')}</h1>
      <p>{t('signInLink.text')}</p>
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button primary">
          {t('signInLink.submit')}
        </button>
      </Form>
    </div>
  );
}
