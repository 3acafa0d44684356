import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { getDecision } from '#app/domain/moderation/decisions.server';
import { fileAppeal } from '#app/domain/moderation/appeals.server';
import { appealSchema } from '#app/domain/moderation/schemas';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireActor, requireId, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { FormAlert, Notice, TextAreaField } from '#app/components/ui/field';
import { StatementOfReasons } from '#app/components/moderation/statement-of-reasons';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The statement of reasons for the person affected, the reporters and the town's moderators; anyone else gets 404. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  const decision = await getDecision(actor, { decisionId: requireId(args.params.decisionId) });
  return {
    title: await pageTitle(args, 'moderation:statement.pageTitle'),
    decision,
    appealed: new URL(args.request.url).searchParams.has('appealed'),
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  const decisionId = requireId(args.params.decisionId);
  return formAction(args.request, appealSchema, async (input) => {
    await fileAppeal(actor, { decisionId, text: input.text });
    return redirect(`/decisions/${decisionId}?appealed=1`);
  }, { keep: { field: 'text', label: 'moderation:appeal.text' } });
});

export default function DecisionPage() {
  const { t } = useTranslation(['moderation', 'common']);
  const { decision, appealed } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(appealSchema);
  return (
    <div className="page narrow stack">
      <h1>{t('statement.pageHeading')}</h1>
      <p>
        <Link to={`/towns/${decision.townSlug}`}>
          <bdi>{decision.townName}</bdi>
        </Link>
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
            {decision.appeal.outcomeReasons ? (
              <>
                {' – '}
                <bdi>{decision.appeal.outcomeReasons}</bdi>
              </>
            ) : null}
          </p>
        </section>
      ) : decision.canAppeal ? (
        <Form method="post" className="card stack" {...getFormProps(form)}>
          <h2>{t('appeal.heading')}</h2>
          <p>{t(decision.viewerRole === 'reporter' ? 'appeal.introReporter' : 'appeal.introAuthor')}</p>
          <FormAlert errors={form.errors} />
          <TextAreaField field={fields.text} label={t('appeal.text')} hint={t('appeal.textHint')} rows={5} dir="auto" />
          <button type="submit" className="button primary">
            {t('appeal.submit')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
