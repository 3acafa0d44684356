import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isOfficial } from '#app/domain/auth/permissions';
import { listIncidents, signingPublicKey } from '#app/domain/incidents/incidents.server';
import { routeLoader, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';
import { INCIDENT_TIME_ZONE } from '#app/domain/incidents/schemas';

export const handle = { i18n: ['common', 'incidents'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const official = isOfficial(actor, town.id);
  const incidents = await listIncidents(actor, { townId: town.id });
  return {
    title: await pageTitle(args, 'incidents:list.pageTitle'),
    slug: town.slug,
    official,
    mine: incidents.filter((i) => i.mine),
    shared: incidents.filter((i) => !i.mine),
    key: official ? await signingPublicKey() : null,
  };
});

type Item = ReturnType<typeof useLoaderData<typeof loader>>['mine'][number];

function IncidentTable({ items, caption, slug, showOwner }: { items: Item[]; caption: string; slug: string; showOwner?: boolean }) {
  const { t } = useTranslation('incidents');
  const format = useDateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: INCIDENT_TIME_ZONE });
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('list.reference')}</th>
          <th scope="col">{t('list.kind')}</th>
          <th scope="col">{t('list.foundAt')}</th>
          <th scope="col">{t('list.status')}</th>
          {showOwner ? <th scope="col">{t('list.owner')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <Link to={`/towns/${slug}/incidents/${item.id}`}>{t('list.open', { reference: item.reference })}</Link>
            </td>
            <td>
              {t(`caseFile.kind.${item.kind}`)} · {t(`caseFile.severity.${item.severity}`)}
            </td>
            <td>{format(item.foundAt)}</td>
            <td>{t(`caseFile.status.${item.status}`)}</td>
            {showOwner ? (
              <td>
                <bdi>{item.ownerName}</bdi>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The official's own incidents, and those of officials who named this person a trust person. */
export default function IncidentList() {
  const { t } = useTranslation('incidents');
  const { slug, official, mine, shared, key } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h2>{t('list.heading')}</h2>
      <p className="lead">{official ? t('list.intro') : t('list.introTrusted')}</p>
      <p className="acute-warning">{t('list.emergency')}</p>
      {official ? (
        <p>
          <Link to={`/towns/${slug}/incidents/new`} className="button primary">
            {t('list.new')}
          </Link>
        </p>
      ) : null}
      {official ? mine.length ? <IncidentTable items={mine} caption={t('list.mine')} slug={slug} /> : <p>{t('list.none')}</p> : null}
      {shared.length ? <IncidentTable items={shared} caption={t('list.shared')} slug={slug} showOwner /> : official ? null : <p>{t('list.noneShared')}</p>}
      {key ? (
        <section aria-labelledby="key-heading" className="card stack">
          <h3 id="key-heading">{t('key.heading')}</h3>
          <p>{t('key.intro')}</p>
          <p>
            {t('key.fingerprint')} <span className="hash" dir="ltr">{key.fingerprint}</span>
          </p>
        </section>
      ) : null}
    </div>
  );
}
