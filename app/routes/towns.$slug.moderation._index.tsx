import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { claimCase, listQueue, releaseCase, type QueueItem } from '#app/domain/moderation/cases.server';
import { listOpenAppeals } from '#app/domain/moderation/appeals.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { CaseBadges } from '#app/components/moderation/case-badges';
import { useDateFormat } from '#app/components/moderation/use-date-format';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const url = new URL(request.url);
  return {
    title: await pageTitle(request, context, 'moderation:queue.pageTitle', { town: town.name }),
    slug: town.slug,
    queue: await listQueue(actor, town.id),
    appeals: await listOpenAppeals(actor, town.id),
    decided: url.searchParams.has('decided'),
  };
}

const claimSchema = z.object({ intent: z.enum(['claim', 'release']), caseId: z.coerce.number().int().positive() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const formData = await request.formData();
  const parsed = parseForm(claimSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    if (parsed.value.intent === 'claim') {
      await claimCase(actor, town.id, parsed.value.caseId);
      return redirect(`/towns/${town.slug}/moderation/cases/${parsed.value.caseId}`);
    }
    await releaseCase(actor, town.id, parsed.value.caseId);
    return redirect(`/towns/${town.slug}/moderation`);
  } catch (error) {
    return domainFailure(error, formData);
  }
}

export default function ModerationQueue() {
  const { t } = useTranslation(['moderation', 'common']);
  const { slug, queue, appeals, decided } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  const when = useDateFormat();
  return (
    <div className="stack">
      <h2>{t('queue.title')}</h2>
      {decided ? <Notice>{t('queue.decided')}</Notice> : null}
      <FormAlert error={errors.form ?? errors.caseId} />
      <p className="meta" aria-live="polite" data-testid="queue-summary">
        {t('queue.summary', { count: queue.length })}
      </p>
      {queue.length === 0 ? <p>{t('queue.empty')}</p> : null}
      <ol className="queue-list">
        {queue.map((item) => (
          <QueueCard key={item.id} item={item as unknown as QueueItem} slug={slug} when={when} />
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
                  {t('appeals.item', { action: t(`actions.${appeal.action}`), name: appeal.appellantName ?? t('formerMember') })}
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

function QueueCard({ item, slug, when }: { item: QueueItem; slug: string; when: (date: Date | string) => string }) {
  const { t } = useTranslation(['moderation', 'forums']);
  const heading = item.targetKind === 'user' ? t('queue.aboutPerson', { name: item.subjectName ?? t('formerMember') }) : (item.threadTitle ?? '');
  return (
    <li className="card queue-item" data-testid={`case-${item.id}`} data-post-id={item.postId ?? undefined}>
      <h3 className="queue-item-title" dir="auto">
        <Link to={`/towns/${slug}/moderation/cases/${item.id}`}>{heading}</Link>
      </h3>
      <CaseBadges item={item} />
      {item.excerpt ? (
        <p className="queue-excerpt" dir="auto">
          {item.excerpt}
        </p>
      ) : null}
      <p className="meta">
        {item.targetKind === 'post' ? t('queue.author', { name: item.subjectName ?? t('formerMember') }) + ' · ' : null}
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
