/** Forum forms and socket payloads, shared by the browser and the server. Messages are i18n keys. */
import { z } from 'zod';
import { CONTENT_LANGUAGES } from './language';

/** The composer sends the editor's JSON (`body`), or plain text from the no-JavaScript textarea (`bodyText`). */
const composed = {
  body: z.string().max(250_000, 'editor:errors.tooLong').optional(),
  bodyText: z.string().max(20_000, 'editor:errors.tooLong').optional(),
  language: z.enum(['auto', ...CONTENT_LANGUAGES]).default('auto'),
};

export const newThreadSchema = z.object({
  title: z.string().trim().min(4, 'forums:errors.titleTooShort').max(140, 'forums:errors.titleTooLong'),
  ...composed,
});

export const replySchema = z.object({
  ...composed,
  quotedPostId: z.coerce.number().int().positive().optional().or(z.literal('').transform(() => undefined)),
});

export const editPostSchema = z.object({ ...composed });

export const forumSchema = z.object({
  name: z.string().trim().min(2, 'forums:errors.nameTooShort').max(80, 'forums:errors.nameTooLong'),
  slug: z
    .string()
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
});

export const searchSchema = z.object({
  q: z.string().trim().min(2, 'forums:errors.queryTooShort').max(200, 'forums:errors.queryTooLong'),
});

export const joinThreadPayload = z.object({
  threadId: z.number().int().positive(),
  lastSeenPosition: z.number().int().min(0).max(10_000_000).default(0),
});

export const threadIdPayload = z.object({ threadId: z.number().int().positive() });
export const forumIdPayload = z.object({ forumId: z.number().int().positive() });

export const postingLimitSchema = z.object({
  postsPerWindow: z.coerce.number({ message: 'forums:errors.limitInvalid' }).int('forums:errors.limitInvalid').min(1, 'forums:errors.limitInvalid').max(10_000, 'forums:errors.limitInvalid'),
  postWindowMinutes: z.coerce.number({ message: 'forums:errors.limitInvalid' }).int('forums:errors.limitInvalid').min(1, 'forums:errors.limitInvalid').max(1440, 'forums:errors.limitInvalid'),
});
