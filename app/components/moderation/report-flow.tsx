/** A notice about a post or a question, or about its author: what is wrong (a category), an optional explanation, and for guests an optional address. */
import { Form, Link } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { REPORT_CATEGORIES, reportFlowSchema, type ReportInput } from '#app/domain/moderation/schemas';
import type { ReportTarget } from '#app/domain/moderation/types';
import { useAppForm } from '#app/web/form';
import { ChoiceGroup, Field, FormAlert, Notice, TextAreaField } from '#app/components/ui/field';

export interface ReportFlowView {
  target: ReportTarget;
  backPath: string;
  signedIn: boolean;
  sent: string | null;
}

type StepResult = { review: ReportInput } | { change: Partial<ReportInput> } | Record<string, unknown> | undefined;

export function ReportFlow({ view, result }: { view: ReportFlowView; result: StepResult }) {
  const { t } = useTranslation(['moderation', 'common', 'dialogues']);
  const { target, signedIn, sent, backPath } = view;
  const review = result && 'review' in result ? (result.review as ReportInput) : null;
  const change = result && 'change' in result ? (result.change as Partial<ReportInput>) : null;
  const author = target.authorName ?? (target.anonymous ? t('dialogues:qa.anonymous') : t('formerMember'));
  if (sent) {
    return (
      <div className="stack">
        <h2>{t('report.heading')}</h2>
        <Notice>{t('report.receipt', { reference: sent })}</Notice>
        <p>{signedIn ? t('report.receiptMember') : t('report.receiptGuest')}</p>
        <p>
          <Link to={backPath}>{target.kind === 'question' ? t('report.backToQuestions') : t('report.back')}</Link>
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
  const { t } = useTranslation(['moderation', 'common']);
  const [form, fields] = useAppForm(reportFlowSchema, { formName: 'review', defaultValue: { target: target.kind, ...defaults } });
  return (
    <div className="stack narrow">
      <h2>{t('report.heading')}</h2>
      {reported}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <ChoiceGroup
          field={fields.target}
          legend={t('report.targetLegend')}
          options={([target.kind, 'user'] as const).map((kind) => ({ value: kind, label: t(`report.target.${kind}`, { name: author }), disabled: kind === 'user' && !target.userId }))}
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
  const { t } = useTranslation(['moderation', 'common']);
  const [sendForm] = useAppForm(reportFlowSchema, { formName: 'send' });
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
