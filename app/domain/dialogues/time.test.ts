import { describe, expect, it } from 'vitest';
import {
  assertEndsAfterStart,
  canonicalTimeZone,
  eventDateTimeFormat,
  formatEventRange,
  hasEnded,
  hasStarted,
  isRegistrationClosed,
  isValidTimeZone,
  localDateTimeToUtc,
  resolveLocalDateTime,
  timeZoneSchema,
  utcToLocalDateTime,
} from './time';

const BERLIN = 'Europe/Berlin';
const utc = (iso: string) => new Date(iso);

describe('time zone names', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['America/New_York', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Etc/GMT+1', 'Etc/GMT+1'],
  ])('accepts %s as %s', (zone, canonical) => {
    expect(canonicalTimeZone(zone)).toBe(canonical);
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', '+01:00', '-0500', '', 'Europe/Berlin; DROP', '../etc/passwd'])('refuses %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('has a schema that canonicalises and names the error key', () => {
    expect(timeZoneSchema.parse(' europe/berlin ')).toBe('Europe/Berlin');
    const result = timeZoneSchema.safeParse('Mars/Olympus_Mons');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('dialogues:errors.timeZoneInvalid');
  });

  it('refuses to convert in an unknown zone', () => {
    expect(() => localDateTimeToUtc({ date: '2026-05-01', time: '10:00' }, 'Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'invalid', i18nKey: 'dialogues:errors.timeZoneInvalid', field: 'timeZone' }),
    );
  });
});

describe('local wall clock to UTC in Europe/Berlin', () => {
  it.each([
    // winter (CET, +01:00) and summer (CEST, +02:00)
    ['2026-01-15', '18:00', '2026-01-15T17:00:00Z'],
    ['2026-07-01', '18:00', '2026-07-01T16:00:00Z'],
    // the spring changeover days: clocks jump from 02:00 to 03:00
    ['2026-03-29', '01:59', '2026-03-29T00:59:00Z'],
    ['2026-03-29', '03:00', '2026-03-29T01:00:00Z'],
    ['2027-03-28', '01:30', '2027-03-28T00:30:00Z'],
    ['2027-03-28', '03:30', '2027-03-28T01:30:00Z'],
    // the autumn changeover days, outside the repeated hour
    ['2026-10-25', '01:30', '2026-10-24T23:30:00Z'],
    ['2026-10-25', '03:30', '2026-10-25T02:30:00Z'],
    ['2027-10-31', '01:59', '2027-10-30T23:59:00Z'],
    ['2027-10-31', '03:00', '2027-10-31T02:00:00Z'],
    // midnight, and seconds as some browsers send them
    ['2026-12-31', '00:00', '2026-12-30T23:00:00Z'],
    ['2026-06-01', '09:15:00', '2026-06-01T07:15:00Z'],
  ])('%s %s is %s', (date, time, expected) => {
    expect(resolveLocalDateTime({ date, time }, BERLIN)).toEqual({ kind: 'unique', instant: utc(expected) });
    expect(localDateTimeToUtc({ date, time }, BERLIN).toISOString()).toBe(utc(expected).toISOString());
  });

  it.each([
    ['2026-03-29', '02:30'],
    ['2026-03-29', '02:00'],
    ['2026-03-29', '02:59'],
    ['2027-03-28', '02:30'],
  ])('refuses %s %s, which does not exist (clocks go forward), with a field error', (date, time) => {
    expect(resolveLocalDateTime({ date, time }, BERLIN)).toEqual({ kind: 'nonexistent' });
    expect(() => localDateTimeToUtc({ date, time }, BERLIN, 'startTime')).toThrow(
      expect.objectContaining({ code: 'invalid', i18nKey: 'dialogues:errors.timeDoesNotExist', field: 'startTime', params: { date, time } }),
    );
  });

  it.each([
    ['2026-10-25', '02:30', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'],
    ['2026-10-25', '02:00', '2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z'],
    ['2027-10-31', '02:30', '2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z'],
  ])('takes the first (summer-time) occurrence of the repeated %s %s', (date, time, earlier, later) => {
    expect(resolveLocalDateTime({ date, time }, BERLIN)).toEqual({ kind: 'ambiguous', instant: utc(earlier), later: utc(later) });
    expect(localDateTimeToUtc({ date, time }, BERLIN).toISOString()).toBe(utc(earlier).toISOString());
  });

  it.each([
    ['2026-02-30', '10:00'],
    ['2026-13-01', '10:00'],
    ['2026-03-29', '24:00'],
    ['2026-03-29', '10:60'],
    ['29.03.2026', '10:00'],
    ['2026-03-29', '10'],
    ['', ''],
  ])('refuses the malformed %j %j', (date, time) => {
    expect(resolveLocalDateTime({ date, time }, BERLIN)).toEqual({ kind: 'malformed' });
    expect(() => localDateTimeToUtc({ date, time }, BERLIN, 'endTime')).toThrow(
      expect.objectContaining({ code: 'invalid', i18nKey: 'dialogues:errors.dateTimeMalformed', field: 'endTime' }),
    );
  });
});

describe('other zones', () => {
  it.each([
    // New York changes on other days (second Sunday of March, first of November) and at its own 02:00.
    ['America/New_York', '2026-03-08', '02:30', { kind: 'nonexistent' }],
    ['America/New_York', '2026-03-29', '02:30', { kind: 'unique', instant: utc('2026-03-29T06:30:00Z') }],
    ['America/New_York', '2026-11-01', '01:30', { kind: 'ambiguous', instant: utc('2026-11-01T05:30:00Z'), later: utc('2026-11-01T06:30:00Z') }],
    // Berlin's changeover hour is an ordinary hour in Istanbul (no daylight saving) …
    ['Europe/Istanbul', '2026-03-29', '02:30', { kind: 'unique', instant: utc('2026-03-28T23:30:00Z') }],
    // … and in Sydney, on the other side of the world, October brings summer time.
    ['Australia/Sydney', '2026-10-04', '02:30', { kind: 'nonexistent' }],
    ['Australia/Sydney', '2026-04-05', '02:30', { kind: 'ambiguous', instant: utc('2026-04-04T15:30:00Z'), later: utc('2026-04-04T16:30:00Z') }],
    ['UTC', '2026-03-29', '02:30', { kind: 'unique', instant: utc('2026-03-29T02:30:00Z') }],
  ])('%s %s %s', (zone, date, time, expected) => {
    expect(resolveLocalDateTime({ date, time }, zone)).toEqual(expected);
  });
});

describe('UTC to local fields', () => {
  it.each([
    ['2026-03-29T00:59:00Z', BERLIN, '2026-03-29', '01:59'],
    ['2026-03-29T01:00:00Z', BERLIN, '2026-03-29', '03:00'],
    ['2026-10-25T00:30:00Z', BERLIN, '2026-10-25', '02:30'],
    ['2026-10-25T01:30:00Z', BERLIN, '2026-10-25', '02:30'],
    ['2027-10-30T23:59:00Z', BERLIN, '2027-10-31', '01:59'],
    ['2026-12-31T23:30:00Z', BERLIN, '2027-01-01', '00:30'],
    ['2026-07-01T16:00:00Z', 'America/New_York', '2026-07-01', '12:00'],
  ])('%s in %s reads %s %s', (instant, zone, date, time) => {
    expect(utcToLocalDateTime(utc(instant), zone)).toEqual({ date, time });
  });

  it('round-trips every quarter hour across both 2026 changeover days', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      const start = localDateTimeToUtc({ date: day, time: '00:00' }, BERLIN).getTime();
      for (let t = start; t < start + 25 * 3_600_000; t += 15 * 60_000) {
        const local = utcToLocalDateTime(new Date(t), BERLIN);
        const back = resolveLocalDateTime(local, BERLIN);
        const candidates = back.kind === 'unique' ? [back.instant] : back.kind === 'ambiguous' ? [back.instant, back.later] : [];
        expect(candidates.map((instant) => instant.getTime())).toContain(t);
      }
    }
  });
});

