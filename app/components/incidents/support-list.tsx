/** The support directory's entries for one state (and nationwide). */
import { useTranslation } from 'react-i18next';
import type { SupportEntry } from '#app/domain/incidents/types';

export function SupportList({ entries, headingId, heading }: { entries: SupportEntry[]; headingId: string; heading: string }) {
  const { t } = useTranslation('incidents');
  return (
    <section aria-labelledby={headingId} className="stack card">
      <h3 id={headingId}>{heading}</h3>
      <p className="acute-warning">{t('list.emergency')}</p>
      {entries.length ? (
        <ul className="support-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <strong dir="auto">{entry.name}</strong>
              {entry.description ? <p dir="auto">{entry.description}</p> : null}
              {entry.url ? (
                <p>
                  <a href={entry.url} rel="noreferrer" dir="ltr">
                    {entry.url}
                  </a>
                </p>
              ) : null}
              {entry.phone ? (
                <p>
                  {t('support.phone')}{' '}
                  <a href={`tel:${entry.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                    {entry.phone}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('support.none')}</p>
      )}
    </section>
  );
}
