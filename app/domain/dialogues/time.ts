/**
 * Time zones for dialogue events. Instants are stored in UTC; organisers type, and residents read, the wall
 * clock of the town's zone. Pure and browser-safe: the form may check a typed time before it is sent.
 *
 * Daylight-saving policy (tested on the changeover days of 2026 and 2027):
 * - A wall-clock time that does not exist in the zone (02:30 on the last Sunday of March in Europe/Berlin) is
 *   refused with `dialogues:errors.timeDoesNotExist` on the time field. Shifting it silently would publish an
 *   event an hour away from what the organiser typed.
 * - A wall-clock time that occurs twice (02:30 on the last Sunday of October) means its first occurrence,
 *   still in summer time: what RFC 5545 §3.3.5 says a repeated local time means, and what the organiser of an
 *   event at that hour of the night most likely had in mind. `resolveLocalDateTime` reports `ambiguous` so a
 *   form can say which of the two was taken. (Calendar files write such an event in UTC, because libical-based
 *   clients read the local form as the second occurrence; see `calendar.server.ts`.)
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { z } from 'zod';
import { DomainError } from '#app/domain/errors';

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** A date and time as typed in `<input type="date">` and `<input type="time">`: `YYYY-MM-DD` and `HH:mm`. */
export interface LocalDateTime {
  date: string;
  time: string;
}

export type LocalTimeResolution =
  | { kind: 'unique'; instant: Date }
  /** Occurs twice; `instant` is the earlier one (policy above), `later` the other. */
  | { kind: 'ambiguous'; instant: Date; later: Date }
  /** Falls into the gap when clocks go forward. */
  | { kind: 'nonexistent' }
  | { kind: 'malformed' };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// Seconds are allowed because some browsers send them from `<input type="time" step>`.
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The zone's canonical spelling (`europe/berlin` → `Europe/Berlin`), or null if it is not an IANA zone the
 * runtime knows. UTC offsets such as `+01:00` are refused: they have no daylight-saving rules, so an event
 * stored with one would drift by an hour twice a year.
 */
export function canonicalTimeZone(zone: string): string | null {
  const known = canonicalZones.get(zone.toLowerCase());
  if (known) return known;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  try {
    const canonical = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    canonicalZones.set(zone.toLowerCase(), canonical);
    return canonical;
  } catch {
    return null;
  }
}
// Asking Intl costs a formatter (a quarter of a millisecond) and every conversion checks its zone. Only names
// Intl accepted are kept, keyed case-insensitively as Intl reads them, so the map stays as small as the zone
// database however much junk is typed.
const canonicalZones = new Map<string, string>();

export const isValidTimeZone = (zone: string): boolean => canonicalTimeZone(zone) !== null;

/** A zone name from a form or the database, turned into its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .trim()
  .transform((zone, context) => {
    const canonical = canonicalTimeZone(zone);
    if (!canonical) context.addIssue({ code: z.ZodIssueCode.custom, message: 'dialogues:errors.timeZoneInvalid' });
    return canonical ?? zone;
  });

function assertTimeZone(zone: string): void {
  if (!isValidTimeZone(zone)) throw new DomainError('invalid', 'dialogues:errors.timeZoneInvalid', { zone }, 'timeZone');
}

/** The wall clock as milliseconds "as if UTC", or null when the strings are not a real date and time. */
function wallClockMillis({ date, time }: LocalDateTime): number | null {
  const d = DATE_PATTERN.exec(date);
  const t = TIME_PATTERN.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute, second] = [d[1], d[2], d[3], t[1], t[2], t[3] ?? '0'].map(Number);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(millis);
  // Date.UTC rolls 30 February over into March; a typed date must name a real day.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return millis;
}

/**
 * Every instant whose wall clock in `zone` reads `local`: none in a spring-forward gap, two in an autumn
 * overlap, otherwise one. Offsets are probed a day and a half either side, further than any real transition
 * moves the clock.
 */
export function resolveLocalDateTime(local: LocalDateTime, zone: string): LocalTimeResolution {
  assertTimeZone(zone);
  const wall = wallClockMillis(local);
  if (wall === null) return { kind: 'malformed' };
  const offsets = new Set([-36 * HOUR, 0, 36 * HOUR].map((delta) => tzOffset(zone, new Date(wall + delta))));
  const instants = [...offsets]
    .map((offset) => wall - offset * MINUTE)
    .filter((candidate) => tzOffset(zone, new Date(candidate)) * MINUTE === wall - candidate)
    .sort((a, b) => a - b);
  if (instants.length === 0) return { kind: 'nonexistent' };
  if (instants.length === 1) return { kind: 'unique', instant: new Date(instants[0]) };
  return { kind: 'ambiguous', instant: new Date(instants[0]), later: new Date(instants[instants.length - 1]) };
}

/**
 * The UTC instant an organiser meant by a date and time typed in the town's zone, by the policy above.
 * Throws `DomainError('invalid', …, field)` for a malformed or non-existent time; `field` names the form's
 * time field so the message appears beside it.
 */