/** Formatted text in Western digits, so a test can look for the wall-clock time whatever the language's digits. */
const westernDigits = (text: string) =>
  text.replace(/[٠-٩۰-۹]/g, (digit) => String((digit.charCodeAt(0) - (digit >= '۰' ? 0x06f0 : 0x0660)) % 10));

describe('formatting a range for display', () => {
  it.each([
    ['de', '2026-05-06T16:00:00Z', '2026-05-06T18:00:00Z', ['18:00', '20:00', 'Mai', '2026']],
    // 12- or 24-hour clock is the language's choice: 18:00 may read 6:00 (with the language's "pm").
    ['en', '2026-05-06T16:00:00Z', '2026-05-06T18:00:00Z', [/\b(18|6):00/, /\b(20|8):00/, 'May']],
    ['ar', '2026-05-06T16:00:00Z', '2026-05-06T18:00:00Z', [/\b(18|6):00/, /\b(20|8):00/, '2026']],
    ['fa', '2026-05-06T16:00:00Z', '2026-05-06T18:00:00Z', [/\b(18|6):00/, /\b(20|8):00/, '2026']],
    // on the autumn changeover day, both occurrences of 02:30: the summer-time one …
    ['de', '2026-10-25T00:30:00Z', '2026-10-25T08:00:00Z', ['02:30', 'MESZ', '09:00', 'MEZ']],
    // … and a winter evening
    ['de', '2026-12-01T17:00:00Z', '2026-12-01T19:00:00Z', ['18:00', '20:00', 'Dezember']],
  ])('in %s, %s – %s', (language, start, end, fragments) => {
    const text = westernDigits(formatEventRange(utc(start), utc(end), language, BERLIN));
    for (const fragment of fragments) expect(text).toMatch(fragment);
  });

  it('uses the Gregorian calendar in Persian, not the Solar Hijri one', () => {
    const text = westernDigits(formatEventRange(utc('2026-05-06T16:00:00Z'), utc('2026-05-06T18:00:00Z'), 'fa', BERLIN));
    expect(text).toContain('2026');
    expect(text).not.toContain('1405');
  });

  it('names both offsets when an event spans the spring change (01:30 MEZ to 03:30 MESZ is one hour)', () => {
    const text = formatEventRange(utc('2026-03-29T00:30:00Z'), utc('2026-03-29T01:30:00Z'), 'de', BERLIN);
    expect(text).toMatch(/01:30 MEZ – 03:30 MESZ$/);
    expect(text).toContain('29. März 2026');
  });

  it('names both offsets when an event spans the autumn change', () => {
    const text = formatEventRange(utc('2027-10-30T22:00:00Z'), utc('2027-10-31T03:00:00Z'), 'de', BERLIN);
    expect(text).toMatch(/31\. Oktober 2027\D+00:00 MESZ – 04:00 MEZ$/);
  });

  it('writes the date of each end when a spanning event runs past midnight', () => {
    const text = formatEventRange(utc('2026-03-28T22:00:00Z'), utc('2026-03-29T02:00:00Z'), 'de', BERLIN);
    expect(text).toMatch(/^Samstag, 28\. März 2026\D+23:00 MEZ – Sonntag, 29\. März 2026\D+04:00 MESZ$/);
  });

  it('shows another zone on its own wall clock', () => {
    const text = formatEventRange(utc('2026-07-01T16:00:00Z'), utc('2026-07-01T17:30:00Z'), 'de', 'America/New_York', { withZoneName: true });
    expect(text).toContain('12:00');
    expect(text).toContain('13:30');
    expect(text).toMatch(/GMT-4|EDT|Nordamerikanische/);
  });

  it('builds one formatter per language, zone and variant and reuses it', () => {
    expect(eventDateTimeFormat('de', BERLIN)).toBe(eventDateTimeFormat('de', BERLIN));
    expect(eventDateTimeFormat('de', BERLIN)).not.toBe(eventDateTimeFormat('fa', BERLIN));
    expect(eventDateTimeFormat('de', BERLIN)).not.toBe(eventDateTimeFormat('de', 'America/New_York'));
  });
});

