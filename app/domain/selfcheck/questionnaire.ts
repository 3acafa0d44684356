/**
 * A Selbstcheck questionnaire *template version*: what a town answers, dimension by dimension, and which
 * instruments it is pointed to where it needs to act. Versions are immutable once a round uses them, so
 * scores of one version stay comparable; changing a question means a new version.
 *
 * Pure and browser-safe (no `.server`): pages render it, the scoring and the seed validate with it.
 */
import { z } from 'zod';
import { isSupportedLanguage, type Language } from '#app/i18n/languages';

const requiredText = z.string().trim().min(1, 'selfcheck:errors.textRequired');
const optionalText = requiredText.optional();

/**
 * Content in each UI language. German is the source every other language falls back to, so it is the one
 * required entry; the others are filled in as translations arrive.
 */
export const localisedTextSchema = z
  .object({
    de: requiredText,
    'de-x-ls': optionalText,
    en: optionalText,
    tr: optionalText,
    ar: optionalText,
    uk: optionalText,
    ru: optionalText,
    pl: optionalText,
    fa: optionalText,
  } satisfies Record<Language, z.ZodTypeAny>)
  .strict();
export type LocalisedText = z.infer<typeof localisedTextSchema>;

/** The text in `language`, else German (also for an unknown language or an empty translation). */
export function localised(text: LocalisedText, language: string): string {
  if (!isSupportedLanguage(language)) return text.de;
  return text[language]?.trim() || text.de;
}

/** Keys name dimensions, questions and instruments in stored answers, so they are stable ASCII slugs. */
const keySchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'selfcheck:errors.keyInvalid').max(60, 'selfcheck:errors.keyInvalid');

/**
 * A labelled answer scale, e.g. 1–5 with a label per point. Points are ascending integers; the first is the
 * weakest and the last the strongest answer, which is what normalisation to 0–100 relies on.
 */
export const scaleSchema = z
  .object({
    points: z
      .array(z.object({ value: z.number().int().min(-100).max(100), label: localisedTextSchema }))
      .min(2, 'selfcheck:errors.scaleTooShort')
      .max(11, 'selfcheck:errors.scaleTooLong'),
  })
  .refine((scale) => scale.points.every((point, i) => i === 0 || point.value > scale.points[i - 1].value), {
    message: 'selfcheck:errors.scaleNotAscending',
    path: ['points'],
  });
export type Scale = z.infer<typeof scaleSchema>;

export const questionSchema = z.object({
  key: keySchema,
  text: localisedTextSchema,
  /** What the question means in practice and what counts as "done", so towns answer it alike. */
  guidance: localisedTextSchema,
  scale: scaleSchema,
  /** Some questions do not fit every town (e.g. no own police station); n/a is then excluded, not zero. */
  allowsNotApplicable: z.boolean(),
  /** Whether respondents may add a free-text comment to their answer. */
  allowsComment: z.boolean().default(true),
});
export type Question = z.infer<typeof questionSchema>;

/** Features of the platform an instrument can lead to; the page builds the link within the town. */
export const PLATFORM_FEATURES = ['dialogue_event', 'forum', 'shield', 'incident_log', 'advice'] as const;
export type PlatformFeature = (typeof PLATFORM_FEATURES)[number];
export const INSTRUMENT_KINDS = [...PLATFORM_FEATURES, 'external'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

const instrumentBase = { key: keySchema, title: localisedTextSchema, description: localisedTextSchema };

/**
 * A recommended instrument: a feature of the platform (`kind` names it) or outside material (`external`).
 * Outside links must be https, because they end up in `href`s of our pages.
 */
export const instrumentSchema = z.discriminatedUnion('kind', [
  z.object({ ...instrumentBase, kind: z.enum(PLATFORM_FEATURES) }),
  z.object({
    ...instrumentBase,
    kind: z.literal('external'),
    url: z
      .string()
      .url('selfcheck:errors.urlInvalid')
      .refine((url) => new URL(url).protocol === 'https:', 'selfcheck:errors.urlNotHttps'),
    /** Who publishes the material, shown beside the link (a proper name, so not translated). */
    publisher: z.string().trim().min(1).max(120).optional(),
  }),
]);
export type Instrument = z.infer<typeof instrumentSchema>;

export const dimensionSchema = z.object({
  key: keySchema,
  title: localisedTextSchema,
  description: localisedTextSchema,
  questions: z.array(questionSchema).min(1, 'selfcheck:errors.dimensionWithoutQuestions'),
  instruments: z.array(instrumentSchema),
});
export type Dimension = z.infer<typeof dimensionSchema>;

/** The first key that occurs twice, if any. */
function firstDuplicate(keys: readonly string[]): string | undefined {
  const seen = new Set<string>();
  return keys.find((key) => (seen.has(key) ? true : (seen.add(key), false)));
}

export const questionnaireTemplateSchema = z
  .object({
    /** One questionnaire across its versions, e.g. `weltoffene-kommune`. */
    templateKey: keySchema,
    version: z.number().int().positive(),
    title: localisedTextSchema,
    description: localisedTextSchema,
    dimensions: z.array(dimensionSchema).min(1, 'selfcheck:errors.templateWithoutDimensions'),
  })
  .superRefine((template, ctx) => {
    // Question keys are unique across the whole template, so a stored answer names its question alone.
    const duplicates = [
      firstDuplicate(template.dimensions.map((d) => d.key)),
      firstDuplicate(template.dimensions.flatMap((d) => d.questions.map((q) => q.key))),
      ...template.dimensions.map((d) => firstDuplicate(d.instruments.map((i) => i.key))),
    ].filter((key): key is string => key !== undefined);
    for (const key of duplicates) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'selfcheck:errors.duplicateKey', params: { key }, path: ['dimensions'] });
    }
  });
export type QuestionnaireTemplate = z.infer<typeof questionnaireTemplateSchema>;
/** What authors write (defaults such as `allowsComment` may be left out). */
export type QuestionnaireTemplateInput = z.input<typeof questionnaireTemplateSchema>;

export const lowestPoint = (scale: Scale): number => scale.points[0].value;
export const highestPoint = (scale: Scale): number => scale.points[scale.points.length - 1].value;
export const isPlatformInstrument = (instrument: Instrument): instrument is Extract<Instrument, { kind: PlatformFeature }> =>
  instrument.kind !== 'external';
