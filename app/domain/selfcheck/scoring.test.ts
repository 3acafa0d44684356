import { describe, expect, it } from 'vitest';
import { questionnaireTemplateSchema, type QuestionnaireTemplate } from './questionnaire';
import {
  assessNeedForAction,
  compareRounds,
  dimensionHistory,
  normaliseAnswer,
  scoreRound,
  type AnswerValue,
  type DimensionScore,
  type RoundScores,
} from './scoring';

const scale = (...values: number[]) => ({ points: values.map((value) => ({ value, label: { de: String(value) } })) });
const oneToFive = scale(1, 2, 3, 4, 5);
const noPartlyYes = scale(0, 1, 2);
const question = (key: string, questionScale = oneToFive, allowsNotApplicable = true) => ({
  key,
  text: { de: key },
  guidance: { de: key },
  scale: questionScale,
  allowsNotApplicable,
});
const dimension = (key: string, questions: ReturnType<typeof question>[]) => ({
  key,
  title: { de: key },
  description: { de: key },
  questions,
  instruments: [{ key: `${key}-beratung`, kind: 'advice' as const, title: { de: 'Beratung' }, description: { de: '…' } }],
});

// a: two 1–5 questions; mixed: a 1–5 and a 0–2 question; strict: n/a not allowed.
const template: QuestionnaireTemplate = questionnaireTemplateSchema.parse({
  templateKey: 'probe',
  version: 1,
  title: { de: 'Probe' },
  description: { de: 'Probe' },
  dimensions: [
    dimension('a', [question('a1'), question('a2')]),
    dimension('mixed', [question('m1'), question('m2', noPartlyYes)]),
    dimension('strict', [question('s1', oneToFive, false)]),
  ],
});

const respondent = (respondentId: string, answers: Record<string, AnswerValue>) => ({ respondentId, answers });
const dimensionOf = (scores: RoundScores, key: string) => scores.dimensions.find((d) => d.dimensionKey === key)!;

describe('normaliseAnswer', () => {
  it.each([
    [oneToFive, 1, 0],
    [oneToFive, 3, 50],
    [oneToFive, 5, 100],
    [noPartlyYes, 1, 50],
    [scale(-2, -1, 0, 1, 2), -1, 25],
  ])('%# maps a scale point onto 0–100', (s, value, expected) => {
    expect(normaliseAnswer(s, value)).toBe(expected);
  });
});

