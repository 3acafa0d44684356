import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { signUpSchema } from '#app/domain/auth/schemas';
import { signUp } from '#app/domain/auth/accounts.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { getActor, requestContext } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getActor(request, context)) throw redirect('/account');
  return { title: await pageTitle(request, context, 'auth:signUp.title') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await signUp(parsed.value, await requestContext(request, context));
  } catch (error) {
    return domainFailure(error, formData);
  }
  throw redirect(`/signup/check-mail?email=${encodeURIComponent(parsed.value.email)}`);
}

export default function SignUp() {
  const { t } = useTranslation(['auth', 'common']);
  const { errors, value } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      <Form method="post" noValidate className="stack">
        <FormAlert error={errors.form} />
        <Field name="email" type="email" label={t('fields.email')} autoComplete="email" required defaultValue={value('email')} error={errors.email} />
        <Field
          name="displayName"
          label={t('fields.displayName')}
          hint={t('signUp.displayNameHint')}
          autoComplete="nickname"
          required
          defaultValue={value('displayName')}
          error={errors.displayName}
        />
        <Field name="password" type="password" label={t('fields.password')} hint={t('signUp.passwordHint')} autoComplete="new-password" required error={errors.password} />
        <div className={`field checkbox${errors.acceptTerms ? ' has-error' : ''}`}>
          <input
            type="checkbox"
            id="field-acceptTerms"
            name="acceptTerms"
            defaultChecked={value('acceptTerms') === 'on'}
            aria-invalid={errors.acceptTerms ? true : undefined}
            aria-describedby={errors.acceptTerms ? 'field-acceptTerms-error' : undefined}
          />
          <label htmlFor="field-acceptTerms">{t('signUp.acceptTerms')}</label>
          {errors.acceptTerms ? (
            <p className="field-error" id="field-acceptTerms-error">
              {t(errors.acceptTerms.key)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {t('signUp.submit')}
        </button>
      </Form>
      <p>
        {t('signUp.haveAccount')} <Link to="/login">{t('common:nav.signIn')}</Link>
      </p>
    </div>
  );
}
