/** What dialogue-event forms and query strings may carry: one zod schema per input, shared by server and browser. */
import { z } from 'zod';
import { CONTENT_LANGUAGES } from '#app/domain/forums/language';
import { idField, socketIdSchema } from '#app/domain/ids';
import { registrationCodeSchema } from './registration-code';
import { uploadedFiles } from '#app/domain/files';

export const EVENT_FORMATS = ['citizen_dialogue', 'workshop', 'round_table', 'information_evening', 'online_qa', 'network_review'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export const EVENT_MODES = ['in_person', 'online', 'hybrid'] as const;
export type EventMode = (typeof EVENT_MODES)[number];
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const ACCESSIBILITY_FEATURES = ['step_free', 'hearing_loop', 'childcare', 'quiet_room'] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];
/** Languages an event may be held in. */
export const EVENT_LANGUAGES = CONTENT_LANGUAGES;
/** Interpretation offered: into a spoken language, or German Sign Language (Deutsche Gebärdensprache). */
export const INTERPRETATIONS = ['dgs', ...CONTENT_LANGUAGES] as const;
export type Interpretation = (typeof INTERPRETATIONS)[number];
export const MAX_QUESTIONS = 5;
export const MAX_ATTACHMENTS = 10;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;

const text = (max: number, key = 'dialogues:errors.tooLong') => z.string().trim().max(max, key);
const optionalText = (max: number) => text(max).optional();
const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal('')])
  .optional()
  .transform((value) => !!value);
const date = z.string({ required_error: 'dialogues:errors.dateRequired' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'dialogues:errors.dateMalformed');
const time = z.string({ required_error: 'dialogues:errors.timeRequired' }).regex(/^\d{2}:\d{2}(:\d{2})?$/, 'dialogues:errors.timeMalformed');
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, { errorMap: () => ({ message: 'dialogues:errors.choice' }) }))
    .max(values.length)
    .default([])
    .transform((chosen) => [...new Set(chosen)]);

const httpsUrl = z
  .string()
  .trim()
  .max(500, 'dialogues:errors.tooLong')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'dialogues:errors.urlInvalid');

const translation = z.object({ title: optionalText(200), descriptionText: optionalText(20_000) });

export const eventFormSchema = z.object({
  format: z.enum(EVENT_FORMATS, { errorMap: () => ({ message: 'dialogues:errors.format' }) }),
  mode: z.enum(EVENT_MODES, { errorMap: () => ({ message: 'dialogues:errors.mode' }) }),
  title: z.string({ required_error: 'dialogues:errors.titleRequired' }).trim().min(1, 'dialogues:errors.titleRequired').max(200, 'dialogues:errors.tooLong'),
  /** Tiptap JSON from the editor (with JavaScript) … */
  description: optionalText(200_000),
  /** … or plain text from the textarea (without). */
  descriptionText: optionalText(20_000),
  translations: z.record(z.string().max(10), translation).optional().default({}),
  startDate: date,
  startTime: time,
  endDate: date.optional(),
  endTime: time,
  venueName: optionalText(200),
  venueAddress: optionalText(500),
  joinUrl: httpsUrl.optional(),
  languages: list(EVENT_LANGUAGES),
  interpretation: list(INTERPRETATIONS),
  accessibility: list(ACCESSIBILITY_FEATURES),
  capacity: z.coerce.number({ message: 'dialogues:errors.capacity' }).int('dialogues:errors.capacity').min(1, 'dialogues:errors.capacity').max(100_000, 'dialogues:errors.capacity').optional(),
  deadlineDate: date.optional(),
  deadlineTime: time.optional(),
  guestsAllowed: checkbox,
  /** One question per line. */
  questions: optionalText(2_000),
});
export type EventFormInput = z.output<typeof eventFormSchema>;

export const eventStatusSchema = z.object({ intent: z.enum(['publish', 'cancel']) });

/** The filters of an event list (query string). */
export const eventFiltersSchema = z.object({
  format: z.enum(EVENT_FORMATS).optional().catch(undefined),
  language: z.enum(EVENT_LANGUAGES).optional().catch(undefined),
  online: z.enum(['online', 'in_person']).optional().catch(undefined),
  accessibility: z.enum(ACCESSIBILITY_FEATURES).optional().catch(undefined),
  /** Past events (newest first) instead of upcoming ones. */
  when: z.enum(['past']).optional().catch(undefined),
});
export type EventFilters = z.output<typeof eventFiltersSchema>;

export function filtersFromQuery(search: URLSearchParams): EventFilters {
  const raw = Object.fromEntries(['format', 'language', 'online', 'accessibility', 'when'].map((key) => [key, search.get(key) || undefined]));
  return eventFiltersSchema.parse(raw);
}

/** A month for the calendar view, `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const answers = z.record(z.string().regex(/^\d$/), text(1_000)).optional().default({});

export const registerSchema = z.object({
  intent: z.literal('register'),
  answers,
});

export const guestRegisterSchema = z.object({
  intent: z.literal('register-guest'),
  name: z.string({ required_error: 'dialogues:errors.nameRequired' }).trim().min(1, 'dialogues:errors.nameRequired').max(120, 'dialogues:errors.tooLong'),
  email: z.string({ required_error: 'dialogues:errors.emailInvalid' }).trim().max(254, 'dialogues:errors.tooLong').email('dialogues:errors.emailInvalid'),
  answers,
});

export const cancelRegistrationSchema = z.object({ intent: z.literal('cancel-registration') });

export const checkInSchema = z.object({ code: registrationCodeSchema });

export const registrationIdSchema = z.object({ registrationId: idField() });

/** Joining an event's organisers' room (socket). */
export const dialogueJoinPayload = z.object({ eventId: socketIdSchema, townId: socketIdSchema.nullable() }).strict();

export const QUESTION_STATUSES = ['open', 'live', 'answered', 'hidden'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number] | 'held';

export const askSchema = z.object({
  intent: z.literal('ask'),
  body: z.string({ required_error: 'dialogues:errors.questionRequired' }).trim().min(1, 'dialogues:errors.questionRequired').max(500, 'dialogues:errors.tooLong'),
  anonymous: checkbox,
});
export const voteSchema = z.object({ intent: z.literal('vote'), questionId: idField() });
export const moderateQuestionSchema = z.object({
  intent: z.literal('moderate'),
  questionId: idField(),
  status: z.enum(QUESTION_STATUSES, { errorMap: () => ({ message: 'dialogues:errors.choice' }) }),
});
export const qaJoinPayload = dialogueJoinPayload;

export const documentationSchema = z.object({
  intent: z.literal('document'),
  summary: optionalText(200_000),
  summaryText: optionalText(20_000),
  outcomes: optionalText(200_000),
  outcomesText: optionalText(20_000),
  recordingUrl: httpsUrl.optional(),
  /** The follow-up thread: its address (`…/threads/123`) or number. */
  followUpThread: optionalText(300),
  /** New files (PDF, images), and the stored ones to remove. */
  attachments: uploadedFiles({ max: MAX_ATTACHMENTS }),
  removeAttachments: z.array(idField()).max(MAX_ATTACHMENTS * 2).default([]),
});
export type DocumentationInput = Omit<z.output<typeof documentationSchema>, 'intent' | 'attachments' | 'removeAttachments'> & { attachments?: File[]; removeAttachments?: number[] };
