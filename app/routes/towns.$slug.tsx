import { type LoaderFunctionArgs } from '@remix-run/node';

import { NavLink, Outlet, useLoaderData, useRevalidator } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canManageForums, canManageMembers, canModerate, isOfficial } from '#app/domain/auth/permissions';
import { queueCounts } from '#app/domain/moderation/cases.server';
import { hasIncidentLog } from '#app/domain/incidents/incidents.server';
import { canSeeIncidentCounts } from '#app/domain/incidents/counts.server';
import { useModerationLive } from '#app/realtime/use-moderation-live';
import { routeLoader, townPage } from '#app/web/guard.server';

export const handle = { i18n: ['common', 'towns', 'forums', 'moderation', 'dialogues', 'incidents', 'selfcheck'] };

/** The town's frame: its name, the person's role there, and the town's own navigation. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  return {
    town: { id: town.id, slug: town.slug, name: town.name, state: town.state, languages: town.languages, memberCount: town.memberCount },
    role: actor?.roles[town.id] ?? null,
    canManage: canManageMembers(actor, town.id),
    canManageForums: canManageForums(actor, town.id),
    moderation: canModerate(actor, town.id) ? await queueCounts(actor, { townId: town.id }) : null,
    official: isOfficial(actor, town.id),
    incidents: canSeeIncidentCounts(actor, town.id) || (await hasIncidentLog(actor, { townId: town.id })),
  };
});

export default function TownLayout() {
  const { t } = useTranslation(['towns', 'common', 'forums', 'moderation', 'dialogues', 'selfcheck']);
  const { town, role, canManage, canManageForums: canManageTownForums, moderation, official, incidents } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // Moderators see the queue's counter (and any open moderation page) change live.
  useModerationLive(town.id, !!moderation, () => revalidator.revalidate());
  return (
    <div className="page">
      <div className="town-header">
        <p className="eyebrow">{t(`states.${town.state}`)}</p>
        <h1>{town.name}</h1>
        {role ? <p className="badge">{t('yourRole', { role: t(`roles.${role}`) })}</p> : null}
        <nav aria-label={t('townNav', { town: town.name })} className="sub-nav">
          <ul>
            <li>
              <NavLink to={`/towns/${town.slug}`} end>
                {t('overview')}
              </NavLink>
            </li>
            <li>
              <NavLink to={`/towns/${town.slug}/search`}>{t('forums:search.nav')}</NavLink>
            </li>
            <li>
              <NavLink to={`/towns/${town.slug}/events`}>{t('dialogues:nav')}</NavLink>
            </li>
            {moderation ? (
              <li>
                <NavLink to={`/towns/${town.slug}/moderation`}>
                  {t('moderation:nav')}{' '}
                  <span className="badge badge-count" data-testid="queue-count">
                    {t('moderation:navCount', { count: moderation.cases + moderation.appeals })}
                  </span>
                </NavLink>
              </li>
            ) : null}
            {official ? (
              <li>
                <NavLink to={`/towns/${town.slug}/shield`}>{t('moderation:shield.nav')}</NavLink>
              </li>
            ) : null}
            {incidents ? (
              <li>
                <NavLink to={`/towns/${town.slug}/incidents`}>{t('incidents:nav.label')}</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to={`/towns/${town.slug}/transparency`}>{t('moderation:transparency.nav')}</NavLink>
            </li>
            {role ? (
              <li>
                <NavLink to={`/towns/${town.slug}/selfcheck`}>{t('selfcheck:nav')}</NavLink>
              </li>
            ) : null}
            {canManageTownForums ? (
              <li>
                <NavLink to={`/towns/${town.slug}/forums-admin`}>{t('forums:manage.nav')}</NavLink>
              </li>
            ) : null}
            {canManage ? (
              <li>
                <NavLink to={`/towns/${town.slug}/members`}>{t('members.title')}</NavLink>
              </li>
            ) : null}
            {canManage ? (
              <li>
                <NavLink to={`/towns/${town.slug}/personal-data`}>{t('common:personalData.figures')}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}
