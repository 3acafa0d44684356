import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { supportFor } from '#app/domain/incidents/support.server';
import { routeLoader, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { SupportList } from '#app/components/incidents/support-list';

export const handle = { i18n: ['common', 'incidents', 'towns'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  return { title: await pageTitle(args, 'incidents:support.pageTitle'), state: town.state, entries: await supportFor(actor, { state: town.state }) };
});

/** Help for officials in this town's federal state, and nationwide. */
export default function Support() {
  const { t } = useTranslation(['incidents', 'towns']);
  const { state, entries } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h2>{t('support.heading')}</h2>
      <p>{t('support.intro')}</p>
      <SupportList entries={entries} headingId="support-list" heading={t('support.forState', { state: t(`towns:states.${state}`) })} />
    </div>
  );
}