describe('scoreRound', () => {
  it.each<[string, ReturnType<typeof respondent>[], string, Partial<DimensionScore>]>([
    [
      'two respondents: the mean of their dimension scores, spread between them',
      [respondent('r1', { a1: 5, a2: 5 }), respondent('r2', { a1: 1, a2: 3 })],
      'a',
      // r1: 100; r2: mean(0, 50) = 25 → 62.5; population SD = 37.5
      { score: 62.5, spread: { standardDeviation: 37.5, lowest: 25, highest: 100, range: 75 }, counts: { respondents: 2, scoredRespondents: 2, answered: 4, notApplicable: 0, missing: 0 } },
    ],
    [
      'not applicable is left out, not counted as 0',
      [respondent('r1', { a1: 5, a2: 'not_applicable' })],
      'a',
      { score: 100, counts: { respondents: 1, scoredRespondents: 1, answered: 1, notApplicable: 1, missing: 0 } },
    ],
    [
      'a missing answer is left out, not counted as 0',
      [respondent('r1', { a1: 4 }), respondent('r2', { a1: 4, a2: null })],
      'a',
      { score: 75, counts: { respondents: 2, scoredRespondents: 2, answered: 2, notApplicable: 0, missing: 2 } },
    ],
    [
      'each respondent weighs the same, however many questions they answered',
      [respondent('r1', { a1: 5, a2: 5 }), respondent('r2', { a1: 1 })],
      'a',
      // per answer the mean would be (100 + 100 + 0) / 3 = 66.7; per respondent it is (100 + 0) / 2
      { score: 50 },
    ],
    [
      'a single respondent has a score but no spread',
      [respondent('r1', { a1: 2, a2: 3 })],
      'a',
      { score: 37.5, spread: null, counts: { respondents: 1, scoredRespondents: 1, answered: 2, notApplicable: 0, missing: 0 } },
    ],
    [
      'a respondent without applicable answers does not count towards score or spread',
      [respondent('r1', { a1: 5, a2: 4 }), respondent('r2', { a1: 'not_applicable', a2: 'not_applicable' })],
      'a',
      { score: 87.5, spread: null, counts: { respondents: 2, scoredRespondents: 1, answered: 2, notApplicable: 2, missing: 0 } },
    ],
    [
      'all not applicable: no score (not 0), no spread',
      [respondent('r1', { a1: 'not_applicable', a2: 'not_applicable' }), respondent('r2', { a1: 'not_applicable', a2: 'not_applicable' })],
      'a',
      { score: null, spread: null, counts: { respondents: 2, scoredRespondents: 0, answered: 0, notApplicable: 4, missing: 0 } },
    ],
    [
      'nobody answered: no score',
      [respondent('r1', {}), respondent('r2', {})],
      'a',
      { score: null, spread: null, counts: { respondents: 2, scoredRespondents: 0, answered: 0, notApplicable: 0, missing: 4 } },
    ],
    [
      'no respondents at all',
      [],
      'a',
      { score: null, spread: null, counts: { respondents: 0, scoredRespondents: 0, answered: 0, notApplicable: 0, missing: 0 } },
    ],
    [
      'mixed scales are compared on 0–100: 4 of 1–5 (75) and "partly" of 0–2 (50)',
      [respondent('r1', { m1: 4, m2: 1 })],
      'mixed',
      { score: 62.5 },
    ],
    [
      'mixed scales: the top of a short scale counts as much as the top of a long one',
      [respondent('r1', { m1: 5, m2: 2 }), respondent('r2', { m1: 1, m2: 0 })],
      'mixed',
      { score: 50, spread: { standardDeviation: 50, lowest: 0, highest: 100, range: 100 } },
    ],
    [
      'rounded to one decimal',
      [respondent('r1', { a1: 2 }), respondent('r2', { a1: 2 }), respondent('r3', { a1: 3 })],
      'a',
      // (25 + 25 + 50) / 3 = 33.33…; SD = 11.785…
      { score: 33.3, spread: { standardDeviation: 11.8, lowest: 25, highest: 50, range: 25 } },
    ],
  ])('%s', (_name, responses, key, expected) => {
    expect(dimensionOf(scoreRound(template, responses), key)).toMatchObject(expected);
  });

  it('returns every dimension in the template order, with the template it was scored on', () => {
    const scores = scoreRound(template, [respondent('r1', { a1: 3 })]);
    expect(scores).toMatchObject({ templateKey: 'probe', templateVersion: 1, respondents: 1 });
    expect(scores.dimensions.map((d) => d.dimensionKey)).toEqual(['a', 'mixed', 'strict']);
  });

  it.each<[string, ReturnType<typeof respondent>[], object]>([
    ['a value off the scale', [respondent('r1', { a1: 6 })], { code: 'invalid', i18nKey: 'selfcheck:errors.answerOffScale', field: 'a1' }],
    ['a value between points', [respondent('r1', { a1: 2.5 })], { code: 'invalid', i18nKey: 'selfcheck:errors.answerOffScale' }],
    ['n/a where it is not allowed', [respondent('r1', { s1: 'not_applicable' })], { code: 'invalid', i18nKey: 'selfcheck:errors.notApplicableNotAllowed', field: 's1' }],
    ['a question of another questionnaire', [respondent('r1', { x9: 3 })], { code: 'invalid', i18nKey: 'selfcheck:errors.unknownQuestion' }],
    ['one respondent twice', [respondent('r1', { a1: 3 }), respondent('r1', { a1: 4 })], { code: 'invalid', i18nKey: 'selfcheck:errors.duplicateRespondent' }],
  ])('rejects %s', (_name, responses, reason) => {
    expect(() => scoreRound(template, responses)).toThrow(expect.objectContaining(reason));
  });
});

