import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { verifyIncidentChain } from '#app/domain/incidents/incidents.server';
import { INCIDENT_TIME_ZONE } from '#app/domain/incidents/schemas';
import { requireId, routeLoader, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'incidents'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const incidentId = requireId(args.params.incidentId);
  const check = await verifyIncidentChain(actor, { incidentId, townId: town.id });
  return {
    title: await pageTitle(args, 'incidents:verify.pageTitle', { reference: check.reference }),
    reference: check.reference,
    back: `/towns/${town.slug}/incidents/${incidentId}`,
    check,
  };
});

/** The official's whole chain recomputed from the stored bytes: intact, or the first entry that is not. */
export default function VerifyChain() {
  const { t } = useTranslation('incidents');
  const { reference, back, check } = useLoaderData<typeof loader>();
  const time = useDateFormat({ dateStyle: 'medium', timeStyle: 'medium', timeZone: INCIDENT_TIME_ZONE });
  return (
    <div className="stack">
      <h2>{t('verify.heading', { reference })}</h2>
      <p>{t('verify.intro')}</p>
      <div className={check.intact ? 'chain-intact' : 'chain-broken'} data-testid="chain-result">
        {check.intact ? (
          <p>
            <strong>{t('verify.intact', { count: check.records })}</strong>
          </p>
        ) : (
          <p>
            <strong>{t('verify.broken', { sequence: check.firstBrokenSequence ?? 0 })}</strong> {t(`verify.reasons.${check.reason}`)}
          </p>
        )}
      </div>
      <dl className="incident-facts">
        <dt>{t('verify.chain')}</dt>
        <dd className="hash" dir="ltr">
          {check.chain}
        </dd>
        {check.head ? (
          <>
            <dt>{t('verify.head')}</dt>
            <dd>{t('verify.headValue', { sequence: check.head.sequence, date: time(check.head.signedAt) })}</dd>
            <dt>{t('verify.headHash')}</dt>
            <dd className="hash" dir="ltr">
              {check.head.recordHash}
            </dd>
            <dt>{t('verify.signature')}</dt>
            <dd>{check.head.signatureValid ? t('verify.signatureValid') : t('verify.signatureInvalid')}</dd>
          </>
        ) : null}
        <dt>{t('key.fingerprint')}</dt>
        <dd className="hash" dir="ltr">
          {check.fingerprint}
        </dd>
      </dl>
      <section aria-labelledby="key-heading" className="stack">
        <h3 id="key-heading">{t('key.heading')}</h3>
        <p>{t('key.intro')}</p>
        <pre className="public-key" dir="ltr" tabIndex={0} aria-label={t('key.heading')}>
          {check.publicKeyPem}
        </pre>
      </section>
      <p>
        <Link to={back}>{t('verify.back')}</Link>
      </p>
    </div>
  );
}
