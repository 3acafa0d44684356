import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isOfficial, roleIn } from '#app/domain/auth/permissions';
import { routeLoader, signedInTownPage } from '#app/web/guard.server';
import { QuickExit } from '#app/components/incidents/quick-exit';
import incidentStyles from '#app/styles/incidents.css';

export const handle = { i18n: ['common', 'incidents'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: incidentStyles }];

/** The incident area of a town: signed in only; the quick exit and the area's navigation on every page. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  return {
    slug: town.slug,
    official: isOfficial(actor, town.id),
    counts: roleIn(actor, town.id) === 'admin' || actor.isNetworkTeam,
  };
});

export default function IncidentArea() {
  const { t } = useTranslation('incidents');
  const { slug, official, counts } = useLoaderData<typeof loader>();
  const base = `/towns/${slug}/incidents`;
  return (
    <div className="incident-area stack">
      <div className="incident-bar">
        <nav aria-label={t('nav.label')} className="sub-nav sub-nav-secondary">
          <ul>
            <li>
              <NavLink to={base} end>
                {t('nav.list')}
              </NavLink>
            </li>
            {official ? (
              <>
                <li>
                  <NavLink to={`${base}/new`}>{t('nav.new')}</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/trust`}>{t('nav.trust')}</NavLink>
                </li>
              </>
            ) : null}
            <li>
              <NavLink to={`${base}/support`}>{t('nav.support')}</NavLink>
            </li>
            {counts ? (
              <li>
                <NavLink to={`${base}/counts`}>{t('nav.counts')}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <QuickExit />
      </div>
      <Outlet />
    </div>
  );
}
