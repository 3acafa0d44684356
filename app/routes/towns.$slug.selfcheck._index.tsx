import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { isStaffIn } from '#app/domain/auth/permissions';
import { canRunSelfcheck } from '#app/domain/selfcheck/access';
import { localised } from '#app/domain/selfcheck/questionnaire';
import { openRoundSchema } from '#app/domain/selfcheck/schemas';
import { dimensionTitlesOf, listCurrentTemplates } from '#app/domain/selfcheck/templates.server';
import { listRounds, openRound } from '#app/domain/selfcheck/rounds.server';
import { listTownAdvice } from '#app/domain/selfcheck/advice.server';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { Field, FormAlert, Notice, SelectField } from '#app/components/ui/field';
import { AdviceHistory } from '#app/components/selfcheck/advice-history';
import { useDateFormat } from '#app/components/use-date-format';
import selfcheckStyles from '#app/styles/selfcheck.css';

export const handle = { i18n: ['common', 'selfcheck'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: selfcheckStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args);
  const language = await languageOf(args.request, args.context);
  const admin = canRunSelfcheck(actor, town.id);
  const staff = isStaffIn(actor, town.id);
  const rounds = await listRounds(actor, { townId: town.id });
  const advice = staff ? await listTownAdvice(actor, { townId: town.id }) : [];
  const dimensionTitles = await dimensionTitlesOf(actor, { templateIds: advice.map((a) => a.templateId), language });
  const url = new URL(args.request.url);
  return {
    title: await pageTitle(args, 'selfcheck:overview.pageTitle', { town: town.name }),
    slug: town.slug,
    admin,
    templates: admin ? (await listCurrentTemplates(actor)).map((t) => ({ id: t.id, title: localised(t.template.title, language), version: t.version })) : [],
    rounds,
    advice,
    dimensionTitles,
    notice: ['finished', 'opened'].find((n) => url.searchParams.has(n)) ?? null,
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canRunSelfcheck);
  return formAction(args.request, openRoundSchema, async (input) => {
    const roundId = await openRound(actor, { townId: town.id, title: input.title, templateId: input.templateId });
    return redirect(`/towns/${town.slug}/selfcheck/rounds/${roundId}?opened`);
  }, { defaults: { intent: 'open-round' } });
});

export default function SelfcheckOverview() {
  const { t } = useTranslation(['selfcheck', 'common']);
  const { slug, admin, templates, rounds, advice, dimensionTitles, notice } = useLoaderData<typeof loader>();
  const when = useDateFormat({ dateStyle: 'medium' });
  const base = `/towns/${slug}/selfcheck`;
  const hasOpen = rounds.some((r) => r.status === 'open');
  return (
    <div className="stack selfcheck-page">
      <h2>{t('overview.title')}</h2>
      <p className="lead">{t('overview.lead')}</p>
      {notice ? <Notice>{t(`overview.notice.${notice}`)}</Notice> : null}
      {admin && !hasOpen ? <OpenRoundForm templates={templates} /> : null}
      <section className="card" aria-labelledby="rounds-heading">
        <h3 id="rounds-heading">{t('overview.rounds')}</h3>
        {rounds.length === 0 ? <p>{t('overview.noRounds')}</p> : null}
        <ul className="plain-list selfcheck-rounds">
          {rounds.map((round) => (
            <li key={round.id} className="selfcheck-round-item" data-testid={`round-${round.id}`}>
              <p className="selfcheck-round-title">
                <bdi>{round.title}</bdi> <span className="badge">{t(`round.status.${round.status}`)}</span>
              </p>
              <p className="meta">
                {round.status === 'open'
                  ? t('overview.openedOn', { date: when(round.openedAt) })
                  : t('overview.closedOn', { date: when(round.closedAt!) })}
                {' · '}
                {t('overview.finishedCount', { finished: round.finished, total: round.respondents })}
              </p>
              <ul className="inline-list">
                {round.invited ? (
                  <li>
                    <Link to={`${base}/rounds/${round.id}/answer`}>
                      {round.status === 'open' ? t('overview.answer') : t('overview.yourAnswers')}
                      <span className="visually-hidden"> – {round.title}</span>
                    </Link>
                  </li>
                ) : null}
                {admin ? (
                  <li>
                    <Link to={`${base}/rounds/${round.id}`}>
                      {t('overview.manage')}
                      <span className="visually-hidden"> – {round.title}</span>
                    </Link>
                  </li>
                ) : null}
                {round.status === 'closed' ? (
                  <li>
                    <Link to={`${base}/rounds/${round.id}/results`}>
                      {t('overview.results')}
                      <span className="visually-hidden"> – {round.title}</span>
                    </Link>
                  </li>
                ) : null}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      {advice.length ? (
        <section className="card" aria-labelledby="advice-heading">
          <h3 id="advice-heading">{t('overview.advice')}</h3>
          <ul className="plain-list stack">
            {advice.map((request) => (
              <li key={request.id} data-testid={`advice-${request.id}`}>
                <p>
                  <strong>{dimensionTitles[`${request.templateId}:${request.dimensionKey}`] ?? request.dimensionKey}</strong> · <bdi>{request.roundTitle}</bdi>{' '}
                  <span className="badge" data-testid="advice-status">
                    {t(`advice.status.${request.status}`)}
                  </span>
                </p>
                <p className="meta">
                  {t('advice.requestedOn', { date: when(request.createdAt) })} · {t(`advice.format.${request.preferredFormat}`)}
                  {request.consultantName ? <> · {t('advice.consultant', { name: request.consultantName })}</> : null}
                </p>
                <AdviceHistory events={request.events} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function OpenRoundForm({ templates }: { templates: { id: number; title: string; version: number }[] }) {
  const { t } = useTranslation('selfcheck');
  const [form, fields] = useAppForm(openRoundSchema, { formName: 'open-round', defaultValue: { templateId: templates[0] ? String(templates[0].id) : '' } as never });
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="card" aria-labelledby="open-round-heading">
      <h3 id="open-round-heading">{t('overview.openRound')}</h3>
      {templates.length === 0 ? (
        <p>{t('overview.noTemplates')}</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="open-round" />
          <FormAlert errors={form.errors} />
          <Field field={fields.title} label={t('overview.roundTitle')} hint={t('overview.roundTitleHint')} maxLength={120} />
          <SelectField
            field={fields.templateId}
            label={t('overview.questionnaire')}
            options={templates.map((tpl) => ({ value: String(tpl.id), label: t('overview.questionnaireVersion', { title: tpl.title, version: tpl.version }) }))}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t('overview.open')}
          </button>
        </Form>
      )}
    </section>
  );
}
