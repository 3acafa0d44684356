import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canManageMembers } from '#app/domain/auth/permissions';
import { townPersonalDataCounts } from '#app/domain/personal-data/counts.server';
import { requireMember, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canManageMembers);
  return { title: await pageTitle(args, 'privacy:counts.pageTitle', { town: town.name }), counts: await townPersonalDataCounts(actor, { townId: town.id }) };
});

/** For the town's admins: counts only. */
export default function TownPersonalData() {
  const { t } = useTranslation(['privacy', 'common']);
  const { counts } = useLoaderData<typeof loader>();
  return (
    <section className="stack narrow" aria-labelledby="counts-heading">
      <h2 id="counts-heading">{t('counts.title')}</h2>
      <p>{t('counts.intro')}</p>
      <dl className="counts">
        <dt>{t('counts.accounts')}</dt>
        <dd data-testid="count-accounts">{counts.accounts}</dd>
        <dt>{t('counts.exports')}</dt>
        <dd data-testid="count-exports">{counts.exports}</dd>
        <dt>{t('counts.deletions')}</dt>
        <dd data-testid="count-deletions">{counts.deletions}</dd>
      </dl>
    </section>
  );
}
