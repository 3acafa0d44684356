import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { canModerate } from '#app/domain/auth/permissions';
import { idSchema } from '#app/domain/ids';
import { claimCase, findCaseByReference, listQueue, releaseCase, type QueueItem } from '#app/domain/moderation/cases.server';
import { listOpenAppeals } from '#app/domain/moderation/appeals.server';
import { parseReportReference } from '#app/domain/moderation/references';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm, useFormReply } from '#app/web/form';
import { requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';
import { CaseBadges } from '#app/components/moderation/case-badges';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  return {
    title: await pageTitle(args, 'moderation:queue.pageTitle', { town: town.name }),
    slug: town.slug,
    queue: await listQueue(actor, { townId: town.id }),
    appeals: await listOpenAppeals(actor, { townId: town.id }),
    decided: new URL(args.request.url).searchParams.has('decided'),
  };
});

/** The reference a reporter quotes from their receipt ("M-123", or just the number). */
const findForm = z.object({
  intent: z.literal('find-reference'),
  reference: z
    .string({ required_error: 'moderation:errors.reference' })
    .trim()
    .max(30, 'moderation:errors.reference')
    .refine((reference) => parseReportReference(reference) !== null, 'moderation:errors.reference'),
});

const queueSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('claim'), caseId: idSchema }),
  z.object({ intent: z.literal('release'), caseId: idSchema }),
  findForm,
]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const submission = await parseSubmission(args.request, queueSchema);
  if (submission.status !== 'success') return rejected(submission, queueSchema);
  const input = submission.value;
  const cases = `/towns/${town.slug}/moderation/cases`;
  return attempt(args.request, submission, queueSchema, async () => {
    if (input.intent === 'find-reference') {
      return redirect(`${cases}/${await findCaseByReference(actor, { townId: town.id, reference: input.reference })}`);
    }
    if (input.intent === 'claim') {
      await claimCase(actor, { townId: town.id, caseId: input.caseId });
      return redirect(`${cases}/${input.caseId}`);
    }
    await releaseCase(actor, { townId: town.id, caseId: input.caseId });
    return redirect(`/towns/${town.slug}/moderation`);
  });
});

export default function ModerationQueue() {
  const { t } = useTranslation(['moderation', 'common']);
  const { slug, queue, appeals, decided } = useLoaderData<typeof loader>();
  const claimReply = useFormReply('claim');
  const releaseReply = useFormReply('release');
  const claimErrors = (claimReply ?? releaseReply)?.error;
  const when = useDateFormat();
  return (
    <div className="stack">
      <h2>{t('queue.title')}</h2>
      {decided ? <Notice>{t('queue.decided')}</Notice> : null}
      <FormAlert errors={claimErrors?.[''] ?? claimErrors?.caseId ?? undefined} />
      <p className="meta" aria-live="polite" data-testid="queue-summary">
        {t('queue.summary', { count: queue.length })}
      </p>
      <FindByReference />
      {queue.length === 0 ? <p>{t('queue.empty')}</p> : null}
      <ol className="queue-list">
        {queue.map((item) => (
          <QueueCard key={item.id} item={item} slug={slug} when={when} />
        ))}
      </ol>
      <section aria-labelledby="appeals-heading" className="stack">
        <h2 id="appeals-heading">{t('appeals.title')}</h2>
        {appeals.length === 0 ? <p>{t('appeals.empty')}</p> : null}
        <ul className="queue-list">
          {appeals.map((appeal) => (
            <li key={appeal.id} className="card queue-item" data-testid={`appeal-${appeal.id}`}>
              <p>
                <Link to={`/towns/${slug}/moderation/appeals/${appeal.id}`}>
                  {t('appeals.item', { name: appeal.appellantName ?? t('formerMember'), action: t(`actions.${appeal.action}`) })}
                </Link>
              </p>
              <p className="meta">
                {t(`appeals.role.${appeal.appellantRole}`)} · {when(appeal.createdAt)}
                {appeal.decidedByMe ? <> · {t('appeals.notYours')}</> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** A reporter quotes the reference from their receipt: it leads straight to the case. */
function FindByReference() {
  const { t } = useTranslation('moderation');
  const [form, fields] = useAppForm(findForm, { formName: 'find-reference' });
  return (
    <section className="card" aria-labelledby="find-reference-heading">
      <h3 id="find-reference-heading">{t('queue.find.heading')}</h3>
      <Form method="post" role="search" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="find-reference" />
        <FormAlert errors={form.errors} />
        <Field field={fields.reference} label={t('queue.find.reference')} hint={t('queue.find.hint')} autoComplete="off" />
        <button type="submit" className="button">
          {t('queue.find.submit')}
        </button>
      </Form>
    </section>
  );
}

function QueueCard({ item, slug, when }: { item: QueueItem; slug: string; when: (date: Date | string) => string }) {
  const { t } = useTranslation(['moderation', 'forums']);
  const name = item.subjectName ?? t('formerMember');
  const heading =
    item.targetKind === 'user' ? t('queue.aboutPerson', { name })
    : item.targetKind === 'question' ? t('queue.question', { event: item.eventTitle ?? '' })
    : <bdi>{item.threadTitle ?? ''}</bdi>;
  return (
    <li className="card queue-item" data-testid={`case-${item.id}`} data-post-id={item.postId ?? undefined}>
      <h3 className="queue-item-title" dir={item.targetKind === 'post' ? 'auto' : undefined}>
        <Link to={`/towns/${slug}/moderation/cases/${item.id}`}>{heading}</Link>
      </h3>
      <CaseBadges item={item} />
      {item.excerpt ? (
        <p className="queue-excerpt" dir="auto">
          {item.excerpt}
        </p>
      ) : null}
      <p className="meta">
        {item.targetKind !== 'user' ? <>{t('queue.author', { name })} · </> : null}
        {t('queue.opened', { when: when(item.openedAt) })}
        {item.reportCount ? ` · ${t('queue.reports', { count: item.reportCount })}` : null}
        {item.categories.length ? ` · ${item.categories.map((c) => t(`categories.${c}`)).join(', ')}` : null}
      </p>
      <div className="queue-actions">
        {item.claimedByName && !item.claimedByMe ? (
          <p className="claim-note" data-testid="claimed-by">
            {t('queue.claimedBy', { name: item.claimedByName, until: when(item.claimedUntil!) })}
          </p>
        ) : (
          <Form method="post" className="inline-form">
            <input type="hidden" name="caseId" value={item.id} />
            {item.claimedByMe ? (
              <>
                <span className="claim-note">{t('queue.claimedByYou')}</span>{' '}
                <button type="submit" name="intent" value="release" className="button small">
                  {t('queue.release')}
                  <span className="visually-hidden"> – {heading}</span>
                </button>
              </>
            ) : (
              <button type="submit" name="intent" value="claim" className="button small primary">
                {t('queue.claim')}
                <span className="visually-hidden"> – {heading}</span>
              </button>
            )}
          </Form>
        )}
      </div>
    </li>
  );
}
