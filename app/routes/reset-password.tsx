import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { resetPasswordSchema } from '#app/domain/auth/schemas';
import { resetPassword } from '#app/domain/auth/accounts.server';
import { blankSessionCookie } from '#app/domain/auth/sessions.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, context, 'auth:reset.title'), token: new URL(request.url).searchParams.get('token') ?? '' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await resetPassword(parsed.value.token, parsed.value.password);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect('/login?passwordReset=1', { headers: { 'Set-Cookie': blankSessionCookie(context.secure) } });
}

export default function ResetPassword() {
  const { t } = useTranslation(['auth', 'common']);
  const { token } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page narrow">
      <h1>{t('reset.title')}</h1>
      <Form method="post" noValidate className="stack">
        <FormAlert error={errors.form ?? errors.token} />
        <input type="hidden" name="token" value={token} />
        <Field name="password" type="password" label={t('fields.newPassword')} hint={t('signUp.passwordHint')} autoComplete="new-password" required error={errors.password} />
        <Field name="passwordConfirm" type="password" label={t('fields.passwordConfirm')} autoComplete="new-password" required error={errors.passwordConfirm} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('reset.submit')}
        </button>
      </Form>
    </div>
  );
}
