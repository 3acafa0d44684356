import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listTowns } from '#app/domain/municipalities/towns.server';
import { currentActor, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'towns'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await currentActor(args);
  const towns = await listTowns(actor);
  return {
    title: await pageTitle(args, 'towns:home.title'),
    towns: towns.map((town) => ({ ...town, myRole: actor?.roles[town.id] ?? null })),
  };
});

export default function Home() {
  const { t } = useTranslation(['towns', 'common']);
  const { towns } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <section className="intro">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <ul className="pillars">
          <li>
            <h2>{t('home.pillars.selfCheck.title')}</h2>
            <p>{t('home.pillars.selfCheck.text')}</p>
          </li>
          <li>
            <h2>{t('home.pillars.dialogue.title')}</h2>
            <p>{t('home.pillars.dialogue.text')}</p>
          </li>
          <li>
            <h2>{t('home.pillars.protection.title')}</h2>
            <p>{t('home.pillars.protection.text')}</p>
          </li>
        </ul>
      </section>
      <section aria-labelledby="towns-heading">
        <h2 id="towns-heading">{t('home.townsHeading')}</h2>
        <ul className="town-list">
          {towns.map((town) => (
            <li key={town.id} className="card">
              <h3>
                <Link to={`/towns/${town.slug}`}>{town.name}</Link>
              </h3>
              <p>
                {t(`states.${town.state}`)} · {t('memberCount', { count: town.memberCount })}
              </p>
              {town.myRole ? <p className="badge">{t(`roles.${town.myRole}`)}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
