import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { incidentCounts } from '#app/domain/incidents/counts.server';
import { routeLoader, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'incidents'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  return { title: await pageTitle(args, 'incidents:counts.pageTitle'), counts: await incidentCounts(actor, { townId: town.id }) };
});

/** For town admins and the network team: how many incidents of each kind per month — no content, no names. */
export default function Counts() {
  const { t } = useTranslation('incidents');
  const { counts } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h2>{t('counts.heading')}</h2>
      <p>{t('counts.intro')}</p>
      {counts.length ? (
        <table className="data-table" data-testid="incident-counts">
          <caption>{t('counts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('counts.month')}</th>
              <th scope="col">{t('counts.kind')}</th>
              <th scope="col">{t('counts.count')}</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((row) => (
              <tr key={`${row.month}-${row.kind}`}>
                <td dir="ltr">{row.month}</td>
                <td>{t(`caseFile.kind.${row.kind}`)}</td>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('counts.none')}</p>
      )}
    </div>
  );
}
