import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { listExports, requestExport } from '#app/domain/personal-data/export.server';
import { cancelDeletion, incidentsErasedWithAccount, pendingDeletion, requestDeletion } from '#app/domain/personal-data/deletion.server';
import { cancelDeletionSchema, EXPORT_DAYS, GRACE_DAYS, requestDeletionSchema, requestExportSchema } from '#app/domain/personal-data/schemas';
import { blankSessionCookie } from '#app/domain/auth/sessions.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm, useFormReply } from '#app/web/form';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { ChoiceGroup, Field, FormAlert, Notice } from '#app/components/ui/field';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const privacySchema = z.discriminatedUnion('intent', [requestExportSchema, requestDeletionSchema, cancelDeletionSchema]);

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  const url = new URL(args.request.url);
  const [exports, deletion, incidents] = await Promise.all([listExports(actor), pendingDeletion(actor), incidentsErasedWithAccount(actor)]);
  return {
    title: await pageTitle(args, 'privacy:page.title'),
    requested: url.searchParams.has('requested'),
    cancelled: url.searchParams.has('cancelled'),
    exports,
    deletion,
    incidents,
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  const submission = await parseSubmission(args.request, privacySchema);
  if (submission.status !== 'success') return rejected(submission, privacySchema);
  const input = submission.value;
  return attempt(args.request, submission, privacySchema, async () => {
    if (input.intent === 'request-export') {
      await requestExport(actor);
      return redirect('/account/privacy?requested=1');
    }
    if (input.intent === 'cancel-deletion') {
      await cancelDeletion(actor);
      return redirect('/account/privacy?cancelled=1');
    }
    await requestDeletion(actor, input);
    // Every session has ended, this one too.
    return redirect('/account/deletion-requested', { headers: { 'Set-Cookie': blankSessionCookie(args.context.https) } });
  });
});

const kilobytes = (bytes: number | null) => Math.max(1, Math.round((bytes ?? 0) / 1024));

export default function AccountPrivacy() {
  const { t } = useTranslation(['privacy', 'common']);
  const { exports, deletion, incidents, requested, cancelled } = useLoaderData<typeof loader>();
  const formatDate = useDateFormat();
  const formatDay = useDateFormat({ dateStyle: 'long' });
  const exportReply = useFormReply('request-export');
  const [deletionForm, fields] = useAppForm(requestDeletionSchema, { formName: 'request-deletion' });
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page narrow stack">
      <p>
        <Link to="/account">{t('page.back')}</Link>
      </p>
      <h1>{t('page.title')}</h1>
      <p>
        {t('page.intro')} <Link to="/privacy">{t('page.noticeLink')}</Link>
      </p>
      <section aria-labelledby="export-heading" className="card stack">
        <h2 id="export-heading">{t('export.heading')}</h2>
        <p>{t('export.text', { days: EXPORT_DAYS })}</p>
        {requested ? <Notice>{t('export.requested')}</Notice> : null}
        <FormAlert errors={exportReply?.error?.[''] ?? undefined} />
        {exports.length ? (
          <ul className="export-list">
            {exports.map((item) => (
              <li key={item.id}>
                {item.status === 'ready' ? (
                  <>
                    <a href={`/account/privacy/exports/${item.id}`} download>
                      {t('export.download', { date: formatDate(item.readyAt!), size: kilobytes(item.sizeBytes) })}
                    </a>{' '}
                    <span className="meta">{t('export.expires', { date: formatDate(item.expiresAt!) })}</span>
                  </>
                ) : item.status === 'pending' ? (
                  <span>{t('export.pending', { date: formatDate(item.requestedAt) })}</span>
                ) : (
                  <span>{t('export.failed', { date: formatDate(item.requestedAt) })}</span>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post">
          <button type="submit" name="intent" value="request-export" className="button primary" disabled={busy}>
            {t('export.request')}
          </button>
        </Form>
      </section>
      <section aria-labelledby="deletion-heading" className="card stack">
        <h2 id="deletion-heading">{t('deletion.heading')}</h2>
        {cancelled ? <Notice>{t('deletion.cancelled')}</Notice> : null}
        {deletion ? (
          <>
            <p className="alert alert-warning">
              {t(deletion.keepPosts ? 'deletion.pendingKeep' : 'deletion.pendingRemove', { date: formatDay(deletion.eraseAfter) })}
            </p>
            <Form method="post">
              <button type="submit" name="intent" value="cancel-deletion" className="button primary">
                {t('deletion.cancel')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t('deletion.text', { days: GRACE_DAYS })}</p>
            <p>{t('deletion.keptNote')}</p>
            {incidents.length ? (
              <div className="alert alert-warning stack" id="incident-log-notice">
                <p>{t('deletion.incidentLog')}</p>
                <ul>
                  {incidents.map((incident) => (
                    <li key={incident.id}>
                      <a href={`/towns/${incident.townSlug}/incidents/${incident.id}/case-file.zip`} download>
                        {t('deletion.caseFile', { reference: incident.reference })}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Form method="post" className="stack" {...getFormProps(deletionForm)}>
              <FormAlert errors={deletionForm.errors} />
              <ChoiceGroup
                field={fields.content}
                legend={t('deletion.contentLegend')}
                options={[
                  { value: 'keep', label: t('deletion.keep') },
                  { value: 'remove', label: t('deletion.remove') },
                ]}
              />
              <Field field={fields.currentPassword} type="password" label={t('deletion.password')} autoComplete="current-password" />
              <button type="submit" name="intent" value="request-deletion" className="button danger" disabled={busy}>
                {t('deletion.submit')}
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
