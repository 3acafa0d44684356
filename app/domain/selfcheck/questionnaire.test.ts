import { describe, expect, it } from 'vitest';
import { localised, questionnaireTemplateSchema, type QuestionnaireTemplateInput } from './questionnaire';

const scale = { points: [1, 2, 3].map((value) => ({ value, label: { de: `Stufe ${value}` } })) };
const question = (key: string) => ({ key, text: { de: `Frage ${key}` }, guidance: { de: 'Hinweis' }, scale, allowsNotApplicable: false });
const template = (overrides: Partial<QuestionnaireTemplateInput> = {}): QuestionnaireTemplateInput => ({
  templateKey: 'probe',
  version: 1,
  title: { de: 'Probe' },
  description: { de: 'Zum Testen' },
  dimensions: [
    {
      key: 'fuehrung',
      title: { de: 'Führung' },
      description: { de: '…' },
      questions: [question('q1'), question('q2')],
      instruments: [
        { key: 'beratung', kind: 'advice', title: { de: 'Beratung' }, description: { de: '…' } },
        { key: 'stark-im-amt', kind: 'external', url: 'https://www.stark-im-amt.de', title: { de: 'Stark im Amt' }, description: { de: '…' } },
      ],
    },
  ],
  ...overrides,
});

const issuesOf = (input: unknown) => {
  const result = questionnaireTemplateSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('questionnaireTemplateSchema', () => {
  it('accepts a complete template and fills in defaults', () => {
    const parsed = questionnaireTemplateSchema.parse(template());
    expect(parsed.dimensions[0].questions[0].allowsComment).toBe(true);
  });

  const dimension = template().dimensions[0];
  it.each<[string, unknown, string]>([
    ['German missing', template({ title: { en: 'Probe' } as never }), 'Required'],
    ['German empty', template({ title: { de: '  ' } }), 'selfcheck:errors.textRequired'],
    ['unknown language', template({ title: { de: 'Probe', fr: 'Essai' } as never }), 'Unrecognized key(s) in object: \'fr\''],
    ['duplicate question key across dimensions', template({ dimensions: [dimension, { ...dimension, key: 'verwaltung' }] }), 'selfcheck:errors.duplicateKey'],
    ['duplicate dimension key', template({ dimensions: [dimension, { ...dimension, questions: [question('q3')] }] }), 'selfcheck:errors.duplicateKey'],
    ['key not a slug', template({ templateKey: 'Weltoffene Kommune' }), 'selfcheck:errors.keyInvalid'],
    ['scale not ascending', template({ dimensions: [{ ...dimension, questions: [{ ...question('q1'), scale: { points: [...scale.points].reverse() } }] }] }), 'selfcheck:errors.scaleNotAscending'],
    ['scale with one point', template({ dimensions: [{ ...dimension, questions: [{ ...question('q1'), scale: { points: [scale.points[0]] } }] }] }), 'selfcheck:errors.scaleTooShort'],
    ['dimension without questions', template({ dimensions: [{ ...dimension, questions: [] }] }), 'selfcheck:errors.dimensionWithoutQuestions'],
    [
      'outside link not https',
      template({ dimensions: [{ ...dimension, instruments: [{ key: 'x', kind: 'external', url: 'http://example.org', title: { de: 'x' }, description: { de: 'x' } }] }] }),
      'selfcheck:errors.urlNotHttps',
    ],
    [
      'script link',
      template({ dimensions: [{ ...dimension, instruments: [{ key: 'x', kind: 'external', url: 'javascript:alert(1)', title: { de: 'x' }, description: { de: 'x' } }] }] }),
      'selfcheck:errors.urlNotHttps',
    ],
    ['unknown platform feature', template({ dimensions: [{ ...dimension, instruments: [{ key: 'x', kind: 'petition', title: { de: 'x' }, description: { de: 'x' } } as never] }] }), 'Invalid discriminator value. Expected \'dialogue_event\' | \'forum\' | \'shield\' | \'incident_log\' | \'advice\' | \'external\''],
  ])('rejects %s', (_name, input, message) => {
    expect(issuesOf(input)).toContain(message);
  });
});

describe('localised', () => {
  const text = { de: 'Führung', en: 'Leadership', ar: '  ' };
  it.each([
    ['de', 'Führung'],
    ['en', 'Leadership'],
    ['tr', 'Führung'], // no translation yet
    ['de-x-ls', 'Führung'], // Leichte Sprache falls back to German
    ['ar', 'Führung'], // an empty translation counts as none
    ['xx', 'Führung'], // not a language of ours
  ])('%s → %s', (language, expected) => {
    expect(localised(text, language)).toBe(expected);
  });
});
