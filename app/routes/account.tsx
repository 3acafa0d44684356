import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { profileSchema } from '#app/domain/auth/schemas';
import { updateProfile } from '#app/domain/auth/accounts.server';
import { blankSessionCookie, revokeAllSessions } from '#app/domain/auth/sessions.server';
import { listTowns } from '#app/domain/municipalities/towns.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { languageCookie } from '#app/i18n/locale.server';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '#app/i18n/languages';
import { Field, FormAlert, Notice, SelectField } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'auth', 'towns', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const accountSchema = z.discriminatedUnion('intent', [profileSchema.extend({ intent: z.literal('profile') }), z.object({ intent: z.literal('sign-out-everywhere') })]);

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  const towns = (await listTowns(actor)).filter((town) => actor.roles[town.id]);
  return {
    title: await pageTitle(args, 'auth:account.title'),
    saved: new URL(args.request.url).searchParams.has('saved'),
    profile: { displayName: actor.displayName, email: actor.email, language: actor.language },
    memberships: towns.map((town) => ({ slug: town.slug, name: town.name, role: actor.roles[town.id] })),
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  const submission = await parseSubmission(args.request, accountSchema);
  if (submission.status !== 'success') return rejected(submission, accountSchema);
  const input = submission.value;
  if (input.intent === 'sign-out-everywhere') {
    await revokeAllSessions(actor.userId);
    return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': blankSessionCookie(args.context.https) } });
  }
  return attempt(args.request, submission, accountSchema, async () => {
    await updateProfile(actor, input);
    return redirect('/account?saved=1', { headers: { 'Set-Cookie': await languageCookie.serialize(input.language) } });
  });
});

export default function Account() {
  const { t } = useTranslation(['auth', 'common', 'towns', 'privacy']);
  const { profile, memberships, saved } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(profileSchema, { formName: 'profile', defaultValue: { displayName: profile.displayName, language: profile.language } });
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page narrow">
      <h1>{t('account.title')}</h1>
      {saved ? <Notice>{t('account.saved')}</Notice> : null}
      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">{t('account.profile')}</h2>
        <p>{t('account.emailIs', { email: profile.email })}</p>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormAlert errors={form.errors} />
          <Field field={fields.displayName} label={t('fields.displayName')} hint={t('signUp.displayNameHint')} />
          <SelectField field={fields.language} label={t('account.language')} options={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng], lang: lng }))} />
          <button type="submit" name="intent" value="profile" className="button primary" disabled={busy}>
            {t('account.save')}
          </button>
        </Form>
      </section>
      <section aria-labelledby="towns-heading" className="card">
        <h2 id="towns-heading">{t('account.myTowns')}</h2>
        {memberships.length ? (
          <ul>
            {memberships.map((m) => (
              <li key={m.slug}>
                <Link to={`/towns/${m.slug}`}>{m.name}</Link> – {t(`towns:roles.${m.role}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {t('account.noTowns')} <Link to="/">{t('common:nav.towns')}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="sessions-heading" className="card">
        <h2 id="sessions-heading">{t('account.sessions')}</h2>
        <p>{t('account.sessionsText')}</p>
        <Form method="post" reloadDocument>
          <button type="submit" name="intent" value="sign-out-everywhere" className="button danger">
            {t('account.signOutEverywhere')}
          </button>
        </Form>
      </section>
      <section aria-labelledby="data-heading" className="card">
        <h2 id="data-heading">{t('privacy:page.title')}</h2>
        <p>
          <Link to="/account/privacy">{t('privacy:page.accountLink')}</Link>
        </p>
      </section>
    </div>
  );
}
