import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DomainError } from '#app/domain/errors';
import { canManageNetwork } from '#app/domain/auth/permissions';
import { idField } from '#app/domain/ids';
import { SUPPORT_STATES, supportEntrySchema } from '#app/domain/incidents/schemas';
import { addSupportEntry, listSupportDirectory, removeSupportEntry } from '#app/domain/incidents/support.server';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { Field, FormAlert, Notice, SelectField, TextAreaField } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'incidents', 'towns', 'network'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  if (!canManageNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return {
    title: await pageTitle(args, 'incidents:directory.pageTitle'),
    entries: await listSupportDirectory(actor),
    done: new URL(args.request.url).searchParams.get('done')?.slice(0, 20) ?? null,
  };
});

const directoryActions = z.discriminatedUnion('intent', [supportEntrySchema, z.object({ intent: z.literal('remove'), id: idField() })]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  return formAction(args.request, directoryActions, async (input) => {
    if (input.intent === 'add') await addSupportEntry(actor, input);
    else await removeSupportEntry(actor, { id: input.id });
    return redirect(`/network/support?done=${input.intent}`);
  });
});

const stateName = (t: (key: string) => string, state: string) => (state === 'DE' ? t('incidents:directory.nationwide') : t(`towns:states.${state}`));

/** The network team keeps the support directory: per federal state, and nationwide. */
export default function SupportDirectory() {
  const { t } = useTranslation(['incidents', 'towns', 'network']);
  const { entries, done } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(supportEntrySchema, { formName: 'add', id: 'support-add', defaultValue: { state: 'DE' } });
  const tt = (key: string) => t(key) as string;
  return (
    <div className="page stack">
      <h1>{t('directory.heading')}</h1>
      <p className="lead">{t('directory.intro')}</p>
      {done ? <Notice>{done === 'add' ? t('directory.added') : t('directory.removed')}</Notice> : null}
      {SUPPORT_STATES.filter((state) => entries.some((e) => e.state === state)).map((state) => (
        <section key={state} aria-labelledby={`state-${state}`} className="stack">
          <h2 id={`state-${state}`}>{stateName(tt, state)}</h2>
          <ul className="plain-list">
            {entries
              .filter((e) => e.state === state)
              .map((entry) => (
                <li key={entry.id} className="card">
                  <strong dir="auto">{entry.name}</strong>
                  {entry.description ? <p dir="auto">{entry.description}</p> : null}
                  {entry.url ? <p dir="ltr">{entry.url}</p> : null}
                  {entry.phone ? <p dir="ltr">{entry.phone}</p> : null}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={entry.id} />
                    <button type="submit" name="intent" value="remove" className="button small danger">
                      {t('directory.remove')}
                      <span className="visually-hidden"> – {entry.name}</span>
                    </button>
                  </Form>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <Form method="post" className="stack card narrow" {...getFormProps(form)}>
        <h2>{t('directory.addHeading')}</h2>
        <FormAlert errors={form.errors} />
        <SelectField field={fields.state} label={t('directory.state')} options={SUPPORT_STATES.map((state) => ({ value: state, label: stateName(tt, state) }))} />
        <Field field={fields.name} label={t('directory.name')} dir="auto" />
        <TextAreaField field={fields.description} label={t('directory.description')} rows={3} dir="auto" />
        <Field field={fields.url} type="url" label={t('directory.url')} dir="ltr" />
        <Field field={fields.phone} type="tel" label={t('directory.phone')} dir="ltr" />
        <button type="submit" name="intent" value="add" className="button primary">
          {t('directory.add')}
        </button>
      </Form>
    </div>
  );
}
