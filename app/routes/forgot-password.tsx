import { type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { emailOnlySchema } from '#app/domain/auth/schemas';
import { requestPasswordReset } from '#app/domain/auth/accounts.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { clientFacts, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => ({ title: await pageTitle(args, 'auth:forgot.title') }));

/** The same answer, in the same time, whether or not the address has an account (the mail is written by a job). */
export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const submission = await parseSubmission(args.request, emailOnlySchema);
  if (submission.status !== 'success') return rejected(submission, emailOnlySchema);
  const { email } = submission.value;
  return attempt(args.request, submission, emailOnlySchema, async () => {
    await requestPasswordReset(null, { email, ...(await clientFacts(args)) });
    return { sentTo: email };
  });
});

export default function ForgotPassword() {
  const { t } = useTranslation(['auth', 'common']);
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm(emailOnlySchema);
  const busy = useNavigation().state === 'submitting';
  const sentTo = result && 'sentTo' in result ? result.sentTo : null;
  return (
    <div className="page narrow">
      <h1>{t('forgot.title')}</h1>
      {sentTo ? <Notice>{t('forgot.sent', { email: sentTo })}</Notice> : <p>{t('forgot.intro')}</p>}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <Field field={fields.email} type="email" label={t('fields.email')} autoComplete="email" />
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
