import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { legalText } from '#app/domain/personal-data/legal.server';
import { routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { LegalTextView } from '#app/components/legal-text';

export const handle = { i18n: ['common', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => ({
  title: await pageTitle(args, 'privacy:legal.legalTitle'),
  text: legalText('legal', await languageOf(args.request, args.context)),
}));

/** The legal notice (Impressum, § 5 DDG): the operator's text. */
export default function LegalNotice() {
  const { t } = useTranslation(['privacy', 'common']);
  const { text } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow prose">
      <h1>{t('legal.legalTitle')}</h1>
      {text.fromOperator ? null : <p className="alert alert-warning">{t('legal.demoNote')}</p>}
      <LegalTextView blocks={text.blocks} />
    </div>
  );
}
