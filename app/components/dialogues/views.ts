/** What the dialogue-event pages receive from their loaders: plain, already formatted values (no Date objects). */
import type { EventFilters } from '#app/domain/dialogues/schemas';

export interface EventScopeView {
  /** null: the network's events */
  townId: number | null;
  townName: string | null;
  /** `/towns/<slug>/events` or `/network/events` */
  base: string;
  canManage: boolean;
}

export interface EventCardView {
  id: number;
  path: string;
  title: string;
  textLanguage: string;
  format: string;
  mode: string;
  status: string;
  when: string;
  /** `YYYY-MM-DD` of the start in the event's zone (for the calendar grid). */
  day: string;
  venue: string | null;
  network: boolean;
  townName: string | null;
  capacity: number | null;
  confirmedCount: number;
  waitingCount: number;
  accessibility: string[];
  languages: string[];
  interpretation: string[];
}

export interface EventListView {
  scope: EventScopeView;
  events: EventCardView[];
  filters: EventFilters;
  /** The languages offered in the filter. */
  languages: readonly string[];
}

export interface CalendarView {
  scope: EventScopeView;
  month: string;
  monthLabel: string;
  previous: string;
  next: string;
  /** Weeks of 7 days, Monday first; null for days of the neighbouring months. */
  weeks: ({ date: string; day: number; events: EventCardView[] } | null)[][];
  weekdays: string[];
}

export interface EventPageView {
  scope: EventScopeView;
  event: EventCardView & {
    descriptionHtml: string;
    questions: string[];
    joinUrl: string | null;
    mapUrl: string | null;
    venueName: string | null;
    venueAddress: string | null;
    deadline: string | null;
    guestsAllowed: boolean;
    checkedInCount: number;
  };
  registration: { status: 'pending' | 'confirmed' | 'waiting'; code: string; formattedCode: string; waitingPosition: number | null; checkedIn: boolean; qrSvg: string | null } | null;
  /** What the registration box shows. */
  state: 'open' | 'full' | 'closed' | 'ended' | 'cancelled' | 'draft';
  viewer: 'guest' | 'unverified' | 'outsider' | 'member';
  /** After the event has begun: what the organisers documented (null until they did), and whether they may. */
  documentation: { summaryHtml: string | null; outcomesHtml: string | null; recordingUrl: string | null; attended: number; registered: number; followUp: { title: string; path: string } | null; attachments: { id: number; name: string; mediaType: string; size: number }[] } | null;
  canDocument: boolean;
  notice: 'registered' | 'cancelled' | 'guestSent' | null;
}
