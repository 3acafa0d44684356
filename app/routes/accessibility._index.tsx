import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { settings } from '#app/env.server';
import { routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common', 'accessibility'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => ({ title: await pageTitle(args, 'accessibility:statement.title'), contact: settings().accessibilityContact }));

/** Accessibility statement (Erklärung zur Barrierefreiheit) as BITV 2.0 § 7 asks of public bodies. */
export default function AccessibilityStatement() {
  const { t } = useTranslation(['accessibility', 'common']);
  const { contact } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow prose">
      <h1>{t('statement.title')}</h1>
      <p>{t('statement.scope')}</p>
      <h2>{t('statement.statusHeading')}</h2>
      <p>{t('statement.status')}</p>
      <h2>{t('statement.measuresHeading')}</h2>
      <ul>
        <li>{t('statement.measures.keyboard')}</li>
        <li>{t('statement.measures.screenReader')}</li>
        <li>{t('statement.measures.zoom')}</li>
        <li>{t('statement.measures.languages')}</li>
        <li>{t('statement.measures.testing')}</li>
      </ul>
      <h2>{t('statement.knownIssuesHeading')}</h2>
      <p>{t('statement.knownIssues')}</p>
      <h2>{t('statement.feedbackHeading')}</h2>
      <p>
        {t('statement.feedback')} <Link to="/accessibility/feedback">{t('statement.feedbackLink')}</Link>
      </p>
      <p>
        {t('statement.contact')} <a href={`mailto:${contact}`}>{contact}</a>
      </p>
      <h2>{t('statement.enforcementHeading')}</h2>
      <p>{t('statement.enforcement')}</p>
      <p className="meta">{t('statement.prepared', { date: '2026-11-25' })}</p>
    </div>
  );
}
