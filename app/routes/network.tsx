import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canManageNetwork } from '#app/domain/auth/permissions';
import { createTownSchema, GERMAN_STATES } from '#app/domain/municipalities/schemas';
import { createTown, listTowns } from '#app/domain/municipalities/towns.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requireActor } from '#app/guards.server';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '#app/i18n/languages';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice, SelectField } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'towns', 'network'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!canManageNetwork(actor)) throw new Response('Forbidden', { status: 403 });
  return {
    title: await pageTitle(request, context, 'network:title'),
    towns: await listTowns(),
    created: new URL(request.url).searchParams.get('created'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await request.formData();
  const parsed = parseForm(createTownSchema, formData, { languages: formData.getAll('languages') });
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    const town = await createTown(actor, parsed.value);
    return redirect(`/network?created=${town.slug}`);
  } catch (error) {
    return domainFailure(error, formData);
  }
}

export default function Network() {
  const { t } = useTranslation(['network', 'towns', 'common']);
  const { towns, created } = useLoaderData<typeof loader>();
  const { errors, value, result } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  const chosenLanguages = result && result.ok === false ? (result.fields?.languages ?? '').split(',') : ['de', 'de-x-ls', 'en'];
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      {created ? <Notice>{t('created', { slug: created })}</Notice> : null}
      <section className="card" aria-labelledby="towns-heading">
        <h2 id="towns-heading">{t('townsHeading')}</h2>
        <table>
          <caption className="visually-hidden">{t('townsHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('towns:fields.name')}</th>
              <th scope="col">{t('towns:fields.state')}</th>
              <th scope="col">{t('membersColumn')}</th>
              <th scope="col">{t('manageColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {towns.map((town) => (
              <tr key={town.id}>
                <td>
                  <Link to={`/towns/${town.slug}`}>{town.name}</Link>
                </td>
                <td>{t(`towns:states.${town.state}`)}</td>
                <td>{town.memberCount}</td>
                <td>
                  <Link to={`/towns/${town.slug}/members`}>
                    {t('appointAdmins')}
                    <span className="visually-hidden"> – {town.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t('createHeading')}</h2>
        <Form method="post" noValidate className="stack">
          <FormAlert error={errors.form} />
          <Field name="name" label={t('towns:fields.name')} required defaultValue={value('name')} error={errors.name} />
          <Field name="slug" label={t('towns:fields.slug')} hint={t('slugHint')} required defaultValue={value('slug')} error={errors.slug} />
          <SelectField
            name="state"
            label={t('towns:fields.state')}
            defaultValue={value('state')}
            error={errors.state}
            options={[{ value: '', label: t('chooseState') }, ...GERMAN_STATES.map((state) => ({ value: state, label: t(`towns:states.${state}`) }))]}
          />
          <fieldset className={errors.languages ? 'has-error' : undefined} aria-describedby={errors.languages ? 'field-languages-error' : undefined}>
            <legend>{t('towns:fields.languages')}</legend>
            <div className="checkbox-grid">
              {SUPPORTED_LANGUAGES.map((lng) => (
                <label key={lng} className="checkbox-label">
                  <input type="checkbox" name="languages" value={lng} defaultChecked={chosenLanguages.includes(lng)} /> <span lang={lng}>{LANGUAGE_NAMES[lng]}</span>
                </label>
              ))}
            </div>
            {errors.languages ? (
              <p className="field-error" id="field-languages-error">
                {t(errors.languages.key)}
              </p>
            ) : null}
          </fieldset>
          <SelectField
            name="defaultLanguage"
            label={t('towns:fields.defaultLanguage')}
            defaultValue={value('defaultLanguage', 'de')}
            error={errors.defaultLanguage}
            options={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng], lang: lng }))}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t('create')}
          </button>
        </Form>
      </section>
    </div>
  );
}
