import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DomainError } from '#app/domain/errors';
import { canManageSelfcheckNetwork } from '#app/domain/selfcheck/access';
import { localised } from '#app/domain/selfcheck/questionnaire';
import { getParticipation, getStocktaking } from '#app/domain/selfcheck/stocktaking.server';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { formAction } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { FormAlert, Notice } from '#app/components/ui/field';
import { listTemplateVersions, publishStandardQuestionnaire } from '#app/domain/selfcheck/templates.server';
import { z } from 'zod';
import { languageOf, pageTitle } from '#app/web/page.server';
import { scoreFormatter } from '#app/components/selfcheck/chart-model';
import { ParticipationChart } from '#app/components/selfcheck/participation-chart';
import { useDateFormat } from '#app/components/use-date-format';
import selfcheckStyles from '#app/styles/selfcheck.css';

export const handle = { i18n: ['common', 'selfcheck', 'network'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: selfcheckStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const PARTICIPATION_MONTHS = 6;

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  if (!canManageSelfcheckNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const language = await languageOf(args.request, args.context);
  const stock = await getStocktaking(actor);
  const participation = await getParticipation(actor, { months: PARTICIPATION_MONTHS });
  const months = [...new Set(participation.map((p) => p.month))];
  return {
    title: await pageTitle(args, 'selfcheck:stock.pageTitle'),
    language,
    benchmarks: stock.benchmarks.map((b) => ({
      templateId: b.templateId,
      title: localised(b.template.title, language),
      version: b.version,
      closedRounds: b.closedRounds,
      minimumTowns: b.benchmark.minimumTowns,
      dimensions: b.benchmark.dimensions.map((d) => ({ ...d, label: localised(b.template.dimensions.find((x) => x.key === d.dimensionKey)!.title, language) })),
    })),
    towns: stock.towns,
    versions: await listTemplateVersions(actor),
    published: new URL(args.request.url).searchParams.has('published'),
    months,
    participation: stock.towns.map((town) => ({
      townId: town.townId,
      name: town.name,
      months: participation.filter((p) => p.townId === town.townId),
    })),
  };
});

const publishSchema = z.object({ intent: z.literal('publish-standard') });

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  if (!canManageSelfcheckNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return formAction(args.request, publishSchema, async () => {
    await publishStandardQuestionnaire(actor);
    return redirect('/network/selfcheck?published');
  }, { defaults: { intent: 'publish-standard' } });
});

