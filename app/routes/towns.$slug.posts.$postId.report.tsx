import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { fileReport, reportTarget } from '#app/domain/moderation/reports.server';
import { REPORT_CATEGORIES, reportSchema } from '#app/domain/moderation/schemas';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { getActor, orNotFound, requestContext, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice, RadioGroup, TextAreaField } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const town = await requireTown(params.slug);
  const target = await orNotFound(reportTarget(town.id, Number(params.postId) || 0));
  const actor = await getActor(request, context);
  return {
    title: await pageTitle(request, context, 'moderation:report.pageTitle'),
    town: { slug: town.slug, name: town.name },
    target,
    signedIn: !!actor,
    sent: Number(new URL(request.url).searchParams.get('sent')) || null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const town = await requireTown(params.slug);
  const actor = await getActor(request, context);
  const formData = await request.formData();
  const parsed = parseForm(reportSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    const { reportId } = await fileReport(actor, town.id, Number(params.postId) || 0, parsed.value, await requestContext(request, context));
    return redirect(`/towns/${town.slug}/posts/${params.postId}/report?sent=${reportId}`);
  } catch (error) {
    return domainFailure(error, formData);
  }
}

/** A notice about a post or its author: the category, an explanation, and for guests an optional address. */
export default function ReportPage() {
  const { t } = useTranslation(['moderation', 'common', 'forums']);
  const { town, target, signedIn, sent } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  const back = `/towns/${town.slug}/threads/${target.threadId}`;
  if (sent) {
    return (
      <div className="stack">
        <h2>{t('report.heading')}</h2>
        <Notice>{t('report.receipt', { reference: sent })}</Notice>
        <p>{signedIn ? t('report.receiptMember') : t('report.receiptGuest')}</p>
        <p>
          <Link to={back}>{t('report.back')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h2>{t('report.heading')}</h2>
      <figure className="card">
        <figcaption className="meta">{t('queue.author', { name: target.authorName ?? t('formerMember') })}</figcaption>
        <blockquote dir="auto">{target.excerpt}</blockquote>
      </figure>
      <Form method="post" className="stack" noValidate>
        <FormAlert error={errors.form} />
        <RadioGroup
          name="target"
          legend={t('report.targetLegend')}
          defaultValue={value('target', 'post')}
          error={errors.target}
          options={(['post', 'user'] as const).map((kind) => ({
            value: kind,
            label: t(`report.target.${kind}`, { name: target.authorName ?? t('formerMember') }),
            disabled: kind === 'user' && !target.userId,
          }))}
        />
        <TextAreaField name="explanation" label={t('report.explanation')} hint={t('report.explanationHint')} rows={4} defaultValue={value('explanation')} error={errors.explanation} dir="auto" />
        {signedIn ? null : <Field name="email" type="email" autoComplete="email" label={t('report.email')} hint={t('report.emailHint')} defaultValue={value('email')} error={errors.email} />}
        <p className="hint">{t('report.goodFaith')}</p>
        {/* Enter in a field must not send the report with the first category: implicit submission uses the first
            submit button, and a disabled one stops it. */}
        <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
        <fieldset className="report-categories" aria-describedby={errors.category ? 'category-error' : undefined}>
          <legend>{t('report.categoryLegend')}</legend>
          {REPORT_CATEGORIES.map((category) => (
            <button key={category} type="submit" name="category" value={category} className="button">
              {t(`categories.${category}`)}
            </button>
          ))}
          {errors.category ? (
            <p className="field-error" id="category-error">
              {t(errors.category.key, errors.category.params)}
            </p>
          ) : null}
        </fieldset>
      </Form>
    </div>
  );
}
