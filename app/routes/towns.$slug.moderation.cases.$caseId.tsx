import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { canModerate } from '#app/domain/auth/permissions';
import { claimCase, getCase, releaseCase } from '#app/domain/moderation/cases.server';
import { decide } from '#app/domain/moderation/decisions.server';
import type { DecisionAction } from '#app/domain/moderation/schemas';
import { listForums } from '#app/domain/forums/forums.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { requireId, requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { FormAlert } from '#app/components/ui/field';
import { CaseBadges } from '#app/components/moderation/case-badges';
import { checkDecision, DECIDE_INTENT, decideForm, DecisionForm } from '#app/components/moderation/decision-form';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'moderation', 'forums', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const THREAD_AND_USER: DecisionAction[] = ['lock', 'edit_title', 'move', 'slow_mode', 'warn', 'mute', 'suspend'];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const item = await getCase(actor, { townId: town.id, caseId: requireId(args.params.caseId) });
  // A question at an event: shown or hidden, and a sanction for the asker if they have an account here.
  const askerSanctions: DecisionAction[] = item.subjectUserId ? ['warn', 'mute', 'suspend'] : [];
  const actions: DecisionAction[] =
    item.targetKind === 'user'
      ? ['dismiss', 'warn', 'mute', 'suspend']
      : item.targetKind === 'question'
        ? item.questionStatus === 'held'
          ? ['approve', 'hide', ...askerSanctions]
          : item.questionStatus === 'hidden'
            ? ['dismiss', ...askerSanctions]
            : ['dismiss', 'hide', ...askerSanctions]
      : item.postStatus === 'held'
        ? ['approve', 'hide', ...THREAD_AND_USER]
        : item.postStatus === 'hidden'
          ? ['dismiss', ...THREAD_AND_USER]
          : ['dismiss', 'hide', ...THREAD_AND_USER];
  const forums = await listForums(actor, { townId: town.id, language: await languageOf(args.request, args.context) });
  return {
    title: await pageTitle(args, 'moderation:case.pageTitle', { id: item.id }),
    slug: town.slug,
    item,
    actions,
    forums: forums.filter((f) => f.id !== item.forumId).map((f) => ({ id: f.id, name: f.name, lang: f.textLanguage })),
  };
});

/** Claim, release, or decide (see `decideForm`: the decision's fields depend on its action). */
const caseSchema = z
  .discriminatedUnion('intent', [z.object({ intent: z.literal('claim') }), z.object({ intent: z.literal('release') }), decideForm])
  .transform((input, context) => (input.intent === DECIDE_INTENT ? { intent: input.intent, decision: checkDecision(input, context) } : input));

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const caseId = requireId(args.params.caseId);
  const submission = await parseSubmission(args.request, caseSchema);
  if (submission.status !== 'success') return rejected(submission, caseSchema);
  const input = submission.value;
  return attempt(
    args.request,
    submission,
    caseSchema,
    async () => {
      if (input.intent === 'claim') {
        await claimCase(actor, { townId: town.id, caseId });
        return redirect(`/towns/${town.slug}/moderation/cases/${caseId}`);
      }
      if (input.intent === 'release') {
        await releaseCase(actor, { townId: town.id, caseId });
        return redirect(`/towns/${town.slug}/moderation`);
      }
      await decide(actor, { ...input.decision, townId: town.id, caseId });
      return redirect(`/towns/${town.slug}/moderation?decided=1`);
    },
    { field: 'facts', label: 'moderation:decision.facts' },
  );
});

export default function ModerationCase() {
  const { t } = useTranslation(['moderation', 'forums', 'common']);
  const { slug, item, actions, forums } = useLoaderData<typeof loader>();
  const claimReply = useFormReply('claim');
  const releaseReply = useFormReply('release');
  const when = useDateFormat();
  const open = item.status === 'open';
  const subject = item.subjectName ?? t('formerMember');
  return (
    <div className="stack">
      <h2>{t('case.heading', { id: item.id })}</h2>
      <CaseBadges item={item} />
      {item.targetKind === 'post' ? (
        <section className="card stack" aria-labelledby="case-post">
          <h3 id="case-post">{t('case.post')}</h3>
          <p className="meta">
            {t('queue.author', { name: subject })} ·{' '}
            <Link to={`/towns/${slug}/threads/${item.threadId}`}>
              <bdi>{item.threadTitle}</bdi>
            </Link>{' '}
            · {t(`postStatus.${item.postStatus}`)}
          </p>
          <div className="post-body moderated-content" dir="auto" dangerouslySetInnerHTML={{ __html: item.postBodyHtml ?? '' }} />
        </section>
      ) : item.targetKind === 'question' ? (
        <section className="card stack" aria-labelledby="case-question">
          <h3 id="case-question">{t('case.question')}</h3>
          <p className="meta">
            {t('queue.author', { name: subject })} ·{' '}
            <Link to={item.questionsPath ?? '#'}>
              <bdi>{item.eventTitle}</bdi>
            </Link>{' '}
            · {t(`dialogues:qa.status.${item.questionStatus}`)}
          </p>
          <blockquote dir="auto">{item.excerpt}</blockquote>
        </section>
      ) : (
        <p>{t('queue.aboutPerson', { name: subject })}</p>
      )}
      <section className="stack" aria-labelledby="case-reports">
        <h3 id="case-reports">{t('case.reports', { count: item.reports.length })}</h3>
        {item.reports.length === 0 ? <p>{item.held ? t('case.heldNoReports') : t('case.noReports')}</p> : null}
        <ul className="plain-list stack">
          {item.reports.map((report) => (
            <li key={report.id} className="card" data-testid={`report-${report.reference}`}>
              <p>
                <strong>{t(`categories.${report.category}`)}</strong> ·{' '}
                {report.automated ? t('case.automated') : report.guest ? t('case.guest') : <bdi>{report.reporterName ?? t('formerMember')}</bdi>} · {when(report.createdAt)} ·{' '}
                {t('case.reference', { reference: report.reference })}
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
          <FormAlert errors={claimReply?.error?.[''] ?? releaseReply?.error?.[''] ?? undefined} />
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
          <DecisionForm actions={actions} forums={forums} currentTitle={item.threadTitle} automated={!!item.watchedPattern} aboutQuestion={item.targetKind === 'question'} />
        </section>
      )}
    </div>
  );
}
