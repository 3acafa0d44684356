/** What happened to an advice request, step by step, with the network team's notes. */
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '#app/components/use-date-format';

export interface AdviceEventView {
  id: number;
  status: string;
  consultantName: string | null;
  note: string;
  actorName: string | null;
  createdAt: Date | string;
}

export function AdviceHistory({ events }: { events: AdviceEventView[] }) {
  const { t } = useTranslation('selfcheck');
  const when = useDateFormat();
  if (!events.length) return null;
  return (
    <ol className="selfcheck-advice-history">
      {events.map((event) => (
        <li key={event.id}>
          <span className="meta">{when(event.createdAt)}</span> {t(`advice.status.${event.status}`)}
          {event.consultantName ? <> · {t('advice.consultant', { name: event.consultantName })}</> : null}
          {event.note ? (
            <p dir="auto" className="selfcheck-advice-note">
              {event.note}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
