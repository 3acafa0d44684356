import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { canReadTownResults, canRunSelfcheck } from '#app/domain/selfcheck/access';
import { localised } from '#app/domain/selfcheck/questionnaire';
import { ADVICE_FORMATS, adviceRequestSchema } from '#app/domain/selfcheck/schemas';
import { getRoundResults } from '#app/domain/selfcheck/results.server';
import { requestAdvice } from '#app/domain/selfcheck/advice.server';
import { directionOf } from '#app/i18n/languages';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { instrumentHref } from '#app/web/selfcheck-links';
import { requireId, requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { ChoiceGroup, FormAlert, Notice, SelectField, TextAreaField } from '#app/components/ui/field';
import { DimensionChart, type ChartDimension } from '#app/components/selfcheck/dimension-chart';
import { scoreFormatter } from '#app/components/selfcheck/chart-model';
import { useDateFormat } from '#app/components/use-date-format';
import selfcheckStyles from '#app/styles/selfcheck.css';

export const handle = { i18n: ['common', 'selfcheck'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: selfcheckStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  // The network team reads every town's aggregates; everyone else must belong to the town.
  const { actor, town } = await requireMember(args, (a, townId) => a !== null && (a.roles[townId] !== undefined || canReadTownResults(a, townId)));
  const roundId = requireId(args.params.roundId);
  const results = await getRoundResults(actor, { townId: town.id, roundId });
  const language = await languageOf(args.request, args.context);
  const { template, scores, action, comparison, benchmark, placement, history } = results;
  const titleOf = new Map(template.dimensions.map((d) => [d.key, localised(d.title, language)]));
  const earlier = new Map(comparison?.result.dimensions.map((d) => [d.dimensionKey, d.earlier]) ?? []);
  const network = new Map(benchmark.dimensions.map((b) => [b.dimensionKey, b]));
  const url = new URL(args.request.url);
  return {
    title: await pageTitle(args, 'selfcheck:results.pageTitle', { round: results.round.title }),
    slug: town.slug,
    townName: town.name,
    language,
    round: results.round,
    respondents: scores.respondents,
    chart: scores.dimensions.map((d): ChartDimension => {
      const b = network.get(d.dimensionKey);
      return {
        key: d.dimensionKey,
        label: titleOf.get(d.dimensionKey) ?? d.dimensionKey,
        score: d.score,
        ...(comparison ? { earlierScore: earlier.get(d.dimensionKey) ?? null } : {}),
        network: b?.shown ? { from: b.middleHalf.from, to: b.middleHalf.to, median: b.median } : null,
      };
    }),
    spreads: scores.dimensions.map((d) => ({ key: d.dimensionKey, label: titleOf.get(d.dimensionKey)!, score: d.score, spread: d.spread, counts: d.counts, placement: placement[d.dimensionKey] })),
    needs: action.needs.map((need) => ({
      key: need.dimensionKey,
      label: titleOf.get(need.dimensionKey)!,
      score: need.score,
      reason: need.reason,
      instruments: need.instruments.map((i) => ({
        key: i.key,
        kind: i.kind,
        title: localised(i.title, language),
        description: localised(i.description, language),
        href: instrumentHref(i, town.slug),
        publisher: i.kind === 'external' ? (i.publisher ?? null) : null,
      })),
    })),
    threshold: action.threshold,
    earlierRound: comparison ? { title: comparison.earlier.title, sameVersion: comparison.result.sameTemplateVersion } : null,
    history: history.rounds.length > 2 ? { rounds: history.rounds.map((r) => ({ id: r.id, title: r.title, closedAt: r.closedAt })), dimensions: history.dimensions.map((d) => ({ ...d, label: titleOf.get(d.dimensionKey)! })) } : null,
    benchmarkShown: benchmark.dimensions.some((b) => b.shown),
    minimumTowns: benchmark.minimumTowns,
    canRequestAdvice: results.canRequestAdvice,
    member: actor.roles[town.id] !== undefined,
    dimensions: template.dimensions.map((d) => ({ key: d.key, label: titleOf.get(d.key)! })),
    weakest: action.needs[0]?.dimensionKey ?? template.dimensions[0].key,
    notice: ['closed', 'requested'].find((n) => url.searchParams.has(n)) ?? null,
    comments: results.comments
      ? template.dimensions
          .map((dimension) => ({
            key: dimension.key,
            label: titleOf.get(dimension.key)!,
            questions: dimension.questions
              .map((q) => ({ key: q.key, text: localised(q.text, language), texts: results.comments!.find((c) => c.questionKey === q.key)?.texts ?? [] }))
              .filter((q) => q.texts.length > 0),
          }))
          .filter((d) => d.questions.length > 0)
      : null,
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canRunSelfcheck);
  const roundId = requireId(args.params.roundId);
  return formAction(args.request, adviceRequestSchema, async (input) => {
    await requestAdvice(actor, { townId: town.id, roundId, dimensionKey: input.dimensionKey, preferredFormat: input.preferredFormat, message: input.message });
    return redirect(`/towns/${town.slug}/selfcheck/rounds/${roundId}/results?requested#advice`);
  }, { defaults: { intent: 'request-advice' } });
});

export default function RoundResultsPage() {
  const { t } = useTranslation(['selfcheck', 'common']);
  const d = useLoaderData<typeof loader>();
  const when = useDateFormat({ dateStyle: 'long' });
  const format = scoreFormatter(d.language);
  const weakest = d.needs[0];
  return (
    <div className="stack selfcheck-page selfcheck-results">
      <p className="selfcheck-no-print">
        {d.member ? <Link to={`/towns/${d.slug}/selfcheck`}>{t('round.back')}</Link> : <Link to="/network/selfcheck/advice">{t('queue.title')}</Link>}
      </p>
      <h2>{t('results.title', { round: d.round.title })}</h2>
      <p className="meta">
        {t('results.meta', { town: d.townName, date: when(d.round.closedAt), respondents: d.respondents, version: d.round.templateVersion })}
      </p>
      {d.notice ? <Notice>{t(`results.notice.${d.notice}`)}</Notice> : null}
      <ul className="inline-list selfcheck-no-print">
        <li>
          <a href={`/towns/${d.slug}/selfcheck/rounds/${d.round.id}/results.csv`} download>
            {t('results.csv')}
          </a>
        </li>
        <li>
          <PrintButton />
        </li>
      </ul>
      <section aria-labelledby="chart-heading" className="stack">
        <h3 id="chart-heading">{t('results.scores')}</h3>
        <p>{t('results.scoresExplain')}</p>
        <DimensionChart
          variant="radar"
          dimensions={d.chart}
          direction={directionOf(d.language)}
          locale={d.language}
          text={{
            title: t('results.chartTitle', { round: d.round.title }),
            description: weakest ? t('results.chartDescription', { dimension: weakest.label, score: format(weakest.score) }) : t('results.scores'),
            dimension: t('results.dimension'),
            current: t('results.thisRound'),
            earlier: d.earlierRound ? t('results.earlierRound', { round: d.earlierRound.title }) : undefined,
            change: t('results.change'),
            network: t('results.networkMiddle'),
            networkMedian: t('results.networkMedian'),
            noScore: t('results.noScore'),
            notComparable: t('results.notComparable'),
            noNetwork: t('results.noNetwork', { k: d.minimumTowns }),
          }}
        />
        {d.earlierRound && !d.earlierRound.sameVersion ? <p className="meta">{t('results.otherVersion')}</p> : null}
        {!d.benchmarkShown ? <p className="meta">{t('results.noBenchmark', { k: d.minimumTowns })}</p> : null}
      </section>
      <section aria-labelledby="spread-heading" className="stack">
        <h3 id="spread-heading">{t('results.spread')}</h3>
        <p>{t('results.spreadExplain')}</p>
        {/* A region of its own: on a narrow screen or zoomed in, the wide table scrolls here, by keyboard too. */}
        <div className="card" role="region" aria-labelledby="spread-heading" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('results.spread')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.dimension')}</th>
                <th scope="col">{t('results.score')}</th>
                <th scope="col">{t('results.standardDeviation')}</th>
                <th scope="col">{t('results.range')}</th>
                <th scope="col">{t('results.respondentsColumn')}</th>
                <th scope="col">{t('results.notApplicableColumn')}</th>
                <th scope="col">{t('results.networkPlacement')}</th>
              </tr>
            </thead>
            <tbody>
              {d.spreads.map((s) => (
                <tr key={s.key}>
                  <th scope="row">{s.label}</th>
                  <td>{s.score == null ? t('results.noScore') : format(s.score)}</td>
                  <td>{s.spread ? format(s.spread.standardDeviation) : t('results.noSpread')}</td>
                  <td>{s.spread ? <span className="selfcheck-nowrap">{`${format(s.spread.lowest)}–${format(s.spread.highest)}`}</span> : t('results.noSpread')}</td>
                  <td>{s.counts.scoredRespondents}</td>
                  <td>{s.counts.notApplicable}</td>
                  <td>{t(`results.placement.${s.placement}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {d.history ? (
        <section aria-labelledby="history-heading" className="card">
          <h3 id="history-heading">{t('results.history')}</h3>
          <table className="data-table">
            <caption className="visually-hidden">{t('results.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.dimension')}</th>
                {d.history.rounds.map((r) => (
                  <th scope="col" key={r.id}>
                    <bdi>{r.title}</bdi>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.history.dimensions.map((h) => (
                <tr key={h.dimensionKey}>
                  <th scope="row">{h.label}</th>
                  {h.rounds.map((r, i) => (
                    <td key={i}>{r.score == null ? t('results.noScore') : format(r.score)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="action-heading" className="stack" data-testid="need-for-action">
        <h3 id="action-heading">{t('results.needForAction')}</h3>
        <p>{t('results.needExplain', { threshold: d.threshold })}</p>
        {d.needs.map((need) => (
          <article key={need.key} className="card selfcheck-need" aria-labelledby={`need-${need.key}`}>
            <h4 id={`need-${need.key}`}>
              {need.label} <span className="meta">{t('results.scoreOf', { score: format(need.score) })}</span>
            </h4>
            <p className="meta">{t(`results.reason.${need.reason}`)}</p>
            {need.instruments.length ? (
              <>
                <p>{t('results.instruments')}</p>
                <ul className="selfcheck-instruments">
                  {need.instruments.map((i) => (
                    <li key={i.key}>
                      <a href={i.href} {...(i.kind === 'external' ? { rel: 'noopener noreferrer' } : {})}>
                        {i.title}
                      </a>{' '}
                      <span className="badge">{t(`results.instrumentKind.${i.kind}`)}</span>
                      {i.publisher ? <span className="meta"> · {i.publisher}</span> : null}
                      <p className="meta">{i.description}</p>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </article>
        ))}
      </section>
      {d.comments ? (
        <section aria-labelledby="comments-heading" className="stack">
          <h3 id="comments-heading">{t('results.comments')}</h3>
          <p>{t('results.commentsExplain')}</p>
          {d.comments.length === 0 ? <p>{t('results.noComments')}</p> : null}
          {d.comments.map((dimension) => (
            <details key={dimension.key} className="card selfcheck-comments">
              <summary>{t('results.commentsIn', { dimension: dimension.label, n: dimension.questions.reduce((n, q) => n + q.texts.length, 0) })}</summary>
              {dimension.questions.map((q) => (
                <div key={q.key}>
                  <p className="selfcheck-comment-question">{q.text}</p>
                  <ul>
                    {q.texts.map((text, i) => (
                      <li key={i} dir="auto">
                        {text}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </details>
          ))}
        </section>
      ) : null}
      {d.canRequestAdvice ? <AdviceForm dimensions={d.dimensions} weakest={d.weakest} /> : null}
    </div>
  );
}

/** Printing needs JavaScript's window.print(); without it, the browser's own print command does the same. */
function PrintButton() {
  const { t } = useTranslation('selfcheck');
  return (
    <button type="button" className="button subtle" onClick={() => window.print()}>
      {t('results.print')}
    </button>
  );
}

function AdviceForm({ dimensions, weakest }: { dimensions: { key: string; label: string }[]; weakest: string }) {
  const { t } = useTranslation('selfcheck');
  const [form, fields] = useAppForm(adviceRequestSchema, { formName: 'request-advice', id: 'request-advice', defaultValue: { dimensionKey: weakest } });
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="card selfcheck-no-print" id="advice" aria-labelledby="advice-form-heading">
      <h3 id="advice-form-heading">{t('results.requestAdvice')}</h3>
      <p>{t('results.requestAdviceExplain')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="request-advice" />
        <FormAlert errors={form.errors} />
        <SelectField field={fields.dimensionKey} label={t('results.adviceDimension')} options={dimensions.map((dim) => ({ value: dim.key, label: dim.label }))} />
        <ChoiceGroup field={fields.preferredFormat} legend={t('results.adviceFormat')} options={ADVICE_FORMATS.map((f) => ({ value: f, label: t(`advice.format.${f}`) }))} />
        <TextAreaField field={fields.message} label={t('results.adviceMessage')} hint={t('results.adviceMessageHint')} rows={4} maxLength={4000} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('results.adviceSubmit')}
        </button>
      </Form>
    </section>
  );
}
