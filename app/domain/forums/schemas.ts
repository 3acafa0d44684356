/** Forum forms and socket payloads, shared by the browser and the server. Messages are i18n keys. */
import { z } from 'zod';
import { idSchema, socketIdSchema } from '#app/domain/ids';
import { SUPPORTED_LANGUAGES } from '#app/i18n/languages';
import { CONTENT_LANGUAGES } from './language';

/** The composer sends the editor's JSON (`body`), or plain text from the no-JavaScript textarea (`bodyText`). */
const composed = {
  body: z.string().max(250_000, 'editor:errors.tooLong').optional(),
  bodyText: z.string().max(20_000, 'editor:errors.tooLong').optional(),
  language: z.enum(['auto', ...CONTENT_LANGUAGES]).default('auto'),
  /** Chosen by the composer once per post: the same key sent twice (a second click) stores one post. */
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
};

/** A text per offered language ({ ar: '…' }); empty ones are left out, so the default language shows. */
const perLanguage = (max: number, message: string) =>
  z
    .object(Object.fromEntries(SUPPORTED_LANGUAGES.map((lng) => [lng, z.string().trim().max(max, message).optional()])))
    .partial()
    .default({})
    .transform((texts) => Object.fromEntries(Object.entries(texts).filter((entry): entry is [string, string] => !!entry[1])));

export const newThreadSchema = z.object({
  title: z.string({ required_error: 'forums:errors.titleTooShort' }).trim().min(4, 'forums:errors.titleTooShort').max(140, 'forums:errors.titleTooLong'),
  ...composed,
});

export const replySchema = z.object({
  ...composed,
  quotedPostId: idSchema.optional(),
});

export const editPostSchema = z.object({ ...composed });

export const forumSchema = z.object({
  name: z.string({ required_error: 'forums:errors.nameTooShort' }).trim().min(2, 'forums:errors.nameTooShort').max(80, 'forums:errors.nameTooLong'),
  slug: z
    .string({ required_error: 'towns:errors.slugInvalid' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'towns:errors.slugInvalid')
    .max(60, 'towns:errors.slugInvalid'),
  description: z.string().trim().max(500, 'forums:errors.descriptionTooLong').default(''),
  position: z.coerce.number().int().min(0).max(1000).default(0),
  staffOnlyPosting: z
    .union([z.literal('on'), z.literal('')])
    .optional()
    .transform((v) => v === 'on'),
  nameTranslations: perLanguage(80, 'forums:errors.nameTooLong'),
  descriptionTranslations: perLanguage(500, 'forums:errors.descriptionTooLong'),
  forumId: idSchema.optional(),
});

export const searchSchema = z.object({
  q: z.string({ required_error: 'forums:errors.queryTooShort' }).trim().min(2, 'forums:errors.queryTooShort').max(200, 'forums:errors.queryTooLong'),
});

export const joinThreadPayload = z.object({
  threadId: socketIdSchema,
  lastSeenPosition: z.number().int().min(0).max(10_000_000).default(0),
});

export const threadIdPayload = z.object({ threadId: socketIdSchema });
export const forumIdPayload = z.object({ forumId: socketIdSchema });

export const postingLimitSchema = z.object({
  postsPerWindow: z.coerce.number({ message: 'forums:errors.limitInvalid' }).int('forums:errors.limitInvalid').min(1, 'forums:errors.limitInvalid').max(10_000, 'forums:errors.limitInvalid'),
  postWindowMinutes: z.coerce.number({ message: 'forums:errors.limitInvalid' }).int('forums:errors.limitInvalid').min(1, 'forums:errors.limitInvalid').max(1440, 'forums:errors.limitInvalid'),
});
