/**
 * The server's translations remember words asked for without values (i18n.server.ts): what a page gets must be
 * exactly what i18next gives, per namespace and language, and words with values must still take them.
 */
import { describe, expect, it } from 'vitest';
import { getFixedT, i18nFor } from './i18n.server';

describe('server translations', () => {
  it('keep one word per namespace and language, asked again and again', () => {
    const events = getFixedT('de', 'dialogues');
    const incidents = getFixedT('de', 'incidents');
    for (let round = 0; round < 3; round++) {
      expect(events('errors.notFound')).toBe('Diese Veranstaltung gibt es nicht.');
      expect(incidents('errors.notFound')).toBe('Diesen Vorfall gibt es nicht.');
      expect(getFixedT('de', ['moderation', 'dialogues'])('nav')).toBe('Moderation');
      expect(getFixedT('de', ['dialogues', 'moderation'])('nav')).toBe('Veranstaltungen');
      expect(getFixedT('en', 'dialogues')('errors.notFound')).not.toBe('Diese Veranstaltung gibt es nicht.');
      expect(events('incidents:errors.notFound')).toBe('Diesen Vorfall gibt es nicht.');
    }
  });

  it('still fill in values, counts and defaults after the same word was asked for plainly', () => {
    const t = getFixedT('de', 'forums');
    expect(t('live.readers', { count: 1 })).toBe('1 Person liest gerade');
    expect(t('live.readers', { count: 3 })).toBe('3 Personen lesen gerade');
    const events = getFixedT('de', 'dialogues');
    expect(events('list.pageTitle')).toBe('Veranstaltungen in {{town}}');
    expect(events('list.pageTitle', { town: 'Lindenau' })).toBe('Veranstaltungen in Lindenau');
    expect(events('no.such.word', 'A default')).toBe('A default');
    expect(events('no.such.word')).toBe('no.such.word');
    // Another language asked through one instance is that language's word, not the remembered one.
    expect(i18nFor('de').t('errors.notFound', { ns: 'dialogues', lng: 'en' })).toBe(getFixedT('en', 'dialogues')('errors.notFound'));
  });
});
