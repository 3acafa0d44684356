/**
 * An RFC 5545 VTIMEZONE built from the runtime's own zone data (through @date-fns/tz), for the `.ics` files:
 * ical-generator 10 writes `DTSTART;TZID=…` but needs a generator for the matching VTIMEZONE, and none is
 * installed. Without it, clients that do not know the IANA name (and every client, for the instant of a time
 * written with TZID) have to guess the offset.
 *
 * Where the zone follows one yearly rule through the window (Europe/Berlin: forward on the last Sunday of March
 * at 02:00, back on the last Sunday of October at 03:00) the rule is written as an RRULE, which is what
 * Outlook, Apple and Google all read. Where it does not (a rule changed, daylight saving ended, irregular
 * dates), every transition in the window is written out on its own: always correct, merely longer.
 */
import { tzOffset } from '@date-fns/tz';
import { isValidTimeZone } from './time';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

export interface ZoneTransition {
  /** The first instant with the new offset. */
  at: Date;
  offsetFrom: number;
  offsetTo: number;
}

/**
 * Every offset change in `zone` within [start, end), to the minute. Scans day by day (no real zone changes
 * twice in a day) and bisects the day that changed.
 */
export function zoneTransitions(zone: string, start: Date, end: Date): ZoneTransition[] {
  const transitions: ZoneTransition[] = [];
  let previous = tzOffset(zone, start);
  for (let day = start.getTime(); day < end.getTime(); day += DAY) {
    const next = Math.min(day + DAY, end.getTime());
    const offset = tzOffset(zone, new Date(next));
    if (offset === previous) continue;
    let low = day; // still the old offset
    let high = next; // already the new offset
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (tzOffset(zone, new Date(middle)) === previous) low = middle;
      else high = middle;
    }
    transitions.push({ at: new Date(high), offsetFrom: previous, offsetTo: offset });
    previous = offset;
  }
  return transitions;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `+0100`, `-0430`: the UTC-OFFSET form of RFC 5545 §3.3.14. */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

/** The wall clock as `YYYYMMDDTHHMMSS` from milliseconds "as if UTC". */
function formatLocal(wallMillis: number): string {
  const d = new Date(wallMillis);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

interface Onset extends ZoneTransition {
  kind: 'DAYLIGHT' | 'STANDARD';
  /** Local wall clock at onset, read with the old offset (RFC 5545 §3.6.5: DTSTART is in the prior offset). */
  wall: Date;
}

/** `-1SU` (last Sunday) or `2SU` (second Sunday) for the onset's day, if it has that form; null otherwise. */
function yearlyRule(onsets: Onset[]): string | null {
  const first = onsets[0];
  const weekday = first.wall.getUTCDay();
  const month = first.wall.getUTCMonth();
  const clock = first.wall.getTime() % DAY;
  const years = onsets.map((onset) => onset.wall.getUTCFullYear());
  const sameShape = onsets.every(
    (onset, index) =>
      onset.wall.getUTCDay() === weekday &&
      onset.wall.getUTCMonth() === month &&
      onset.wall.getTime() % DAY === clock &&
      onset.offsetFrom === first.offsetFrom &&
      onset.offsetTo === first.offsetTo &&
      years[index] === years[0] + index,
  );
  if (!sameShape) return null;
  const daysInMonth = (onset: Onset) => new Date(Date.UTC(onset.wall.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const isLast = onsets.every((onset) => onset.wall.getUTCDate() + 7 > daysInMonth(onset));
  const nth = Math.ceil(first.wall.getUTCDate() / 7);
  const isNth = onsets.every((onset) => Math.ceil(onset.wall.getUTCDate() / 7) === nth);
  if (!isLast && !isNth) return null;
  return `FREQ=YEARLY;BYMONTH=${month + 1};BYDAY=${isLast ? '-1' : nth}${WEEKDAYS[weekday]}`;
}

/** A short name such as CET/CEST where the runtime knows one; "GMT+2" and the like are left out. */
function abbreviation(zone: string, instant: Date): string | null {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name && /^[A-Z]{2,5}$/.test(name) && !/^(GMT|UTC)$/.test(name) ? name : null;
}

function component(onset: Pick<Onset, 'kind' | 'offsetFrom' | 'offsetTo'>, dtstart: string, zoneName: string | null, rrule: string | null): string[] {
  return [
    `BEGIN:${onset.kind}`,
    `DTSTART:${dtstart}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    `TZOFFSETFROM:${formatOffset(onset.offsetFrom)}`,
    `TZOFFSETTO:${formatOffset(onset.offsetTo)}`,
    ...(zoneName ? [`TZNAME:${zoneName}`] : []),
    `END:${onset.kind}`,
  ];
}

export interface VtimezoneWindow {
  /** The earliest instant the calendar's times need (its first event's start). */
  from: Date;
  /** The latest (its last event's end). */
  to: Date;
}

// Feeds are built on every poll; the zone data does not change while the process runs.
const cache = new Map<string, string>();

/**
 * The VTIMEZONE block (CRLF line ends) for `zone`, exact for the whole years from one before `window.from`
 * to one after `window.to` (a rule found there is written to repeat beyond). Times before the window get its
 * first offset.
 */
export function buildVtimezone(zone: string, window: VtimezoneWindow): string {
  // Zones come validated from the database; an unknown one here is a bug, and tzOffset would answer NaN.
  if (!isValidTimeZone(zone)) throw new Error(`Unknown time zone: ${zone}`);
  const firstYear = window.from.getUTCFullYear() - 1;
  const lastYear = window.to.getUTCFullYear() + 1;
  const key = `${zone}\u0000${firstYear}\u0000${lastYear}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const start = new Date(Date.UTC(firstYear, 0, 1));
  const end = new Date(Date.UTC(lastYear + 1, 0, 1));
  const onsets: Onset[] = zoneTransitions(zone, start, end).map((transition) => ({
    ...transition,
    kind: transition.offsetTo > transition.offsetFrom ? 'DAYLIGHT' : 'STANDARD',
    wall: new Date(transition.at.getTime() + transition.offsetFrom * MINUTE),
  }));

  // An anchor with the offset in force at the window's start: libical and ical.js (Thunderbird, Evolution)
  // give UTC+0 to any time before a zone's first component, and the first change may be months in.
  const initial = tzOffset(zone, start);
  const anchorKind = onsets[0]?.kind === 'STANDARD' ? 'DAYLIGHT' : 'STANDARD';
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  lines.push(...component({ kind: anchorKind, offsetFrom: initial, offsetTo: initial }, '19700101T000000', abbreviation(zone, start), null));
  if (onsets.length > 0) {
    const groups = (['DAYLIGHT', 'STANDARD'] as const).map((kind) => onsets.filter((onset) => onset.kind === kind));
    // A rule holds only if it runs to the window's end: a zone that stopped changing must not repeat forever.
    const rules = groups.map((group) => (group.length > 0 && group[group.length - 1].wall.getUTCFullYear() === lastYear ? yearlyRule(group) : null));
    if (groups.every((group, index) => group.length === 0 || rules[index] !== null)) {
      groups.forEach((group, index) => {
        if (group.length > 0) lines.push(...component(group[0], formatLocal(group[0].wall.getTime()), abbreviation(zone, group[0].at), rules[index]));
      });
    } else {
      for (const onset of onsets) lines.push(...component(onset, formatLocal(onset.wall.getTime()), abbreviation(zone, onset.at), null));
    }
  }
  lines.push('END:VTIMEZONE');
  const block = lines.join('\r\n');
  cache.set(key, block);
  return block;
}
