import { tzOffset } from '@date-fns/tz';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventIcs, networkFeedIcs, townFeedIcs, type CalendarEventInput } from './calendar.server';
import { localDateTimeToUtc, resolveLocalDateTime, utcToLocalDateTime } from './time';

const HOST = 'weltoffen.example';
const BERLIN = 'Europe/Berlin';
const JOIN_URL = 'https://meet.example/room/4711-secret';

const berlin = (date: string, time: string) => localDateTimeToUtc({ date, time }, BERLIN);

function calendarEvent(overrides: Partial<CalendarEventInput> = {}): CalendarEventInput {
  return {
    id: 42,
    sequence: 0,
    createdAt: new Date('2026-01-10T09:00:00Z'),
    updatedAt: new Date('2026-02-01T10:00:00Z'),
    startsAt: berlin('2026-05-06', '18:00'),
    endsAt: berlin('2026-05-06', '20:00'),
    timeZone: BERLIN,
    title: 'Bürgerdialog: Zukunft des Stadtparks; Ideen, Fragen',
    description: 'Wir sprechen über den Stadtpark.\nAlle sind willkommen.',
    pageUrl: 'https://weltoffen.example/musterstadt/veranstaltungen/42',
    cancelled: false,
    category: 'Bürgerdialog',
    venue: { name: 'Rathaus, Großer Saal', address: 'Markt 1, 12345 Musterstadt', geo: { lat: 52.52, lon: 13.405 } },
    online: null,
    ...overrides,
  };
}

/** Parses with ical.js, which resolves TZID through the file's own VTIMEZONE (it has no zone database). */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events };
}

// The transitions of 2026 and 2027 in Europe/Berlin, and events on, around and across them, with the zone
// each is written in: the town's, or UTC for one touching the repeated autumn hour.
const changeoverEvents: [string, Date, Date, string][] = [
  ['the night of the spring change 2026, across it', new Date('2026-03-29T00:30:00Z'), new Date('2026-03-29T01:30:00Z'), BERLIN],
  ['the day of the spring change 2026', berlin('2026-03-29', '10:00'), berlin('2026-03-29', '12:00'), BERLIN],
  ['the repeated 02:30 of the autumn change 2026 (first occurrence)', berlin('2026-10-25', '02:30'), berlin('2026-10-25', '04:00'), 'UTC'],
  ['the evening before the autumn change 2026, across it', berlin('2026-10-24', '22:00'), berlin('2026-10-25', '03:30'), BERLIN],
  ['the night of the autumn change 2026, ending in the repeated hour', berlin('2026-10-25', '00:00'), berlin('2026-10-25', '02:15'), 'UTC'],
  ['the spring change 2027, across it', berlin('2027-03-28', '01:00'), berlin('2027-03-28', '04:00'), BERLIN],
  ['the repeated 02:30 of the autumn change 2027', berlin('2027-10-31', '02:30'), berlin('2027-10-31', '03:30'), 'UTC'],
  ['a winter evening', berlin('2026-12-03', '19:00'), berlin('2026-12-03', '21:00'), BERLIN],
  ['a summer evening', berlin('2027-07-01', '19:00'), berlin('2027-07-01', '21:00'), BERLIN],
];

