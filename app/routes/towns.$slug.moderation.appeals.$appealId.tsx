import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { canModerate } from '#app/domain/auth/permissions';
import { decideAppeal, getAppeal } from '#app/domain/moderation/appeals.server';
import { appealDecisionSchema } from '#app/domain/moderation/schemas';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireId, requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { ChoiceGroup, FormAlert, TextAreaField } from '#app/components/ui/field';
import { StatementOfReasons } from '#app/components/moderation/statement-of-reasons';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const appeal = await getAppeal(actor, { townId: town.id, appealId: requireId(args.params.appealId) });
  return { title: await pageTitle(args, 'moderation:appeals.pageTitle', { id: appeal.id }), appeal };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const appealId = requireId(args.params.appealId);
  return formAction(args.request, appealDecisionSchema, async (input) => {
    await decideAppeal(actor, { ...input, townId: town.id, appealId });
    return redirect(`/towns/${town.slug}/moderation?decided=1`);
  }, { keep: { field: 'reasons', label: 'moderation:appeals.reasons' } });
});

export default function AppealPage() {
  const { t } = useTranslation(['moderation', 'common']);
  const { appeal } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(appealDecisionSchema);
  const when = useDateFormat();
  return (
    <div className="stack">
      <h2>{t('appeals.heading', { id: appeal.id })}</h2>
      <section className="card stack" aria-labelledby="appeal-text">
        <h3 id="appeal-text">{t('appeals.text')}</h3>
        <p className="meta">
          {t(`appeals.role.${appeal.appellantRole}`)} · <bdi>{appeal.appellantName ?? t('formerMember')}</bdi> · {when(appeal.createdAt)}
        </p>
        <p dir="auto" className="appeal-text">
          {appeal.text}
        </p>
      </section>
      <StatementOfReasons decision={appeal.decision} headingLevel={3} />
      {appeal.status !== 'open' ? (
        <p>
          {t(`appeals.outcome.${appeal.status}`)}: <bdi>{appeal.outcomeReasons}</bdi>
        </p>
      ) : appeal.mayDecide ? (
        <Form method="post" className="card stack" {...getFormProps(form)}>
          <h3>{t('appeals.decide')}</h3>
          <FormAlert errors={form.errors} />
          <ChoiceGroup
            field={fields.outcome}
            legend={t('appeals.outcomeLegend')}
            options={(['upheld', 'reversed'] as const).map((outcome) => ({ value: outcome, label: t(`appeals.outcomeChoice.${outcome}`) }))}
          />
          <TextAreaField field={fields.reasons} label={t('appeals.reasons')} hint={t('appeals.reasonsHint')} rows={4} dir="auto" />
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
