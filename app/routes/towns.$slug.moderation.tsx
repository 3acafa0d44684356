import { type LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canModerate } from '#app/domain/auth/permissions';
import { requireMember, routeLoader } from '#app/web/guard.server';

export const handle = { i18n: ['common', 'moderation', 'forums'] };

/** The moderators' area of a town. Anyone else gets 403 here; the domain checks every call again. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { town } = await requireMember(args, canModerate);
  return { slug: town.slug };
});

export default function ModerationLayout() {
  const { t } = useTranslation('moderation');
  const { slug } = useLoaderData<typeof loader>();
  const base = `/towns/${slug}/moderation`;
  return (
    <div className="stack">
      <nav aria-label={t('areaNav')} className="sub-nav sub-nav-secondary">
        <ul>
          <li>
            <NavLink to={base} end>
              {t('queue.title')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/words`}>{t('words.title')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/settings`}>{t('settings.title')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/audit`}>{t('audit.title')}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