/** Round scores with the given dimension scores, as if scored from real answers. */
const roundWith = (scores: Record<string, number | null>, version = 1): RoundScores => ({
  templateKey: 'probe',
  templateVersion: version,
  respondents: 3,
  dimensions: Object.entries(scores).map(([dimensionKey, score]) => ({
    dimensionKey,
    score,
    spread: null,
    counts: { respondents: 3, scoredRespondents: 3, answered: 3, notApplicable: 0, missing: 0 },
  })),
});

describe('assessNeedForAction', () => {
  const summary = (scores: Record<string, number | null>, threshold?: number) => {
    const assessment = assessNeedForAction(template, roundWith(scores), { threshold });
    return {
      needs: assessment.needs.map(({ dimensionKey, score, reason, rank, tiedWith }) => ({ dimensionKey, score, reason, rank, tiedWith })),
      unscored: assessment.unscoredDimensionKeys,
    };
  };

  it.each<[string, Record<string, number | null>, ReturnType<typeof summary>, number?]>([
    [
      'dimensions below the threshold, weakest first',
      { a: 40, mixed: 20, strict: 80 },
      {
        needs: [
          { dimensionKey: 'mixed', score: 20, reason: 'below_threshold', rank: 1, tiedWith: [] },
          { dimensionKey: 'a', score: 40, reason: 'below_threshold', rank: 2, tiedWith: [] },
        ],
        unscored: [],
      },
    ],
    [
      'exactly at the threshold is not below it',
      { a: 50, mixed: 49.9, strict: 80 },
      { needs: [{ dimensionKey: 'mixed', score: 49.9, reason: 'below_threshold', rank: 1, tiedWith: [] }], unscored: [] },
    ],
    [
      'ties share a rank, are named, and keep the template order',
      { a: 30, mixed: 30, strict: 30 },
      {
        needs: [
          { dimensionKey: 'a', score: 30, reason: 'below_threshold', rank: 1, tiedWith: ['mixed', 'strict'] },
          { dimensionKey: 'mixed', score: 30, reason: 'below_threshold', rank: 1, tiedWith: ['a', 'strict'] },
          { dimensionKey: 'strict', score: 30, reason: 'below_threshold', rank: 1, tiedWith: ['a', 'mixed'] },
        ],
        unscored: [],
      },
    ],
    [
      'the template order breaks a tie whatever order the scores come in',
      { strict: 10, mixed: 10, a: 45 },
      {
        needs: [
          { dimensionKey: 'mixed', score: 10, reason: 'below_threshold', rank: 1, tiedWith: ['strict'] },
          { dimensionKey: 'strict', score: 10, reason: 'below_threshold', rank: 1, tiedWith: ['mixed'] },
          { dimensionKey: 'a', score: 45, reason: 'below_threshold', rank: 3, tiedWith: [] },
        ],
        unscored: [],
      },
    ],
    [
      'none below: the weakest, all of them when tied',
      { a: 70, mixed: 90, strict: 70 },
      {
        needs: [
          { dimensionKey: 'a', score: 70, reason: 'lowest', rank: 1, tiedWith: ['strict'] },
          { dimensionKey: 'strict', score: 70, reason: 'lowest', rank: 1, tiedWith: ['a'] },
        ],
        unscored: [],
      },
    ],
    [
      'a dimension without a score is not weak, it is listed as unscored',
      { a: null, mixed: 60, strict: 45 },
      { needs: [{ dimensionKey: 'strict', score: 45, reason: 'below_threshold', rank: 1, tiedWith: [] }], unscored: ['a'] },
    ],
    ['nothing scored', { a: null, mixed: null, strict: null }, { needs: [], unscored: ['a', 'mixed', 'strict'] }],
    [
      'a custom threshold',
      { a: 60, mixed: 70, strict: 80 },
      {
        needs: [
          { dimensionKey: 'a', score: 60, reason: 'below_threshold', rank: 1, tiedWith: [] },
          { dimensionKey: 'mixed', score: 70, reason: 'below_threshold', rank: 2, tiedWith: [] },
        ],
        unscored: [],
      },
      75,
    ],
  ])('%s', (_name, scores, expected, threshold) => {
    expect(summary(scores, threshold)).toEqual(expected);
  });

  it('hands over the recommended instruments of each weak dimension', () => {
    const { needs } = assessNeedForAction(template, roundWith({ a: 10, mixed: 90, strict: 90 }));
    expect(needs[0].instruments).toEqual([expect.objectContaining({ key: 'a-beratung', kind: 'advice' })]);
  });

  it('refuses scores of another questionnaire version', () => {
    expect(() => assessNeedForAction(template, roundWith({ a: 10 }, 2))).toThrow(expect.objectContaining({ code: 'invalid', i18nKey: 'selfcheck:errors.differentTemplate' }));
  });
});

