import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getDecision } from '#app/domain/moderation/decisions.server';
import { fileAppeal } from '#app/domain/moderation/appeals.server';
import { appealSchema } from '#app/domain/moderation/schemas';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { orNotFound, requireActor } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { FormAlert, Notice, TextAreaField } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { StatementOfReasons } from '#app/components/moderation/statement-of-reasons';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const decision = await orNotFound(getDecision(actor, Number(params.decisionId) || 0));
  return {
    title: await pageTitle(request, context, 'moderation:statement.pageTitle'),
    decision,
    appealed: new URL(request.url).searchParams.has('appealed'),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await request.formData();
  const parsed = parseForm(appealSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await fileAppeal(actor, Number(params.decisionId) || 0, parsed.value);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect(`/decisions/${params.decisionId}?appealed=1`);
}

export default function DecisionPage() {
  const { t } = useTranslation(['moderation', 'common']);
  const { decision, appealed } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  return (
    <div className="page narrow stack">
      <h1>{t('statement.pageHeading')}</h1>
      <p>
        <Link to={`/towns/${decision.townSlug}`}>{decision.townName}</Link>
        {decision.postId && decision.action !== 'hide' ? (
          <>
            {' · '}
            <Link to={`/posts/${decision.postId}`}>{t('statement.viewPost')}</Link>
          </>
        ) : null}
      </p>
      {appealed ? <Notice>{t('appeal.received')}</Notice> : null}
      <StatementOfReasons decision={decision} />
      {decision.appeal ? (
        <section className="card stack" aria-labelledby="your-appeal">
          <h2 id="your-appeal">{t('appeal.yours')}</h2>
          <p dir="auto">{decision.appeal.text}</p>
          <p data-testid="appeal-status">
            <strong>{t(`appeal.status.${decision.appeal.status}`)}</strong>
            {decision.appeal.outcomeReasons ? ` – ${decision.appeal.outcomeReasons}` : null}
          </p>
        </section>
      ) : decision.canAppeal ? (
        <Form method="post" className="card stack" noValidate>
          <h2>{t('appeal.heading')}</h2>
          <p>{t(decision.viewerRole === 'reporter' ? 'appeal.introReporter' : 'appeal.introAuthor')}</p>
          <FormAlert error={errors.form} />
          <TextAreaField name="text" label={t('appeal.text')} hint={t('appeal.textHint')} rows={5} defaultValue={value('text')} error={errors.text} dir="auto" />
          <button type="submit" className="button primary">
            {t('appeal.submit')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
