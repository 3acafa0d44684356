import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { profileSchema } from '#app/domain/auth/schemas';
import { updateProfile } from '#app/domain/auth/accounts.server';
import { blankSessionCookie, revokeAllSessions } from '#app/domain/auth/sessions.server';
import { listTowns } from '#app/domain/municipalities/towns.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requireActor } from '#app/guards.server';
import { languageCookie } from '#app/i18n/locale.server';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '#app/i18n/languages';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'auth', 'towns'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const towns = (await listTowns()).filter((town) => actor.roles[town.id]);
  return {
    title: await pageTitle(request, context, 'auth:account.title'),
    saved: new URL(request.url).searchParams.has('saved'),
    profile: { displayName: actor.displayName, email: actor.email, language: actor.language },
    memberships: towns.map((town) => ({ slug: town.slug, name: town.name, role: actor.roles[town.id] })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await request.formData();
  if (formData.get('intent') === 'sign-out-everywhere') {
    await revokeAllSessions(actor.userId);
    return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': blankSessionCookie(context.secure) } });
  }
  const parsed = parseForm(profileSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await updateProfile(actor, parsed.value);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect('/account?saved=1', { headers: { 'Set-Cookie': await languageCookie.serialize(parsed.value.language) } });
}

export default function Account() {
  const { t } = useTranslation(['auth', 'common', 'towns']);
  const { profile, memberships, saved } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page narrow">
      <h1>{t('account.title')}</h1>
      {saved ? <Notice>{t('account.saved')}</Notice> : null}
      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">{t('account.profile')}</h2>
        <p>{t('account.emailIs', { email: profile.email })}</p>
        <Form method="post" noValidate className="stack">
          <FormAlert error={errors.form} />
          <Field name="displayName" label={t('fields.displayName')} hint={t('signUp.displayNameHint')} defaultValue={value('displayName', profile.displayName)} error={errors.displayName} required />
          <div className="field">
            <label htmlFor="field-language">{t('account.language')}</label>
            <select id="field-language" name="language" defaultValue={value('language', profile.language)}>
              {SUPPORTED_LANGUAGES.map((lng) => (
                <option key={lng} value={lng} lang={lng}>
                  {LANGUAGE_NAMES[lng]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
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
    </div>
  );
}
