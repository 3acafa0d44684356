import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { networkPersonalDataCounts } from '#app/domain/personal-data/counts.server';
import { requireActor, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  return { title: await pageTitle(args, 'privacy:counts.title'), rows: await networkPersonalDataCounts(actor) };
});

/** For the network team: every town's counts, and accounts in no town. */
export default function NetworkPersonalData() {
  const { t } = useTranslation(['privacy', 'common']);
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t('counts.title')}</h1>
      <p>{t('counts.networkIntro')}</p>
      <div className="card">
        <table>
          <caption className="visually-hidden">{t('counts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('counts.town')}</th>
              <th scope="col">{t('counts.accounts')}</th>
              <th scope="col">{t('counts.exports')}</th>
              <th scope="col">{t('counts.deletions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.townId ?? 'none'}>
                <th scope="row">{row.slug ? <Link to={`/towns/${row.slug}/personal-data`}>{row.name}</Link> : t('counts.noTown')}</th>
                <td>{row.accounts}</td>
                <td>{row.exports}</td>
                <td>{row.deletions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
