/** Where each kind of recommended instrument leads: within the town for the platform's features, as given for outside material. */
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_KINDS, type Instrument } from '#app/domain/selfcheck/questionnaire';
import { instrumentHref } from './selfcheck-links';

const texts = { key: 'x', title: { de: 'x' }, description: { de: 'x' } };

describe('instrumentHref', () => {
  it.each([
    ['forum', '/towns/hafenstadt'],
    ['shield', '/towns/hafenstadt/shield'],
    ['dialogue_event', '/towns/hafenstadt/events'],
    ['incident_log', '/towns/hafenstadt/incidents'],
    ['advice', '#advice'],
  ] as const)('%s leads to %s', (kind, href) => {
    expect(instrumentHref({ ...texts, kind } as Instrument, 'hafenstadt')).toBe(href);
  });

  it('outside material keeps its own https address, whatever the town', () => {
    const url = 'https://www.stark-im-amt.de/handlungsempfehlungen';
    expect(instrumentHref({ ...texts, kind: 'external', url }, 'lindenau')).toBe(url);
  });

  it('has a place for every kind a questionnaire may name', () => {
    for (const kind of INSTRUMENT_KINDS) {
      const instrument = (kind === 'external' ? { ...texts, kind, url: 'https://example.org/' } : { ...texts, kind }) as Instrument;
      expect(instrumentHref(instrument, 'a-town'), kind).toMatch(/^(\/towns\/a-town|#advice$|https:\/\/)/);
    }
  });
});
