/** Where a recommended instrument of the Selbstcheck leads within a town (one place for every page). */
import type { Instrument } from '#app/domain/selfcheck/questionnaire';

export function instrumentHref(instrument: Instrument, townSlug: string): string {
  switch (instrument.kind) {
    case 'external':
      return instrument.url;
    case 'forum':
      return `/towns/${townSlug}`;
    case 'shield':
      return `/towns/${townSlug}/shield`;
    case 'dialogue_event':
      return `/towns/${townSlug}/events`;
    case 'incident_log':
      return `/towns/${townSlug}/incidents`;
    case 'advice':
      return '#advice';
  }
}