describe('compareRounds', () => {
  it('gives the change per dimension and its direction', () => {
    const comparison = compareRounds(roundWith({ a: 60, mixed: 40, strict: 50, extra: 10 }), roundWith({ a: 45.5, mixed: 52.2, strict: 50, extra: null }));
    expect(comparison).toEqual({
      sameTemplateVersion: true,
      dimensions: [
        { dimensionKey: 'a', current: 60, earlier: 45.5, change: 14.5, direction: 'improved' },
        { dimensionKey: 'mixed', current: 40, earlier: 52.2, change: -12.2, direction: 'declined' },
        { dimensionKey: 'strict', current: 50, earlier: 50, change: 0, direction: 'unchanged' },
        { dimensionKey: 'extra', current: 10, earlier: null, change: null, direction: 'not_comparable' },
      ],
    });
  });

  it('matches dimensions by key across versions and says so', () => {
    const comparison = compareRounds(roundWith({ a: 60, added: 30 }, 2), roundWith({ a: 50, removed: 20 }, 1));
    expect(comparison.sameTemplateVersion).toBe(false);
    expect(comparison.dimensions).toEqual([
      { dimensionKey: 'a', current: 60, earlier: 50, change: 10, direction: 'improved' },
      { dimensionKey: 'added', current: 30, earlier: null, change: null, direction: 'not_comparable' },
    ]);
  });

  it('judges a change on the rounded difference, without floating-point noise', () => {
    expect(compareRounds(roundWith({ a: 0.3 }), roundWith({ a: 0.1 })).dimensions[0].change).toBe(0.2);
  });

  it('refuses rounds of different questionnaires', () => {
    expect(() => compareRounds(roundWith({ a: 1 }), { ...roundWith({ a: 1 }), templateKey: 'other' })).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});

describe('dimensionHistory', () => {
  it('lists each dimension across rounds with the change from the round before', () => {
    expect(dimensionHistory([roundWith({ a: 40, mixed: null }), roundWith({ a: 55, mixed: 30 }), roundWith({ a: 50, mixed: 30 })])).toEqual([
      {
        dimensionKey: 'a',
        rounds: [
          { score: 40, change: null, direction: 'not_comparable' },
          { score: 55, change: 15, direction: 'improved' },
          { score: 50, change: -5, direction: 'declined' },
        ],
      },
      {
        dimensionKey: 'mixed',
        rounds: [
          { score: null, change: null, direction: 'not_comparable' },
          { score: 30, change: null, direction: 'not_comparable' },
          { score: 30, change: 0, direction: 'unchanged' },
        ],
      },
    ]);
  });

  it('is empty without rounds', () => {
    expect(dimensionHistory([])).toEqual([]);
  });
});
