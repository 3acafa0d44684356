import { describe, expect, it } from 'vitest';
import { buildVtimezone, zoneTransitions } from './vtimezone';

describe('zoneTransitions', () => {
  it('finds the 2026 and 2027 changes of Europe/Berlin to the minute', () => {
    expect(zoneTransitions('Europe/Berlin', new Date('2026-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z'))).toEqual([
      { at: new Date('2026-03-29T01:00:00Z'), offsetFrom: 60, offsetTo: 120 },
      { at: new Date('2026-10-25T01:00:00Z'), offsetFrom: 120, offsetTo: 60 },
      { at: new Date('2027-03-28T01:00:00Z'), offsetFrom: 60, offsetTo: 120 },
      { at: new Date('2027-10-31T01:00:00Z'), offsetFrom: 120, offsetTo: 60 },
    ]);
  });

  it('finds a half-hour change at a half-hour instant (Lord Howe Island)', () => {
    expect(zoneTransitions('Australia/Lord_Howe', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([
      { at: new Date('2026-04-04T15:00:00Z'), offsetFrom: 660, offsetTo: 630 },
      { at: new Date('2026-10-03T15:30:00Z'), offsetFrom: 630, offsetTo: 660 },
    ]);
  });
});

describe('buildVtimezone', () => {
  it('writes Europe/Berlin as its two yearly rules after an anchor', () => {
    expect(buildVtimezone('Europe/Berlin', { from: new Date('2026-05-06T16:00:00Z'), to: new Date('2026-05-06T18:00:00Z') }).split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Berlin',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0100',
      'TZNAME:CET',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20250330T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'TZNAME:CEST',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:20251026T030000',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'TZNAME:CET',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('writes a half-hour zone with its half-hour offsets', () => {
    const block = buildVtimezone('Australia/Lord_Howe', { from: new Date('2026-05-06T00:00:00Z'), to: new Date('2026-05-06T02:00:00Z') });
    expect(block).toContain('DTSTART:20251005T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\nTZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100');
    expect(block).toContain('RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030');
  });

  it('refuses an unknown zone, which would otherwise be read as all-NaN offsets', () => {
    expect(() => buildVtimezone('Mars/Olympus_Mons', { from: new Date(), to: new Date() })).toThrow('Unknown time zone');
  });
});
