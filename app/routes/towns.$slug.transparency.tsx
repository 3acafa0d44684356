import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { transparencyReport } from '#app/domain/moderation/transparency.server';
import { DECISION_ACTIONS, REPORT_CATEGORIES } from '#app/domain/moderation/schemas';
import { routeLoader, townPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  return {
    title: await pageTitle(args, 'moderation:transparency.pageTitle', { town: town.name }),
    slug: town.slug,
    townName: town.name,
    months: await transparencyReport(actor, { townId: town.id }),
  };
});

/** Public: how this town moderates, in numbers, month by month. No names, no texts. */
export default function Transparency() {
  const { t, i18n } = useTranslation(['moderation', 'common']);
  const { slug, townName, months } = useLoaderData<typeof loader>();
  const formatMonth = useDateFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthName = (month: string) => formatMonth(`${month}-01T00:00:00Z`);
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <div className="stack">
      <h2>{t('transparency.heading', { town: townName })}</h2>
      <p>{t('transparency.intro')}</p>
      <p>
        <a href={`/towns/${slug}/transparency.csv`} download>
          {t('transparency.download')}
        </a>
      </p>
      {months.length === 0 ? <p>{t('transparency.empty')}</p> : null}
      {months.map((month) => (
        <section key={month.month} className="card stack" aria-labelledby={`month-${month.month}`}>
          <h3 id={`month-${month.month}`}>{monthName(month.month)}</h3>
          <div className="transparency-grid">
            <table className="data-table">
              <caption>{t('transparency.notices')}</caption>
              <tbody>
                {REPORT_CATEGORIES.map((category) => (
                  <tr key={category}>
                    <th scope="row">{t(`categories.${category}`)}</th>
                    <td>{number.format(month.notices[category])}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('transparency.automatedFlags')}</th>
                  <td>{number.format(month.automatedFlags)}</td>
                </tr>
              </tbody>
            </table>
            <table className="data-table">
              <caption>{t('transparency.actions')}</caption>
              <tbody>
                {DECISION_ACTIONS.filter((action) => month.actions[action]).map((action) => (
                  <tr key={action}>
                    <th scope="row">{t(`actions.${action}`)}</th>
                    <td>{number.format(month.actions[action])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="statement-list">
            <dt>{t('transparency.median')}</dt>
            <dd>{month.medianHoursToDecision === null ? t('transparency.none') : t('transparency.hours', { count: month.medianHoursToDecision, formatted: number.format(month.medianHoursToDecision) })}</dd>
            <dt>{t('transparency.appeals')}</dt>
            <dd>{number.format(month.appeals)}</dd>
            <dt>{t('transparency.reversals')}</dt>
            <dd>{number.format(month.reversals)}</dd>
          </dl>
        </section>
      ))}
    </div>
  );
}
