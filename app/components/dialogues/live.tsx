/** The event page with its live parts: organisers' counts and a registrant's own promotion, re-read when they change. */
import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useDialogueLive } from '#app/realtime/use-dialogue-live';
import { EventPage } from './event-pages';
import type { EventPageView } from './views';

export function EventPageLive({ view }: { view: EventPageView }) {
  const { t } = useTranslation('dialogues');
  const revalidator = useRevalidator();
  const { event, scope, registration } = view;
  useDialogueLive({ eventId: event.id, townId: scope.townId }, { organiser: scope.canManage, registered: !!registration }, () => revalidator.revalidate());
  const counts = scope.canManage ? (
    <p data-testid="live-counts" aria-live="polite">
      {t('event.liveCounts', { confirmed: event.confirmedCount, waiting: event.waitingCount, checkedIn: event.checkedInCount })}
    </p>
  ) : null;
  return <EventPage view={view} liveCounts={counts} />;
}

/** For routes: the loader's data as the page's view. */
export function useEventPageView(): EventPageView {
  return useLoaderData() as unknown as EventPageView;
}
