import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { decideAppeal, getAppeal } from '#app/domain/moderation/appeals.server';
import { appealDecisionSchema } from '#app/domain/moderation/schemas';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { orNotFound, requestContext, requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { FormAlert, RadioGroup, TextAreaField } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { StatementOfReasons } from '#app/components/moderation/statement-of-reasons';
import { useDateFormat } from '#app/components/moderation/use-date-format';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const appeal = await orNotFound(getAppeal(actor, town.id, Number(params.appealId) || 0));
  return { title: await pageTitle(request, context, 'moderation:appeals.pageTitle', { id: appeal.id }), appeal };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const formData = await request.formData();
  const parsed = parseForm(appealDecisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await decideAppeal(actor, town.id, Number(params.appealId) || 0, parsed.value, (await requestContext(request, context)).origin);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect(`/towns/${town.slug}/moderation?decided=1`);
}

export default function AppealPage() {
  const { t } = useTranslation(['moderation', 'common']);
  const { appeal } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  const when = useDateFormat();
  return (
    <div className="stack">
      <h2>{t('appeals.heading', { id: appeal.id })}</h2>
      <section className="card stack" aria-labelledby="appeal-text">
        <h3 id="appeal-text">{t('appeals.text')}</h3>
        <p className="meta">
          {t(`appeals.role.${appeal.appellantRole}`)} · {appeal.appellantName ?? t('formerMember')} · {when(appeal.createdAt)}
        </p>
        <p dir="auto" className="appeal-text">
          {appeal.text}
        </p>
      </section>
      <StatementOfReasons decision={appeal.decision} headingLevel={3} />
      {appeal.status !== 'open' ? (
        <p>{t(`appeals.outcome.${appeal.status}`)}: {appeal.outcomeReasons}</p>
      ) : appeal.mayDecide ? (
        <Form method="post" className="card stack" noValidate>
          <h3>{t('appeals.decide')}</h3>
          <FormAlert error={errors.form} />
          <RadioGroup
            name="outcome"
            legend={t('appeals.outcomeLegend')}
            defaultValue={value('outcome')}
            error={errors.outcome}
            options={(['upheld', 'reversed'] as const).map((outcome) => ({ value: outcome, label: t(`appeals.outcomeChoice.${outcome}`) }))}
          />
          <TextAreaField name="reasons" label={t('appeals.reasons')} hint={t('appeals.reasonsHint')} rows={4} defaultValue={value('reasons')} error={errors.reasons} dir="auto" />
          <button type="submit" className="button primary">
            {t('appeals.submitDecision')}
          </button>
        </Form>
      ) : (
        <p className="alert alert-error" role="status">
          {t('appeals.notYours')}
        </p>
      )}
    </div>
  );
}
