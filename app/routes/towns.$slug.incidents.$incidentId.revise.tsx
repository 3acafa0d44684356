import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { DomainError } from '#app/domain/errors';
import { assertIncidentReadable, getIncident, reviseIncident } from '#app/domain/incidents/incidents.server';
import { incidentSchema, utcToZoned } from '#app/domain/incidents/schemas';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireId, routeAction, routeLoader, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { IncidentFields } from '#app/components/incidents/incident-form';
import { FormAlert } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'incidents'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const incident = await getIncident(actor, { incidentId: requireId(args.params.incidentId), townId: town.id });
  if (!incident.owner.isActor) throw new DomainError('forbidden', 'incidents:errors.ownerOnly');
  const current = incident.current;
  return {
    title: await pageTitle(args, 'incidents:revise.pageTitle', { reference: incident.reference }),
    reference: incident.reference,
    defaults: {
      ...current,
      occurredAt: current.occurredAt ? utcToZoned(current.occurredAt) : '',
      foundAt: utcToZoned(current.foundAt),
      contentUrls: current.contentUrls.join('\n'),
      author: current.author ?? '',
      authorProfileUrl: current.authorProfileUrl ?? '',
    },
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const incidentId = requireId(args.params.incidentId);
  // Not readable, not found — before the form is looked at.
  await assertIncidentReadable(actor, { incidentId, townId: town.id });
  return formAction(args.request, incidentSchema, async (input) => {
    await reviseIncident(actor, { ...input, incidentId, townId: town.id });
    return redirect(`/towns/${town.slug}/incidents/${incidentId}?added=revision`);
  });
});

/** A correction is a new revision: the earlier ones stay in the chain and in the case file. */
export default function ReviseIncident() {
  const { t } = useTranslation('incidents');
  const { reference, defaults } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(incidentSchema, { defaultValue: defaults });
  return (
    <div className="stack narrow">
      <h2>{t('revise.heading', { reference })}</h2>
      <p>{t('revise.intro')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <IncidentFields fields={fields} />
        <button type="submit" className="button primary">
          {t('revise.submit')}
        </button>
      </Form>
    </div>
  );
}
