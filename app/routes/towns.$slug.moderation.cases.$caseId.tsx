import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { claimCase, getCase, releaseCase } from '#app/domain/moderation/cases.server';
import { decide } from '#app/domain/moderation/decisions.server';
import { decisionActionSchema, decisionSchema, type DecisionAction } from '#app/domain/moderation/schemas';
import { listForums } from '#app/domain/forums/forums.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { orNotFound, requestContext, requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { FormAlert } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { CaseBadges } from '#app/components/moderation/case-badges';
import { DecisionForm } from '#app/components/moderation/decision-form';
import { useDateFormat } from '#app/components/moderation/use-date-format';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const THREAD_AND_USER: DecisionAction[] = ['lock', 'edit_title', 'move', 'slow_mode', 'warn', 'mute', 'suspend'];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const item = await orNotFound(getCase(actor, town.id, Number(params.caseId) || 0));
  const actions: DecisionAction[] =
    item.targetKind === 'user'
      ? ['dismiss', 'warn', 'mute', 'suspend']
      : item.postStatus === 'held'
        ? ['approve', 'hide', ...THREAD_AND_USER]
        : item.postStatus === 'hidden'
          ? ['dismiss', ...THREAD_AND_USER]
          : ['dismiss', 'hide', ...THREAD_AND_USER];
  return {
    title: await pageTitle(request, context, 'moderation:case.pageTitle', { id: item.id }),
    slug: town.slug,
    item,
    actions,
    forums: (await listForums(town.id)).filter((f) => f.id !== item.forumId).map((f) => ({ id: f.id, name: f.name })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const caseId = Number(params.caseId) || 0;
  const formData = await request.formData();
  const intent = formData.get('intent');
  try {
    if (intent === 'claim') {
      await claimCase(actor, town.id, caseId);
      return redirect(`/towns/${town.slug}/moderation/cases/${caseId}`);
    }
    if (intent === 'release') {
      await releaseCase(actor, town.id, caseId);
      return redirect(`/towns/${town.slug}/moderation`);
    }
    const chosen = parseForm(decisionActionSchema, formData);
    if (!chosen.ok) return invalid(chosen.failure);
    const parsed = parseForm(decisionSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    await decide(actor, town.id, { caseId }, parsed.value, (await requestContext(request, context)).origin);
    return redirect(`/towns/${town.slug}/moderation?decided=1`);
  } catch (error) {
    return domainFailure(error, formData);
  }
}

export default function ModerationCase() {
  const { t } = useTranslation(['moderation', 'forums', 'common']);
  const { slug, item, actions, forums } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  const when = useDateFormat();
  const open = item.status === 'open';
  return (
    <div className="stack">
      <h2>{t('case.heading', { id: item.id })}</h2>
      <CaseBadges item={item} />
      {item.targetKind === 'post' ? (
        <section className="card stack" aria-labelledby="case-post">
          <h3 id="case-post">{t('case.post')}</h3>
          <p className="meta">
            {t('queue.author', { name: item.subjectName ?? t('formerMember') })} ·{' '}
            <Link to={`/towns/${slug}/threads/${item.threadId}`}>{item.threadTitle}</Link> · {t(`postStatus.${item.postStatus}`)}
          </p>
          <div className="post-body moderated-content" dir="auto" dangerouslySetInnerHTML={{ __html: item.postBodyHtml ?? '' }} />
        </section>
      ) : (
        <p>{t('queue.aboutPerson', { name: item.subjectName ?? t('formerMember') })}</p>
      )}
      <section className="stack" aria-labelledby="case-reports">
        <h3 id="case-reports">{t('case.reports', { count: item.reports.length })}</h3>
        {item.reports.length === 0 ? <p>{item.held ? t('case.heldNoReports') : t('case.noReports')}</p> : null}
        <ul className="plain-list stack">
          {item.reports.map((report) => (
            <li key={report.id} className="card">
              <p>
                <strong>{t(`categories.${report.category}`)}</strong> · {report.automated ? t('case.automated') : report.guest ? t('case.guest') : report.reporterName} ·{' '}
                {when(report.createdAt)}
              </p>
              {report.explanation ? <p dir="auto">{report.explanation}</p> : null}
            </li>
          ))}
        </ul>
      </section>
      {!open ? (
        <p>{t('case.closed')}</p>
      ) : (
        <section className="card stack" aria-labelledby="case-decide">
          <h3 id="case-decide">{t('case.decide')}</h3>
          <FormAlert error={errors.intent} />
          {item.claimedByName && !item.claimedByMe ? (
            <p className="alert alert-error" role="status" data-testid="claimed-by">
              {t('queue.claimedBy', { name: item.claimedByName, until: when(item.claimedUntil!) })}
            </p>
          ) : (
            <Form method="post" className="inline-form">
              {item.claimedByMe ? (
                <>
                  <span className="claim-note">{t('queue.claimedByYou')}</span>{' '}
                  <button type="submit" name="intent" value="release" className="button small">
                    {t('queue.release')}
                  </button>
                </>
              ) : (
                <button type="submit" name="intent" value="claim" className="button small primary">
                  {t('queue.claim')}
                </button>
              )}
            </Form>
          )}
          <DecisionForm actions={actions} forums={forums} currentTitle={item.threadTitle} automated={!!item.watchedPattern} errors={errors} value={value} />
        </section>
      )}
    </div>
  );
}