export default function Stocktaking() {
  const { t } = useTranslation(['selfcheck', 'network', 'common']);
  const { benchmarks, towns, participation, months, language, versions, published } = useLoaderData<typeof loader>();
  const publishReply = useFormReply('publish-standard');
  const format = scoreFormatter(language);
  const when = useDateFormat({ dateStyle: 'medium' });
  const hasAttendance = participation.some((p) => p.months.some((m) => m.eventAttendance !== null));
  return (
    <div className="page stack selfcheck-page">
      <p>
        <Link to="/network">{t('network:title')}</Link>
      </p>
      <h1>{t('stock.title')}</h1>
      <p className="lead">{t('stock.lead')}</p>
      <p>
        <Link to="/network/selfcheck/advice" className="button">
          {t('queue.title')}
        </Link>
      </p>
      {published ? <Notice>{t('stock.published')}</Notice> : null}
      <section className="card stack" aria-labelledby="questionnaires-heading">
        <h2 id="questionnaires-heading">{t('stock.questionnaires')}</h2>
        {versions.length ? (
          <>
            <ul>
              {versions.map((v) => (
                <li key={v.id}>{t('stock.versionItem', { key: v.templateKey, version: v.version, date: when(v.publishedAt) })}</li>
              ))}
            </ul>
            <p>
              <Link to="/network/selfcheck/questionnaires">{t('stock.edit')}</Link>
            </p>
          </>
        ) : (
          <Form method="post" className="stack">
            <p>{t('stock.noQuestionnaire')}</p>
            <FormAlert errors={publishReply?.error?.[''] ?? undefined} />
            <button type="submit" name="intent" value="publish-standard" className="button primary">
              {t('stock.publishStandard')}
            </button>
          </Form>
        )}
      </section>
      {benchmarks.map((b) => (
        <section key={b.templateId} className="card" aria-labelledby={`benchmark-${b.templateId}`} data-testid={`benchmark-${b.templateId}`}>
          <h2 id={`benchmark-${b.templateId}`}>{t('stock.benchmark', { title: b.title, version: b.version })}</h2>
          <p className="meta">{t('stock.benchmarkExplain', { k: b.minimumTowns, rounds: b.closedRounds })}</p>
          <table className="data-table">
            <caption className="visually-hidden">{t('stock.benchmark', { title: b.title, version: b.version })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.dimension')}</th>
                <th scope="col">{t('stock.towns')}</th>
                <th scope="col">{t('results.networkMiddle')}</th>
                <th scope="col">{t('results.networkMedian')}</th>
              </tr>
            </thead>
            <tbody>
              {b.dimensions.map((d) => (
                <tr key={d.dimensionKey}>
                  <th scope="row">{d.label}</th>
                  {d.shown ? (
                    <>
                      <td>{d.towns}</td>
                      <td>
                        <span className="selfcheck-nowrap">{`${format(d.middleHalf.from)}–${format(d.middleHalf.to)}`}</span>
                      </td>
                      <td>{format(d.median)}</td>
                    </>
                  ) : (
                    <td colSpan={3} data-testid="benchmark-hidden">
                      {t('results.noNetwork', { k: b.minimumTowns })}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section className="card" aria-labelledby="towns-heading">
        <h2 id="towns-heading">{t('stock.townsHeading')}</h2>
        <table className="data-table">
          <caption className="visually-hidden">{t('stock.townsHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stock.town')}</th>
              <th scope="col">{t('stock.started')}</th>
              <th scope="col">{t('stock.closed')}</th>
              <th scope="col">{t('stock.lastClosed')}</th>
              <th scope="col">{t('stock.advice')}</th>
            </tr>
          </thead>
          <tbody>
            {towns.map((town) => (
              <tr key={town.townId} data-testid={`town-status-${town.slug}`}>
                <th scope="row">
                  <Link to={`/towns/${town.slug}`}>{town.name}</Link>
                </th>
                <td>{town.openRound ? t('stock.openNow', { rounds: town.rounds }) : t('stock.roundCount', { rounds: town.rounds })}</td>
                <td>{town.closedRounds}</td>
                <td>{town.lastClosedAt ? when(town.lastClosedAt) : '—'}</td>
                <td>{t('stock.adviceCount', { open: town.adviceOpen, total: town.adviceRequests })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card stack" aria-labelledby="participation-heading">
        <h2 id="participation-heading">{t('stock.participation')}</h2>
        <p className="meta">
          {t('stock.participationExplain', { months: months.length })}
          {hasAttendance ? null : <> {t('stock.attendanceLater')}</>}
        </p>
        <p>
          <a href="/network/selfcheck/participation.csv" download>
            {t('stock.participationCsv')}
          </a>
        </p>
        <ParticipationChart
          months={months}
          towns={participation.map((p) => ({ key: String(p.townId), label: p.name, values: p.months.map((m) => m.posts) }))}
          title={t('stock.postsChart')}
          locale={language}
        />
        <ParticipationTable caption={t('stock.posts')} months={months} rows={participation.map((p) => ({ key: p.townId, name: p.name, cells: p.months.map((m) => String(m.posts)) }))} />
        <ParticipationTable
          caption={t('stock.moderationTable')}
          months={months}
          rows={participation.map((p) => ({
            key: p.townId,
            name: p.name,
            cells: p.months.map((m) => (m.moderationDecided ? t('stock.moderationCell', { decided: m.moderationDecided, hours: format(m.moderationMedianHours ?? 0) }) : '—')),
          }))}
        />
        <ParticipationChart
          months={months}
          towns={participation.map((p) => ({ key: String(p.townId), label: p.name, values: p.months.map((m) => (m.moderationDecided ? (m.moderationMedianHours ?? 0) : null)) }))}
          title={t('stock.moderationChart')}
          locale={language}
        />
        {hasAttendance ? (
          <>
            <ParticipationChart
              months={months}
              towns={participation.map((p) => ({ key: String(p.townId), label: p.name, values: p.months.map((m) => m.eventAttendance ?? 0) }))}
              title={t('stock.attendanceChart')}
              locale={language}
            />
            <ParticipationTable caption={t('stock.attendance')} months={months} rows={participation.map((p) => ({ key: p.townId, name: p.name, cells: p.months.map((m) => String(m.eventAttendance ?? 0)) }))} />
          </>
        ) : null}
      </section>
    </div>
  );
}

/** One figure per town (rows) and month (columns). */
function ParticipationTable({ caption, months, rows }: { caption: string; months: string[]; rows: { key: number; name: string; cells: string[] }[] }) {
  const { t } = useTranslation('selfcheck');
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stock.town')}</th>
          {months.map((month) => (
            <th scope="col" key={month}>
              <span className="selfcheck-nowrap">{month}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            {row.cells.map((cell, i) => (
              <td key={months[i]}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
