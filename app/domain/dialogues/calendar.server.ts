/**
 * iCalendar (RFC 5545) for dialogue events: one event's `.ics` (download, mail attachment) and the subscribable
 * feeds of a town and of the whole network. Times are written as the town's wall clock with TZID and a
 * VTIMEZONE, so a client shows 18:00 in Berlin even when it cannot resolve the zone name itself.
 *
 * One exception: an event that starts or ends in the hour repeated in autumn is written in UTC. RFC 5545
 * §3.3.5 reads a repeated local time as its first occurrence (what `time.ts` stores), but libical and ical.js
 * (Thunderbird, Evolution and others) take the second, which would move the event by an hour.
 *
 * Server-only because the registrant variant carries the online join link, which must never reach a page or a
 * public feed. Callers hand in plain, already translated text; nothing here touches the database.
 */
import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus, type ICalCalendar, type ICalEventData } from 'ical-generator';
import { resolveLocalDateTime, utcToLocalDateTime } from './time';
import { buildVtimezone } from './vtimezone';

export interface CalendarEventInput {
  /** The event's id: the UID is `event-<id>@<host>`, stable across edits so clients update, not duplicate. */
  id: string | number;
  /** Raised by the caller on every change attendees should notice (time, place, cancellation). */
  sequence: number;
  createdAt: Date;
  /** Last change; written as DTSTAMP and LAST-MODIFIED (RFC 5545 §3.8.7.2: without METHOD they mean the same). */
  updatedAt: Date;
  startsAt: Date;
  endsAt: Date;
  /** The town's IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  title: string;
  /** Plain text. */
  description: string;
  /** The public event page. */
  pageUrl: string;
  cancelled: boolean;
  /** A translated category label (e.g. "Workshop"), written as CATEGORIES. */
  category?: string | null;
  /** Where an in-person or hybrid event takes place. */
  venue?: { name?: string | null; address: string; geo?: { lat: number; lon: number } | null } | null;
  /** How to join an online or hybrid event; `label` is the translated text before the link ("Join online:"). */
  online?: { joinUrl: string; label: string } | null;
}

/** Who reads the file: only a registered person's copy may carry the join link. */
export type CalendarAudience = 'public' | 'registrant';

export interface CalendarOptions {
  /** The site's host name for UIDs and PRODID, e.g. `weltoffen.example`. */
  host: string;
}

export interface FeedOptions extends CalendarOptions {
  /** The feed's display name (X-WR-CALNAME), translated. */
  name: string;
  description?: string | null;
  /** The page listing the feed's events. */
  url?: string | null;
  /** How often clients should fetch again (REFRESH-INTERVAL / X-PUBLISHED-TTL). An hour unless given. */
  refreshSeconds?: number;
}

/** Whether the instant's wall clock in `zone` occurs twice (the autumn changeover hour). */
function inRepeatedHour(instant: Date, zone: string): boolean {
  return resolveLocalDateTime(utcToLocalDateTime(instant, zone), zone).kind === 'ambiguous';
}

function eventData(event: CalendarEventInput, host: string, audience: CalendarAudience): ICalEventData {
  const join = audience === 'registrant' ? event.online : null;
  const description = join ? `${event.description}\n\n${join.label} ${join.joinUrl}`.trim() : event.description;
  const venue = event.venue;
  const zone = inRepeatedHour(event.startsAt, event.timeZone) || inRepeatedHour(event.endsAt, event.timeZone) ? null : event.timeZone;
  return {
    id: `event-${event.id}@${host}`,
    sequence: event.sequence,
    stamp: event.updatedAt,
    created: event.createdAt,
    lastModified: event.updatedAt,
    // TZDate makes ical-generator write the wall clock in the event's zone rather than the server's.
    start: zone ? new TZDate(event.startsAt.getTime(), zone) : event.startsAt,
    end: zone ? new TZDate(event.endsAt.getTime(), zone) : event.endsAt,
    timezone: zone,
    summary: event.title,
    description,
    url: event.pageUrl,
    status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    categories: event.category ? [{ name: event.category }] : [],
    location: venue
      ? { title: venue.name?.trim() || venue.address, address: venue.name?.trim() ? venue.address : undefined, geo: venue.geo ?? undefined }
      : // An online-only event: the join link is where it happens, for the one who may see it.
        join
        ? join.joinUrl
        : null,
  };
}

function newCalendar(options: CalendarOptions, events: CalendarEventInput[], feed?: FeedOptions & { timeZone?: string }): ICalCalendar {
  // A reduce, not Math.min(...): the network feed may hold more events than a call takes arguments.
  const from = events.reduce((earliest, event) => Math.min(earliest, event.startsAt.getTime()), Number.POSITIVE_INFINITY);
  const to = events.reduce((latest, event) => Math.max(latest, event.endsAt.getTime()), Number.NEGATIVE_INFINITY);
  const window = { from: new Date(from), to: new Date(to) };
  const calendar = ical({
    prodId: { company: options.host, product: 'Weltoffen dialogue events', language: 'DE' },
    name: feed?.name ?? null,
    description: feed?.description ?? null,
    url: feed?.url ?? null,
    ttl: feed ? (feed.refreshSeconds ?? 3600) : null,
    // No calendar-wide zone name: ical-generator would then write every zone-less (UTC) event's times as the
    // server's local clock under that TZID. Only events' own zones get a VTIMEZONE.
    timezone: { name: null, generator: (zone) => buildVtimezone(zone, window) },
  });
  // The town's zone as the feed's default for Apple and Google calendars, set by hand for the reason above.
  if (feed?.timeZone) calendar.x('X-WR-TIMEZONE', feed.timeZone);
  return calendar;
}

/**
 * One event as a `.ics` file. The `registrant` variant adds the online join link to the description (and
 * as the location of an online-only event); the `public` one never has it.
 */
export function eventIcs(event: CalendarEventInput, audience: CalendarAudience, options: CalendarOptions): string {
  const calendar = newCalendar(options, [event]);
  calendar.createEvent(eventData(event, options.host, audience));
  return calendar.toString();
}

function feedIcs(events: CalendarEventInput[], options: FeedOptions & { timeZone?: string }): string {
  const calendar = newCalendar(options, events, options);
  // Feeds are public URLs that get shared and cached: never the join link, whatever the input holds.
  for (const event of events) calendar.createEvent(eventData(event, options.host, 'public'));
  return calendar.toString();
}

/**
 * A town's subscribable feed. Cancelled events should stay in it (with STATUS:CANCELLED) for a while, so a
 * subscriber's calendar marks them instead of silently losing them; which events to include is the caller's.
 */
export function townFeedIcs(town: { timeZone: string }, events: CalendarEventInput[], options: FeedOptions): string {
  return feedIcs(events, { ...options, timeZone: town.timeZone });
}

/** The whole network's feed: each event keeps its own town's zone. */
export function networkFeedIcs(events: CalendarEventInput[], options: FeedOptions): string {
  return feedIcs(events, options);
}
