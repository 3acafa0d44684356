import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { legalText } from '#app/domain/personal-data/legal.server';
import { routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { LegalTextView } from '#app/components/legal-text';

export const handle = { i18n: ['common', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => ({
  title: await pageTitle(args, 'privacy:legal.privacyTitle'),
  text: legalText('privacy', await languageOf(args.request, args.context)),
}));

/** The privacy notice (GDPR arts. 12–14): the operator's text, then what the software itself guarantees. */
export default function PrivacyNotice() {
  const { t } = useTranslation(['privacy', 'common']);
  const { text } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow prose">
      <h1>{t('legal.privacyTitle')}</h1>
      {text.fromOperator ? null : <p className="alert alert-warning">{t('legal.demoNote')}</p>}
      <LegalTextView blocks={text.blocks} />
      <h2>{t('legal.cookiesHeading')}</h2>
      <p>{t('legal.cookiesText')}</p>
      <p>
        <Link to="/account/privacy">{t('legal.yourData')}</Link>
      </p>
    </div>
  );
}
