import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { resetPasswordSchema } from '#app/domain/auth/schemas';
import { resetPassword } from '#app/domain/auth/accounts.server';
import { blankSessionCookie } from '#app/domain/auth/sessions.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { Field, FormAlert } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => ({
  title: await pageTitle(args, 'auth:reset.title'),
  token: new URL(args.request.url).searchParams.get('token')?.slice(0, 200) ?? '',
}));

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const submission = await parseSubmission(args.request, resetPasswordSchema);
  if (submission.status !== 'success') return rejected(submission, resetPasswordSchema);
  return attempt(args.request, submission, resetPasswordSchema, async () => {
    await resetPassword(null, submission.value);
    return redirect('/login?passwordReset=1', { headers: { 'Set-Cookie': blankSessionCookie(args.context.https) } });
  });
});

export default function ResetPassword() {
  const { t } = useTranslation(['auth', 'common']);
  const { token } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(resetPasswordSchema);
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page narrow">
      <h1>{t('reset.title')}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors ?? fields.token.errors} />
        <input type="hidden" name="token" value={token} />
        <Field field={fields.password} type="password" label={t('fields.newPassword')} hint={t('signUp.passwordHint')} autoComplete="new-password" />
        <Field field={fields.passwordConfirm} type="password" label={t('fields.passwordConfirm')} autoComplete="new-password" />
        <button type="submit" className="button primary" disabled={busy}>
          {t('reset.submit')}
        </button>
      </Form>
    </div>
  );
}
