import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { signUpSchema } from '#app/domain/auth/schemas';
import { signUp } from '#app/domain/auth/accounts.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { clientFacts, currentActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { CheckboxField, Field, FormAlert } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  if (await currentActor(args)) throw redirect('/account');
  return { title: await pageTitle(args, 'auth:signUp.title') };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const submission = await parseSubmission(args.request, signUpSchema);
  if (submission.status !== 'success') return rejected(submission, signUpSchema);
  const { email } = submission.value;
  return attempt(args.request, submission, signUpSchema, async () => {
    await signUp(null, { ...submission.value, ...(await clientFacts(args)) });
    return redirect(`/signup/check-mail?email=${encodeURIComponent(email)}`);
  });
});

export default function SignUp() {
  const { t } = useTranslation(['auth', 'common']);
  const [form, fields] = useAppForm(signUpSchema);
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page narrow">
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <Field field={fields.email} type="email" label={t('fields.email')} autoComplete="email" />
        <Field field={fields.displayName} label={t('fields.displayName')} hint={t('signUp.displayNameHint')} autoComplete="nickname" />
        <Field field={fields.password} type="password" label={t('fields.password')} hint={t('signUp.passwordHint')} autoComplete="new-password" />
        <CheckboxField field={fields.acceptTerms} label={t('signUp.acceptTerms')} />
        <p>
          <Link to="/privacy">{t('common:personalData.privacy')}</Link>
        </p>
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
