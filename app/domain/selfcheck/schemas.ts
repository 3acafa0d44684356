/** What Selbstcheck forms and socket events may carry: one zod schema per input, shared by server and browser. */
import { z } from 'zod';
import { idSchema, socketIdSchema } from '#app/domain/ids';

export const ROUND_TITLE_MAX = 120;
export const COMMENT_MAX = 2000;
export const ADVICE_MESSAGE_MAX = 4000;
export const ADVICE_NOTE_MAX = 2000;

export const ADVICE_FORMATS = ['visit', 'online', 'phone'] as const;
export type AdviceFormat = (typeof ADVICE_FORMATS)[number];
export const ADVICE_STATUSES = ['open', 'scheduled', 'done'] as const;
export type AdviceStatus = (typeof ADVICE_STATUSES)[number];

export const openRoundSchema = z.object({
  intent: z.literal('open-round'),
  title: z
    .string({ required_error: 'selfcheck:errors.roundTitle' })
    .trim()
    .min(3, 'selfcheck:errors.roundTitle')
    .max(ROUND_TITLE_MAX, 'selfcheck:errors.roundTitle'),
  templateId: idSchema,
});
export type OpenRoundInput = z.infer<typeof openRoundSchema>;

/** Several members at once (checkboxes named `userIds`). */
export const inviteSchema = z.object({
  intent: z.literal('invite'),
  userIds: z
    .array(z.string().min(1).max(60), { required_error: 'selfcheck:errors.chooseRespondents' })
    .min(1, 'selfcheck:errors.chooseRespondents')
    .max(200, 'selfcheck:errors.chooseRespondents'),
});

export const closeRoundSchema = z.object({ intent: z.literal('close-round'), confirm: z.literal('on', { errorMap: () => ({ message: 'selfcheck:errors.confirmClose' }) }) });

/**
 * One respondent's answers as the questionnaire form posts them: `answers.<questionKey>.value` is a scale
 * point, `na` or empty; `answers.<questionKey>.comment` free text. The template decides what is valid.
 */
export const answersSchema = z.object({
  intent: z.enum(['save', 'autosave', 'finish']),
  answers: z
    .record(
      z.string().regex(/^[a-z0-9-]{1,60}$/),
      z.object({
        value: z
          .string()
          .regex(/^(na|-?\d{1,3})$/, 'selfcheck:errors.answerOffScale')
          .optional(),
        comment: z.string().trim().max(COMMENT_MAX, 'selfcheck:errors.commentTooLong').optional(),
      }),
    )
    .default({}),
});
export type AnswersInput = z.infer<typeof answersSchema>;

export const adviceRequestSchema = z.object({
  intent: z.literal('request-advice'),
  dimensionKey: z.string({ required_error: 'selfcheck:errors.chooseDimension' }).regex(/^[a-z0-9-]{1,60}$/, 'selfcheck:errors.chooseDimension'),
  preferredFormat: z.enum(ADVICE_FORMATS, { errorMap: () => ({ message: 'selfcheck:errors.chooseFormat' }) }),
  message: z
    .string({ required_error: 'selfcheck:errors.adviceMessage' })
    .trim()
    .min(10, 'selfcheck:errors.adviceMessage')
    .max(ADVICE_MESSAGE_MAX, 'selfcheck:errors.tooLong'),
});
export type AdviceRequestInput = z.infer<typeof adviceRequestSchema>;

export const assignAdviceSchema = z.object({
  intent: z.literal('assign'),
  requestId: idSchema,
  consultantId: z.string({ required_error: 'selfcheck:errors.chooseConsultant' }).min(1, 'selfcheck:errors.chooseConsultant').max(60),
});

export const adviceStatusSchema = z.object({
  intent: z.literal('status'),
  requestId: idSchema,
  status: z.enum(ADVICE_STATUSES, { errorMap: () => ({ message: 'selfcheck:errors.chooseStatus' }) }),
  note: z.string().trim().max(ADVICE_NOTE_MAX, 'selfcheck:errors.tooLong').default(''),
});

export const roundJoinPayload = z.object({ roundId: socketIdSchema }).strict();
export const adviceJoinPayload = z.object({}).strict();
