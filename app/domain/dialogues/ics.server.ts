/** The database side of calendar files: one event's row turned into `calendar.server.ts`'s input. */
import { sql, type Db } from '#app/database/client.server';
import { settings } from '#app/env.server';
import { getFixedT } from '#app/i18n/i18n.server';
import { eventIcs, type CalendarEventInput } from './calendar.server';
import { eventPath, pickLanguage, type EventTranslations } from './texts';

export const calendarColumns = () => sql`
  e.id, e.municipality_id as town_id, m.slug as town_slug, e.status, e.format, e.title, e.default_language, e.translations,
  e.description_text, e.starts_at, e.ends_at, e.time_zone, e.venue_name, e.venue_address, e.join_url, e.sequence, e.created_at, e.updated_at`;

export interface CalendarRow {
  id: number;
  townId: number | null;
  townSlug: string | null;
  status: string;
  format: string;
  title: string;
  defaultLanguage: string;
  translations: EventTranslations;
  descriptionText: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  joinUrl: string | null;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

export const calendarHost = () => new URL(settings().publicOrigin).host;

export function calendarInput(row: CalendarRow, language: string): CalendarEventInput {
  const textLanguage = pickLanguage(row, language);
  const translation = row.translations[textLanguage];
  const t = getFixedT(language, 'dialogues');
  return {
    id: row.id,
    sequence: row.sequence,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    title: translation?.title ?? row.title,
    description: translation?.descriptionText ?? row.descriptionText,
    pageUrl: new URL(eventPath(row), settings().publicOrigin).href,
    cancelled: row.status === 'cancelled',
    category: t(`formats.${row.format}`),
    venue: row.venueAddress ? { name: row.venueName, address: row.venueAddress } : null,
    online: row.joinUrl ? { joinUrl: row.joinUrl, label: t('calendar.joinOnline') } : null,
  };
}

/** For a registrant's mail: their copy with the join link. The caller is the registration itself. */
export async function registrantCalendar(db: Db, eventId: number, language: string): Promise<string> {
  const [row] = await db<CalendarRow[]>`select ${calendarColumns()} from dialogue_events e left join municipalities m on m.id = e.municipality_id where e.id = ${eventId}`;
  return eventIcs(calendarInput(row, language), 'registrant', { host: calendarHost() });
}