describe('a single event', () => {
  it('carries UID, SEQUENCE, DTSTAMP, text, place, URL and status', () => {
    const ics = eventIcs(calendarEvent({ sequence: 3 }), 'public', { host: HOST });
    const [event] = parse(ics).events;
    const vevent = event.component;
    expect(event.uid).toBe(`event-42@${HOST}`);
    expect(event.sequence).toBe(3);
    expect(vevent.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-02-01T10:00:00Z');
    expect(vevent.getFirstPropertyValue('last-modified')?.toString()).toBe('2026-02-01T10:00:00Z');
    expect(event.summary).toBe('Bürgerdialog: Zukunft des Stadtparks; Ideen, Fragen');
    expect(event.description).toBe('Wir sprechen über den Stadtpark.\nAlle sind willkommen.');
    expect(event.location).toBe('Rathaus, Großer Saal\nMarkt 1, 12345 Musterstadt');
    expect(vevent.getFirstPropertyValue('geo')).toEqual([52.52, 13.405]);
    expect(vevent.getFirstPropertyValue('url')).toBe('https://weltoffen.example/musterstadt/veranstaltungen/42');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('categories')).toBe('Bürgerdialog');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20260506T180000');
  });

  it('marks a cancelled event CANCELLED', () => {
    const [event] = parse(eventIcs(calendarEvent({ cancelled: true, sequence: 4 }), 'public', { host: HOST })).events;
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.sequence).toBe(4);
  });

  it('keeps a venue without a name as its address only', () => {
    const [event] = parse(eventIcs(calendarEvent({ venue: { address: 'Markt 1, 12345 Musterstadt' } }), 'public', { host: HOST })).events;
    expect(event.location).toBe('Markt 1, 12345 Musterstadt');
    expect(event.component.getFirstPropertyValue('geo')).toBeNull();
  });

  it.each(changeoverEvents)('keeps the instants and the zone of %s', (_name, startsAt, endsAt, zone) => {
    const [event] = parse(eventIcs(calendarEvent({ startsAt, endsAt }), 'public', { host: HOST })).events;
    expect(event.startDate.zone?.tzid).toBe(zone);
    expect(event.endDate.zone?.tzid).toBe(zone);
    expect(event.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(endsAt.toISOString());
  });

  it('writes an event in the repeated autumn hour in UTC, which no reader can take for the other occurrence', () => {
    const ics = eventIcs(calendarEvent({ startsAt: berlin('2026-10-25', '02:30'), endsAt: berlin('2026-10-25', '04:00') }), 'public', { host: HOST });
    expect(ics).toContain('DTSTART:20261025T003000Z');
    expect(ics).toContain('DTEND:20261025T030000Z');
    expect(ics).not.toContain('TZID=');
    // What it guards against: ical.js (like libical) reads the local form as the second, winter-time 02:30.
    const local = ICAL.Time.fromDateTimeString('2026-10-25T02:30:00');
    local.zone = parse(eventIcs(calendarEvent(), 'public', { host: HOST })).calendar.getTimeZoneByID(BERLIN);
    expect(local.toJSDate().toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('the online join link', () => {
  const hybrid = calendarEvent({ online: { joinUrl: JOIN_URL, label: 'Online teilnehmen:' } });
  const onlineOnly = calendarEvent({ venue: null, online: { joinUrl: JOIN_URL, label: 'Online teilnehmen:' } });

  it('is in a registered person’s copy, in the description (and as the place of an online-only event)', () => {
    const [hybridEvent] = parse(eventIcs(hybrid, 'registrant', { host: HOST })).events;
    expect(hybridEvent.description).toBe(`Wir sprechen über den Stadtpark.\nAlle sind willkommen.\n\nOnline teilnehmen: ${JOIN_URL}`);
    expect(hybridEvent.location).toBe('Rathaus, Großer Saal\nMarkt 1, 12345 Musterstadt');
    const [onlineEvent] = parse(eventIcs(onlineOnly, 'registrant', { host: HOST })).events;
    expect(onlineEvent.location).toBe(JOIN_URL);
  });

  it.each([
    ['a public single event (hybrid)', () => eventIcs(hybrid, 'public', { host: HOST })],
    ['a public single event (online only)', () => eventIcs(onlineOnly, 'public', { host: HOST })],
    ['a town feed', () => townFeedIcs({ timeZone: BERLIN }, [hybrid, onlineOnly], { host: HOST, name: 'Musterstadt' })],
    ['the network feed', () => networkFeedIcs([hybrid, onlineOnly], { host: HOST, name: 'Weltoffen' })],
  ])('is absent from %s', (_name, build) => {
    const ics = build();
    // Unfolded, so a link split across a folded line is still found.
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).not.toContain('meet.example');
    expect(unfolded).not.toContain('4711-secret');
    for (const event of parse(ics).events) expect(event.description).toBe('Wir sprechen über den Stadtpark.\nAlle sind willkommen.');
  });
});

describe('feeds', () => {
  const events = changeoverEvents.map(([title, startsAt, endsAt], index) => calendarEvent({ id: index + 1, title, startsAt, endsAt }));

  it('a town feed has its name, zone, refresh interval, one VTIMEZONE and every event at its instants', () => {
    const ics = townFeedIcs({ timeZone: BERLIN }, [...events, calendarEvent({ id: 99, cancelled: true })], {
      host: HOST,
      name: 'Veranstaltungen in Musterstadt',
      url: 'https://weltoffen.example/musterstadt/veranstaltungen',
    });
    const { calendar, events: parsed } = parse(ics);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Veranstaltungen in Musterstadt');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe(BERLIN);
    expect(calendar.getFirstPropertyValue('refresh-interval')?.toString()).toBe('PT1H');
    expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([BERLIN]);
    expect(parsed.map((event) => event.uid)).toEqual([...events.map((event) => `event-${event.id}@${HOST}`), `event-99@${HOST}`]);
    for (const [index, event] of events.entries()) {
      expect(parsed[index].startDate.toJSDate().toISOString()).toBe(event.startsAt.toISOString());
      expect(parsed[index].endDate.toJSDate().toISOString()).toBe(event.endsAt.toISOString());
    }
    expect(parsed.at(-1)?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('the network feed gives each town’s event its own zone', () => {
    const newYork = calendarEvent({
      id: 7,
      timeZone: 'America/New_York',
      startsAt: localDateTimeToUtc({ date: '2026-03-20', time: '18:00' }, 'America/New_York'),
      endsAt: localDateTimeToUtc({ date: '2026-03-20', time: '19:30' }, 'America/New_York'),
    });
    const ics = networkFeedIcs([events[0], newYork], { host: HOST, name: 'Weltoffen' });
    const { calendar, events: parsed } = parse(ics);
    expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([BERLIN, 'America/New_York']);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBeNull();
    expect(ics).toContain('DTSTART;TZID=America/New_York:20260320T180000');
    expect(parsed[1].startDate.zone?.tzid).toBe('America/New_York');
    expect(parsed[1].startDate.toJSDate().toISOString()).toBe('2026-03-20T22:00:00.000Z');
    expect(parsed[0].startDate.toJSDate().toISOString()).toBe(events[0].startsAt.toISOString());
  });

  it('an empty feed is still a valid calendar with the town’s zone', () => {
    const { calendar, events: parsed } = parse(townFeedIcs({ timeZone: BERLIN }, [], { host: HOST, name: 'Musterstadt' }));
    expect(parsed).toEqual([]);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe(BERLIN);
  });
});

describe('the VTIMEZONE agrees with the zone data', () => {
  /** The zone as ical.js reads it from the generated VTIMEZONE of a file with one event in `year`. */
  function readZone(zone: string, year: number) {
    const startsAt = new Date(Date.UTC(year, 5, 1, 12));
    const ics = eventIcs(calendarEvent({ timeZone: zone, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) }), 'public', { host: HOST });
    return { ics, timezone: parse(ics).calendar.getTimeZoneByID(zone) };
  }

  it.each([
    [BERLIN, 2026, /RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU[\s\S]*RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU/],
    ['America/New_York', 2026, /RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU[\s\S]*RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU/],
    ['Australia/Sydney', 2027, /RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU[\s\S]*RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU/],
    ['Asia/Tokyo', 2026, /BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:\+0900\r\nTZOFFSETTO:\+0900/],
    // Mexico ended daylight saving in October 2022: no yearly rule may run on, so each change is listed.
    ['America/Mexico_City', 2023, /DTSTART:20220403T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500[\s\S]*DTSTART:20221030T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600/],
  ])('%s around %i, hour by hour over three years', (zone, year, shape) => {
    const { ics, timezone } = readZone(zone, year);
    expect(ics).toMatch(shape);
    if (zone === 'America/Mexico_City') expect(ics).not.toContain('RRULE');
    // A client reads DTSTART;TZID as a wall clock and asks the VTIMEZONE for its instant: do that for the wall
    // clock of every hour, and compare with the runtime's zone data (either occurrence of a repeated hour).
    const wrong: string[] = [];
    for (let t = Date.UTC(year - 1, 0, 1); t < Date.UTC(year + 2, 0, 1); t += 3_600_000) {
      const local = utcToLocalDateTime(new Date(t), zone);
      const resolution = resolveLocalDateTime(local, zone);
      const candidates = resolution.kind === 'unique' ? [resolution.instant] : resolution.kind === 'ambiguous' ? [resolution.instant, resolution.later] : [];
      const read = ICAL.Time.fromDateTimeString(`${local.date}T${local.time}:00`);
      read.zone = timezone;
      const instant = read.toJSDate().getTime();
      if (!candidates.some((candidate) => candidate.getTime() === instant)) wrong.push(`${local.date} ${local.time} read as ${new Date(instant).toISOString()}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reads every wall-clock quarter hour of the Berlin changeover days as time.ts resolves it, but the repeated hour', () => {
    const { timezone } = readZone(BERLIN, 2026);
    for (const date of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const resolution = resolveLocalDateTime({ date, time }, BERLIN);
        // A non-existent time is refused before it reaches a calendar; a repeated one is written in UTC.
        if (resolution.kind !== 'unique') continue;
        const read = ICAL.Time.fromDateTimeString(`${date}T${time}:00`);
        read.zone = timezone;
        expect(read.toJSDate().toISOString(), `${date} ${time}`).toBe(resolution.instant.toISOString());
      }
    }
  });
});
