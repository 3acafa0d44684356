import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { emailOnlySchema, signInSchema } from '#app/domain/auth/schemas';
import { requestSignInLink, resendVerification, signIn } from '#app/domain/auth/accounts.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { clientFacts, currentActor, routeAction, routeLoader } from '#app/web/guard.server';
import { deviceCookieHeader, deviceTokenOf } from '#app/web/device-cookie.server';
import { safeRedirectPath } from '#app/web/redirect';
import { languageCookie } from '#app/i18n/locale.server';
import { pageTitle } from '#app/web/page.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** One form, three buttons: sign in (the default, also for Enter), send a sign-in link, resend the confirmation. */
const loginSchema = z.discriminatedUnion('intent', [
  signInSchema.extend({ intent: z.literal('sign-in'), redirectTo: z.string().max(2000).optional() }),
  emailOnlySchema.extend({ intent: z.literal('send-link') }),
  emailOnlySchema.extend({ intent: z.literal('resend-verification') }),
]);

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const url = new URL(args.request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'));
  if (await currentActor(args)) throw redirect(redirectTo);
  return {
    title: await pageTitle(args, 'auth:signIn.title'),
    redirectTo,
    notice: (['verified', 'signedOut', 'passwordReset', 'linkInvalid'] as const).find((key) => url.searchParams.has(key)) ?? null,
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const submission = await parseSubmission(args.request, loginSchema, { defaults: { intent: 'sign-in' } });
  if (submission.status !== 'success') return rejected(submission, loginSchema);
  const input = submission.value;
  const facts = await clientFacts(args);
  return attempt(args.request, submission, loginSchema, async () => {
    if (input.intent === 'send-link') {
      await requestSignInLink(null, { email: input.email, ...facts });
      return { sent: 'link' as const, email: input.email };
    }
    if (input.intent === 'resend-verification') {
      await resendVerification(null, { email: input.email, ...facts });
      return { sent: 'verification' as const, email: input.email };
    }
    const session = await signIn(null, { email: input.email, password: input.password, ip: facts.ip, https: args.context.https, deviceToken: await deviceTokenOf(args.request) });
    const headers = new Headers();
    headers.append('Set-Cookie', session.cookie);
    headers.append('Set-Cookie', await deviceCookieHeader(session.deviceToken, args.context.https));
    headers.append('Set-Cookie', await languageCookie.serialize(session.language));
    return redirect(safeRedirectPath(input.redirectTo), { headers });
  });
});

export default function Login() {
  const { t } = useTranslation(['auth', 'common']);
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm(loginSchema, { formName: 'sign-in' });
  const [linkForm] = useAppForm(loginSchema, { formName: 'send-link' });
  const busy = useNavigation().state === 'submitting';
  const sent = result && 'sent' in result ? result : null;
  const errors = [...(form.errors ?? []), ...(linkForm.errors ?? [])];
  const notVerified = fields.email.errors?.some((error) => error.startsWith('auth:errors.emailNotVerified'));
  return (
    <div className="page narrow">
      <h1>{t('signIn.title')}</h1>
      {notice ? <Notice>{t(`signIn.notice.${notice}`)}</Notice> : null}
      {sent ? <Notice>{t(sent.sent === 'link' ? 'signIn.notice.linkSent' : 'signIn.notice.resent', { email: sent.email })}</Notice> : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field field={fields.email} type="email" label={t('fields.email')} autoComplete="email" />
        <Field field={fields.password} type="password" label={t('fields.password')} autoComplete="current-password" />
        <div className="actions">
          <button type="submit" name="intent" value="sign-in" className="button primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
          <button type="submit" name="intent" value="send-link" className="button" formNoValidate>
            {t('signIn.sendLink')}
          </button>
          {notVerified ? (
            <button type="submit" name="intent" value="resend-verification" className="button">
              {t('signIn.resend')}
            </button>
          ) : null}
        </div>
        <p className="hint">{t('signIn.linkHint')}</p>
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
