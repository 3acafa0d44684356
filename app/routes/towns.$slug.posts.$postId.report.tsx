import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { fileReport, reportTarget } from '#app/domain/moderation/reports.server';
import { REPORT_CATEGORIES, reportSchema, type ReportInput } from '#app/domain/moderation/schemas';
import { parseReportReference, reportReference } from '#app/domain/moderation/references';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { clientFacts, requireId, routeAction, routeLoader, townPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { ChoiceGroup, Field, FormAlert, Notice, TextAreaField } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  const postId = requireId(args.params.postId);
  const target = await reportTarget(actor, { townId: town.id, postId });
  const sent = parseReportReference(new URL(args.request.url).searchParams.get('sent') ?? '');
  return {
    title: await pageTitle(args, 'moderation:report.pageTitle'),
    town: { slug: town.slug, name: town.name },
    target,
    signedIn: !!actor,
    sent: sent ? reportReference(sent) : null,
  };
});

/** Choose, review, send: the first step only checks the report and shows it back; nothing is filed before "send". */
const reportForm = z.discriminatedUnion('intent', [
  reportSchema.extend({ intent: z.literal('review') }),
  reportSchema.extend({ intent: z.literal('send') }),
  reportSchema.partial().extend({ intent: z.literal('change') }),
]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await townPage(args);
  const postId = requireId(args.params.postId);
  // What may not be read may not be reported either: "not found" before anything else is looked at.
  await reportTarget(actor, { townId: town.id, postId });
  const submission = await parseSubmission(args.request, reportForm);
  if (submission.status !== 'success') return rejected(submission, reportForm);
  const input = submission.value;
  if (input.intent === 'change') return { change: input };
  if (input.intent === 'review') return { review: input as ReportInput };
  return attempt(args.request, submission, reportForm, async () => {
    const { reference } = await fileReport(actor, { ...(input as ReportInput), townId: town.id, postId, ...(await clientFacts(args)) });
    return redirect(`/towns/${town.slug}/posts/${postId}/report?sent=${reference}`);
  });
});

type ReportTarget = ReturnType<typeof useLoaderData<typeof loader>>['target'];

/** A notice about a post or its author: what is wrong (a category), an optional explanation, and for guests an optional address. */
export default function ReportPage() {
  const { t } = useTranslation(['moderation', 'common', 'forums']);
  const { town, target, signedIn, sent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const review = result && 'review' in result ? result.review : null;
  const change = result && 'change' in result ? result.change : null;
  const author = target.authorName ?? t('formerMember');
  if (sent) {
    return (
      <div className="stack">
        <h2>{t('report.heading')}</h2>
        <Notice>{t('report.receipt', { reference: sent })}</Notice>
        <p>{signedIn ? t('report.receiptMember') : t('report.receiptGuest')}</p>
        <p>
          <Link to={`/towns/${town.slug}/threads/${target.threadId}`}>{t('report.back')}</Link>
        </p>
      </div>
    );
  }
  const reported = (
    <figure className="card">
      <figcaption className="meta">{t('queue.author', { name: author })}</figcaption>
      <blockquote dir="auto">{target.excerpt}</blockquote>
    </figure>
  );
  // Each step is its own component so that its form starts from that step's values when it appears.
  return review ? (
    <ReviewStep review={review} author={author} signedIn={signedIn} reported={reported} />
  ) : (
    <ChooseStep defaults={change ?? {}} author={author} target={target} signedIn={signedIn} reported={reported} />
  );
}

function ChooseStep({ defaults, author, target, signedIn, reported }: { defaults: Partial<ReportInput>; author: string; target: ReportTarget; signedIn: boolean; reported: React.ReactNode }) {
  const { t } = useTranslation(['moderation', 'common', 'forums']);
  const [form, fields] = useAppForm(reportForm, { formName: 'review', defaultValue: { target: 'post', ...defaults } });
  return (
    <div className="stack narrow">
      <h2>{t('report.heading')}</h2>
      {reported}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <ChoiceGroup
          field={fields.target}
          legend={t('report.targetLegend')}
          options={(['post', 'user'] as const).map((kind) => ({ value: kind, label: t(`report.target.${kind}`, { name: author }), disabled: kind === 'user' && !target.userId }))}
        />
        <ChoiceGroup field={fields.category} legend={t('report.categoryLegend')} className="report-categories" options={REPORT_CATEGORIES.map((category) => ({ value: category, label: t(`categories.${category}`) }))} />
        <TextAreaField field={fields.explanation} label={t('report.explanation')} hint={t('report.explanationHint')} rows={4} dir="auto" />
        {signedIn ? null : <Field field={fields.email} type="email" autoComplete="email" label={t('report.email')} hint={t('report.emailHint')} />}
        <button type="submit" name="intent" value="review" className="button primary">
          {t('report.review')}
        </button>
      </Form>
    </div>
  );
}

function ReviewStep({ review, author, signedIn, reported }: { review: ReportInput; author: string; signedIn: boolean; reported: React.ReactNode }) {
  const { t } = useTranslation(['moderation', 'common', 'forums']);
  const [sendForm] = useAppForm(reportForm, { formName: 'send' });
  return (
    <div className="stack narrow">
      <h2>{t('report.reviewHeading')}</h2>
      {reported}
      <dl className="review-list">
        <dt>{t('report.targetLegend')}</dt>
        <dd>{t(`report.target.${review.target}`, { name: author })}</dd>
        <dt>{t('report.categoryLegend')}</dt>
        <dd>{t(`categories.${review.category}`)}</dd>
        <dt>{t('report.explanation')}</dt>
        <dd dir="auto">{review.explanation || t('report.noExplanation')}</dd>
        {!signedIn ? (
          <>
            <dt>{t('report.email')}</dt>
            <dd>{review.email || t('report.noEmail')}</dd>
          </>
        ) : null}
      </dl>
      <Form method="post" className="stack" {...getFormProps(sendForm)}>
        <FormAlert errors={sendForm.errors} />
        {Object.entries(review).map(([name, value]) => (name === 'intent' || value === undefined ? null : <input key={name} type="hidden" name={name} value={String(value)} />))}
        <p className="hint">{t('report.goodFaith')}</p>
        <div className="actions">
          <button type="submit" name="intent" value="send" className="button primary">
            {t('report.send')}
          </button>
          <button type="submit" name="intent" value="change" className="button">
            {t('report.change')}
          </button>
        </div>
      </Form>
    </div>
  );
}
