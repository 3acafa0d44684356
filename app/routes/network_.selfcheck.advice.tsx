import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DomainError } from '#app/domain/errors';
import { canManageSelfcheckNetwork } from '#app/domain/selfcheck/access';
import { ADVICE_STATUSES, adviceStatusSchema, assignAdviceSchema } from '#app/domain/selfcheck/schemas';
import { assignAdvice, listAdviceQueue, listConsultants, setAdviceStatus, type AdviceRequest } from '#app/domain/selfcheck/advice.server';
import { dimensionTitlesOf } from '#app/domain/selfcheck/templates.server';
import { useAdviceQueueLive } from '#app/realtime/use-selfcheck-live';
import { formAction } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { FormAlert, Notice } from '#app/components/ui/field';
import { AdviceHistory } from '#app/components/selfcheck/advice-history';
import { useDateFormat } from '#app/components/use-date-format';
import selfcheckStyles from '#app/styles/selfcheck.css';

export const handle = { i18n: ['common', 'selfcheck', 'network'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: selfcheckStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function requireTeam(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  if (!canManageSelfcheckNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return actor;
}

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireTeam(args);
  const queue = await listAdviceQueue(actor);
  return {
    title: await pageTitle(args, 'selfcheck:queue.pageTitle'),
    queue,
    consultants: await listConsultants(actor),
    dimensionTitles: await dimensionTitlesOf(actor, { templateIds: queue.map((r) => r.templateId), language: await languageOf(args.request, args.context) }),
    saved: new URL(args.request.url).searchParams.has('saved'),
  };
});

const queueSchema = z.discriminatedUnion('intent', [assignAdviceSchema, adviceStatusSchema]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireTeam(args);
  return formAction(args.request, queueSchema, async (input) => {
    if (input.intent === 'assign') await assignAdvice(actor, { requestId: input.requestId, consultantId: input.consultantId });
    else await setAdviceStatus(actor, { requestId: input.requestId, status: input.status, note: input.note });
    return redirect(`/network/selfcheck/advice?saved#request-${input.requestId}`);
  });
});

export default function AdviceQueue() {
  const { t } = useTranslation(['selfcheck', 'network', 'common']);
  const { queue, consultants, dimensionTitles, saved } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useAdviceQueueLive(true, () => revalidator.revalidate());
  const open = queue.filter((r) => r.status !== 'done').length;
  return (
    <div className="page stack selfcheck-page">
      <p>
        <Link to="/network/selfcheck">{t('stock.title')}</Link>
      </p>
      <h1>{t('queue.title')}</h1>
      <p className="lead">{t('queue.lead')}</p>
      {saved ? <Notice>{t('queue.saved')}</Notice> : null}
      <p className="meta" aria-live="polite" data-testid="advice-summary">
        {t('queue.summary', { open })}
      </p>
      {queue.length === 0 ? <p>{t('queue.empty')}</p> : null}
      <ol className="plain-list stack">
        {queue.map((request) => (
          <AdviceCard key={request.id} request={request} consultants={consultants} dimension={dimensionTitles[`${request.templateId}:${request.dimensionKey}`] ?? request.dimensionKey} />
        ))}
      </ol>
    </div>
  );
}

function AdviceCard({ request, consultants, dimension }: { request: AdviceRequest; consultants: { userId: string; displayName: string }[]; dimension: string }) {
  const { t } = useTranslation('selfcheck');
  const when = useDateFormat();
  const assignReply = useFormReply('assign');
  const statusReply = useFormReply('status');
  const id = request.id;
  const heading = t('queue.item', { town: request.townName, dimension });
  return (
    <li className="card" id={`request-${id}`} data-testid={`advice-request-${id}`} aria-labelledby={`request-${id}-heading`}>
      <h2 id={`request-${id}-heading`} className="selfcheck-card-title">
        {heading} <span className="badge" data-testid="advice-status">{t(`advice.status.${request.status}`)}</span>
      </h2>
      <p className="meta">
        <bdi>{request.roundTitle}</bdi> · {t('advice.requestedOn', { date: when(request.createdAt) })} · {t(`advice.format.${request.preferredFormat}`)}
        {request.requestedByName ? <> · {t('queue.by', { name: request.requestedByName })}</> : null}
      </p>
      <blockquote dir="auto">{request.message}</blockquote>
      <p>
        <a href={`/towns/${request.townSlug}/selfcheck/rounds/${request.roundId}/results`}>{t('queue.seeResults')}<span className="visually-hidden"> – {heading}</span></a>
      </p>
      <AdviceHistory events={request.events} />
      <div className="selfcheck-queue-forms">
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="requestId" value={id} />
          <FormAlert errors={assignReply && Number(assignReply.initialValue?.requestId) === id ? Object.values(assignReply.error ?? {}).flat().filter(Boolean) as string[] : undefined} />
          <label htmlFor={`consultant-${id}`}>{t('queue.consultant')}</label>{' '}
          <select id={`consultant-${id}`} name="consultantId" defaultValue={request.consultantId ?? ''}>
            <option value="">{t('queue.chooseConsultant')}</option>
            {consultants.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.displayName}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="button small">
            {t('queue.assign')}
            <span className="visually-hidden"> – {heading}</span>
          </button>
        </Form>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="requestId" value={id} />
          <FormAlert errors={statusReply && Number(statusReply.initialValue?.requestId) === id ? Object.values(statusReply.error ?? {}).flat().filter(Boolean) as string[] : undefined} />
          <div className="field">
            <label htmlFor={`status-${id}`}>{t('queue.status')}</label>
            <select id={`status-${id}`} name="status" defaultValue={request.status}>
              {ADVICE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`advice.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`note-${id}`}>{t('queue.note')}</label>
            <p className="hint" id={`note-hint-${id}`}>{t('queue.noteHint')}</p>
            <textarea id={`note-${id}`} name="note" rows={2} maxLength={2000} aria-describedby={`note-hint-${id}`} />
          </div>
          <button type="submit" className="button small primary">
            {t('queue.saveStatus')}
            <span className="visually-hidden"> – {heading}</span>
          </button>
        </Form>
      </div>
    </li>
  );
}