describe('past and registration deadline', () => {
  const event = { startsAt: utc('2026-05-06T16:00:00Z'), endsAt: utc('2026-05-06T18:00:00Z') };

  it.each([
    ['before', '2026-05-06T15:59:59Z', false, false],
    ['at the start', '2026-05-06T16:00:00Z', true, false],
    ['during', '2026-05-06T17:00:00Z', true, false],
    ['at the end', '2026-05-06T18:00:00Z', true, true],
  ])('%s', (_name, now, started, ended) => {
    expect(hasStarted(event, utc(now))).toBe(started);
    expect(hasEnded(event, utc(now))).toBe(ended);
  });

  it.each([
    ['no deadline, before the start', null, '2026-05-06T15:59:00Z', false],
    ['no deadline, at the start', null, '2026-05-06T16:00:00Z', true],
    ['before the deadline', '2026-05-04T22:00:00Z', '2026-05-04T21:59:00Z', false],
    ['at the deadline', '2026-05-04T22:00:00Z', '2026-05-04T22:00:00Z', true],
    ['a deadline after the start does not keep it open', '2026-05-07T00:00:00Z', '2026-05-06T16:30:00Z', true],
  ])('%s', (_name, deadline, now, closed) => {
    expect(isRegistrationClosed({ ...event, registrationDeadline: deadline ? utc(deadline) : null }, utc(now))).toBe(closed);
  });

  it('wants the end after the start', () => {
    expect(() => assertEndsAfterStart(event.startsAt, event.endsAt)).not.toThrow();
    expect(() => assertEndsAfterStart(event.startsAt, event.startsAt)).toThrow(
      expect.objectContaining({ code: 'invalid', i18nKey: 'dialogues:errors.endBeforeStart', field: 'endTime' }),
    );
  });
});
