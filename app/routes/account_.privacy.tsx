import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { listExports, requestExport } from '#app/domain/personal-data/export.server';
import { EXPORT_DAYS, requestExportSchema } from '#app/domain/personal-data/schemas';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { FormAlert, Notice } from '#app/components/ui/field';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const privacySchema = z.discriminatedUnion('intent', [requestExportSchema]);

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  const url = new URL(args.request.url);
  return {
    title: await pageTitle(args, 'privacy:page.title'),
    requested: url.searchParams.has('requested'),
    exports: await listExports(actor),
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  const submission = await parseSubmission(args.request, privacySchema);
  if (submission.status !== 'success') return rejected(submission, privacySchema);
  return attempt(args.request, submission, privacySchema, async () => {
    await requestExport(actor);
    return redirect('/account/privacy?requested=1');
  });
});

const kilobytes = (bytes: number | null) => Math.max(1, Math.round((bytes ?? 0) / 1024));

export default function AccountPrivacy() {
  const { t } = useTranslation(['privacy', 'common']);
  const { exports, requested } = useLoaderData<typeof loader>();
  const formatDate = useDateFormat();
  const exportReply = useFormReply('request-export');
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page narrow">
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
    </div>
  );
}
