import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { isOfficial } from '#app/domain/auth/permissions';
import { sniffFiles } from '#app/domain/files.server';
import { recordIncident } from '#app/domain/incidents/incidents.server';
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES, newIncidentSchema, utcToZoned } from '#app/domain/incidents/schemas';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { readUploadFormData } from '#app/web/upload.server';
import { IncidentFields } from '#app/components/incidents/incident-form';
import { AttachmentFields } from '#app/components/incidents/attachment-fields';
import { FormAlert } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'incidents'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor } = await requireMember(args, isOfficial);
  return {
    title: await pageTitle(args, 'incidents:new.pageTitle'),
    defaults: { foundBy: actor.displayName, foundAt: utcToZoned(new Date().toISOString()), severity: 'medium' as const, kind: 'insult' as const, channel: 'email' as const },
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, isOfficial);
  return formAction(
    args.request,
    newIncidentSchema,
    async (input) => {
      const files = await sniffFiles(input.files, ATTACHMENT_TYPES, 'files');
      const { incidentId } = await recordIncident(actor, { ...input, townId: town.id, files });
      return redirect(`/towns/${town.slug}/incidents/${incidentId}?saved=1`);
    },
    { read: readUploadFormData },
  );
});

/** A new incident: what happened, where, how it was found, who wrote it, and the originals. Works without JavaScript. */
export default function NewIncident() {
  const { t } = useTranslation('incidents');
  const { defaults } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(newIncidentSchema, { defaultValue: defaults });
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="stack narrow">
      <h2>{t('new.heading')}</h2>
      <p>{t('new.intro')}</p>
      <p className="acute-warning">{t('list.emergency')}</p>
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <IncidentFields fields={fields} />
        <AttachmentFields files={fields.files} caption={fields.caption} accept={ATTACHMENT_ACCEPT} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('new.submit')}
        </button>
      </Form>
    </div>
  );
}
