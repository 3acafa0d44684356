import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { emailOnlySchema } from '#app/domain/auth/schemas';
import { requestPasswordReset } from '#app/domain/auth/accounts.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requestContext } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, context, 'auth:forgot.title') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(emailOnlySchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await requestPasswordReset(parsed.value.email, await requestContext(request, context));
  } catch (error) {
    return domainFailure(error, formData);
  }
  return { ok: true as const, email: parsed.value.email };
}

export default function ForgotPassword() {
  const { t } = useTranslation(['auth', 'common']);
  const { errors, value, result } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  const sentTo = result && result.ok ? (result as { email: string }).email : null;
  return (
    <div className="page narrow">
      <h1>{t('forgot.title')}</h1>
      {sentTo ? <Notice>{t('forgot.sent', { email: sentTo })}</Notice> : <p>{t('forgot.intro')}</p>}
      <Form method="post" noValidate className="stack">
        <FormAlert error={errors.form} />
        <Field name="email" type="email" label={t('fields.email')} autoComplete="email" required defaultValue={value('email')} error={errors.email} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('forgot.submit')}
        </button>
      </Form>
      <p>
        <Link to="/login">{t('common:nav.signIn')}</Link>
      </p>
    </div>
  );
}
