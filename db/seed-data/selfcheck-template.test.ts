import { describe, expect, it } from 'vitest';
import { localised, PLATFORM_FEATURES, questionnaireTemplateSchema, type LocalisedText } from '../../app/domain/selfcheck/questionnaire';
import { assessNeedForAction, scoreRound, type AnswerValue } from '../../app/domain/selfcheck/scoring';
import { weltoffeneKommuneTemplate as template } from './selfcheck-template';

const questions = template.dimensions.flatMap((d) => d.questions);
const instruments = template.dimensions.flatMap((d) => d.instruments);

/** Every per-language text in the template, found by shape, so a new field cannot slip through untranslated. */
function localisedTexts(value: unknown, path = ''): [string, LocalisedText][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => localisedTexts(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    if ('de' in value) return [[path, value as LocalisedText]];
    return Object.entries(value).flatMap(([key, item]) => localisedTexts(item, `${path}.${key}`));
  }
  return [];
}

describe('the demo questionnaire "Weltoffene Kommune"', () => {
  it('validates against the template schema', () => {
    const result = questionnaireTemplateSchema.safeParse(template);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('has the five dimensions, in order', () => {
    expect(template.dimensions.map((d) => d.title.de)).toEqual([
      'Führung und Strategie',
      'Verwaltung und Dienstleistungen',
      'Dialog und Beteiligung',
      'Schutz vor Anfeindungen',
      'Zusammenarbeit mit der Zivilgesellschaft',
    ]);
  });

  it.each(template.dimensions.map((d) => [d.key, d] as const))('%s has 4–6 questions and 2–4 instruments', (_key, dimension) => {
    expect(dimension.questions.length).toBeGreaterThanOrEqual(4);
    expect(dimension.questions.length).toBeLessThanOrEqual(6);
    expect(dimension.instruments.length).toBeGreaterThanOrEqual(2);
    expect(dimension.instruments.length).toBeLessThanOrEqual(4);
  });

  it('is written in German and English throughout', () => {
    const missing = localisedTexts(template).filter(([, text]) => !text.de?.trim() || !text.en?.trim());
    expect(missing.map(([path]) => path)).toEqual([]);
  });

  it('asks questions and guides every one of them', () => {
    for (const question of questions) {
      expect(question.text.de, question.key).toMatch(/\?$/);
      expect(question.text.en, question.key).toMatch(/\?$/);
      expect(question.guidance.de.length, question.key).toBeGreaterThan(60);
    }
  });

  it('allows "not applicable" only where the guidance says when to choose it', () => {
    for (const question of questions) {
      expect(question.guidance.de.includes('nicht zutreffend'), question.key).toBe(question.allowsNotApplicable);
    }
  });

  it('points to every platform feature somewhere, and to outside material over https', () => {
    expect(new Set(instruments.map((i) => i.kind))).toEqual(new Set([...PLATFORM_FEATURES, 'external']));
    const hosts = instruments.flatMap((i) => (i.kind === 'external' ? [new URL(i.url).host] : []));
    expect(hosts).toEqual(expect.arrayContaining(['www.stark-im-amt.de', 'hateaid.org']));
  });

  it('falls back to German for languages not yet translated', () => {
    expect(localised(template.dimensions[3].title, 'tr')).toBe('Schutz vor Anfeindungen');
    expect(localised(template.dimensions[3].title, 'en')).toBe('Protection against hostility');
  });

  it('scores like any template: mixed scales, n/a and a need for action', () => {
    // One respondent at the top everywhere, one at the bottom with n/a wherever allowed.
    const top = Object.fromEntries(questions.map((q) => [q.key, q.scale.points.at(-1)!.value] as [string, AnswerValue]));
    const bottom = Object.fromEntries(questions.map((q) => [q.key, q.allowsNotApplicable ? 'not_applicable' : q.scale.points[0].value] as [string, AnswerValue]));
    const scores = scoreRound(template, [
      { respondentId: 'a', answers: top },
      { respondentId: 'b', answers: bottom },
    ]);
    expect(scores.dimensions.every((d) => d.score !== null && d.score >= 50 && d.spread !== null)).toBe(true);
    const weakest = assessNeedForAction(template, scoreRound(template, [{ respondentId: 'b', answers: bottom }]));
    expect(weakest.needs).toHaveLength(5);
    expect(weakest.needs.every((n) => n.score === 0 && n.rank === 1 && n.tiedWith.length === 4 && n.instruments.length >= 2)).toBe(true);
  });
});
