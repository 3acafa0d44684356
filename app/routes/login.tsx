import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { emailOnlySchema, signInSchema } from '#app/domain/auth/schemas';
import { resendVerification, signIn } from '#app/domain/auth/accounts.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { getActor, requestContext, safeRedirectPath } from '#app/guards.server';
import { languageCookie } from '#app/i18n/locale.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'));
  if (await getActor(request, context)) throw redirect(redirectTo);
  return {
    title: await pageTitle(request, context, 'auth:signIn.title'),
    redirectTo,
    notice: (['verified', 'signedOut', 'passwordReset'] as const).find((key) => url.searchParams.has(key)) ?? null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const ctx = await requestContext(request, context);
  if (formData.get('intent') === 'resend-verification') {
    const parsed = parseForm(emailOnlySchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    try {
      await resendVerification(parsed.value.email, ctx);
    } catch (error) {
      return domainFailure(error, formData);
    }
    return { ok: true as const, resent: true };
  }
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    const session = await signIn(parsed.value, ctx);
    const headers = new Headers();
    headers.append('Set-Cookie', session.cookie);
    headers.append('Set-Cookie', await languageCookie.serialize(session.language));
    return redirect(safeRedirectPath(formData.get('redirectTo')), { headers });
  } catch (error) {
    return domainFailure(error, formData);
  }
}

export default function Login() {
  const { t } = useTranslation(['auth', 'common']);
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const { errors, value, result } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  const notVerified = errors.email?.key === 'auth:errors.emailNotVerified';
  return (
    <div className="page narrow">
      <h1>{t('signIn.title')}</h1>
      {notice ? <Notice>{t(`signIn.notice.${notice}`)}</Notice> : null}
      {result && 'resent' in result ? <Notice>{t('signIn.notice.resent')}</Notice> : null}
      <Form method="post" noValidate className="stack">
        <FormAlert error={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="email" type="email" label={t('fields.email')} autoComplete="email" required defaultValue={value('email')} error={errors.email} />
        <Field name="password" type="password" label={t('fields.password')} autoComplete="current-password" required error={errors.password} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
          {notVerified ? (
            <button type="submit" name="intent" value="resend-verification" className="button">
              {t('signIn.resend')}
            </button>
          ) : null}
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      <p>
        {t('signIn.noAccount')} <Link to="/signup">{t('common:nav.signUp')}</Link>
      </p>
    </div>
  );
}