export function localDateTimeToUtc(local: LocalDateTime, zone: string, field = 'startTime'): Date {
  const resolution = resolveLocalDateTime(local, zone);
  switch (resolution.kind) {
    case 'malformed':
      throw new DomainError('invalid', 'dialogues:errors.dateTimeMalformed', {}, field);
    case 'nonexistent':
      throw new DomainError('invalid', 'dialogues:errors.timeDoesNotExist', { date: local.date, time: local.time }, field);
    default:
      return resolution.instant;
  }
}

/** The inverse, for filling an edit form: the instant's wall clock in `zone` as `YYYY-MM-DD` and `HH:mm`. */
export function utcToLocalDateTime(instant: Date, zone: string): LocalDateTime {
  assertTimeZone(zone);
  // TZDate's getters read the zone's wall clock; date-fns' format would do the same, several times slower.
  const local = new TZDate(instant.getTime(), zone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    date: `${String(local.getFullYear()).padStart(4, '0')}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    time: `${pad(local.getHours())}:${pad(local.getMinutes())}`,
  };
}

/** An event must end after it starts; the message goes to the end field. */
export function assertEndsAfterStart(startsAt: Date, endsAt: Date, field = 'endTime'): void {
  if (!(endsAt.getTime() > startsAt.getTime())) throw new DomainError('invalid', 'dialogues:errors.endBeforeStart', {}, field);
}

// Building an Intl.DateTimeFormat costs far more than using one (it loads locale and zone data), and an event
// list formats dozens of ranges per page: keep one per language, zone and variant for the process's life.
// Languages × zones × 2 stays small (9 languages, a handful of zones).
const formatters = new Map<string, Intl.DateTimeFormat>();

type FormatterVariant = 'range' | 'range-with-zone' | 'time-with-zone';

/** The cached formatter behind `formatEventRange`; exported so callers and tests can see it is reused. */
export function eventDateTimeFormat(language: string, zone: string, variant: FormatterVariant = 'range'): Intl.DateTimeFormat {
  const key = `${language}\u0000${zone}\u0000${variant}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    assertTimeZone(zone);
    const time = { hour: '2-digit', minute: '2-digit' } as const;
    const date = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
    const options: Intl.DateTimeFormatOptions =
      variant === 'time-with-zone' ? { ...time, timeZoneName: 'short' } : variant === 'range-with-zone' ? { ...date, ...time, timeZoneName: 'short' } : { ...date, ...time };
    // The Gregorian calendar for every language: the events take place in Germany and are compared with the
    // town's posters and letters; fa would otherwise default to the Solar Hijri calendar. Digits and the
    // 12/24-hour clock stay the language's own.
    formatter = new Intl.DateTimeFormat(language, { ...options, calendar: 'gregory', timeZone: zone });
    formatters.set(key, formatter);
  }
  return formatter;
}

export interface RangeFormatOptions {
  /** Show the zone's short name (MEZ/MESZ) even when start and end share an offset, e.g. for readers abroad. */
  withZoneName?: boolean;
}

/**
 * A start–end range for display in the given UI language and the town's zone, e.g.
 * "Sonntag, 29. März 2026, 10:00–12:00 Uhr". When the range spans a daylight-saving change both ends name
 * their offset ("01:30 MEZ – 03:30 MESZ"): Intl's formatRange would print a single zone name for both and so
 * misstate the start.
 */
export function formatEventRange(startsAt: Date, endsAt: Date, language: string, zone: string, options: RangeFormatOptions = {}): string {
  if (tzOffset(zone, startsAt) !== tzOffset(zone, endsAt)) {
    const start = eventDateTimeFormat(language, zone, 'range-with-zone').format(startsAt);
    const sameDay = utcToLocalDateTime(startsAt, zone).date === utcToLocalDateTime(endsAt, zone).date;
    const end = eventDateTimeFormat(language, zone, sameDay ? 'time-with-zone' : 'range-with-zone').format(endsAt);
    return `${start} – ${end}`;
  }
  return eventDateTimeFormat(language, zone, options.withZoneName ? 'range-with-zone' : 'range').formatRange(startsAt, endsAt);
}

/** Whether an event has begun; a started event no longer takes registrations and leaves the "upcoming" list. */
export const hasStarted = (event: { startsAt: Date }, now: Date = new Date()): boolean => now.getTime() >= event.startsAt.getTime();

export const hasEnded = (event: { endsAt: Date }, now: Date = new Date()): boolean => now.getTime() >= event.endsAt.getTime();

/**
 * Registration closes at the deadline the organiser set, and at the latest when the event starts (a deadline
 * set after the start does not keep it open).
 */
export function isRegistrationClosed(event: { startsAt: Date; registrationDeadline: Date | null }, now: Date = new Date()): boolean {
  const closesAt = Math.min(event.startsAt.getTime(), event.registrationDeadline?.getTime() ?? Number.POSITIVE_INFINITY);
  return now.getTime() >= closesAt;
}
