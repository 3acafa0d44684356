import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { DomainError } from '#app/domain/errors';
import { canManageNetwork } from '#app/domain/auth/permissions';
import { createTownSchema, GERMAN_STATES } from '#app/domain/municipalities/schemas';
import { createTown, listTowns } from '#app/domain/municipalities/towns.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '#app/i18n/languages';
import { ChoiceGroup, Field, FormAlert, Notice, SelectField } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'towns', 'network', 'incidents', 'selfcheck'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  if (!canManageNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return {
    title: await pageTitle(args, 'network:title'),
    towns: await listTowns(actor),
    created: new URL(args.request.url).searchParams.get('created')?.slice(0, 60) ?? null,
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  const submission = await parseSubmission(args.request, createTownSchema);
  if (submission.status !== 'success') return rejected(submission, createTownSchema);
  return attempt(args.request, submission, createTownSchema, async () => {
    const town = await createTown(actor, submission.value);
    return redirect(`/network?created=${town.slug}`);
  });
});

export default function Network() {
  const { t } = useTranslation(['network', 'towns', 'common', 'selfcheck']);
  const { towns, created } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(createTownSchema, { defaultValue: { languages: ['de', 'de-x-ls', 'en'], defaultLanguage: 'de' } });
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      {created ? <Notice>{t('created', { slug: created })}</Notice> : null}
      <ul className="inline-list">
        <li>
          <Link to="/network/support">{t('incidents:directory.heading')}</Link>
        </li>
        <li>
          <Link to="/network/selfcheck">{t('selfcheck:stock.title')}</Link>
        </li>
        <li>
          <Link to="/network/selfcheck/advice">{t('selfcheck:queue.title')}</Link>
        </li>
        <li>
          <Link to="/network/personal-data">{t('common:personalData.figures')}</Link>
        </li>
      </ul>
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
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormAlert errors={form.errors} />
          <Field field={fields.name} label={t('towns:fields.name')} />
          <Field field={fields.slug} label={t('towns:fields.slug')} hint={t('slugHint')} />
          <SelectField
            field={fields.state}
            label={t('towns:fields.state')}
            options={[{ value: '', label: t('chooseState') }, ...GERMAN_STATES.map((state) => ({ value: state, label: t(`towns:states.${state}`) }))]}
          />
          <ChoiceGroup
            field={fields.languages}
            type="checkbox"
            legend={t('towns:fields.languages')}
            className="checkbox-grid"
            options={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng], lang: lng }))}
          />
          <SelectField field={fields.defaultLanguage} label={t('towns:fields.defaultLanguage')} options={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng], lang: lng }))} />
          <button type="submit" className="button primary" disabled={busy}>
            {t('create')}
          </button>
        </Form>
      </section>
    </div>
  );
}
