/** What moderation forms and socket events may carry: one zod schema per input, shared by server and browser. */
import { z } from 'zod';
import { idField, idSchema, parseId, socketIdSchema } from '#app/domain/ids';

export const REPORT_CATEGORIES = ['illegal_hate', 'threat', 'insult', 'harassment', 'doxxing', 'spam', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Decisions on a post, on a thread, and on a person (in one town). */
export const POST_ACTIONS = ['dismiss', 'approve', 'hide'] as const;
export const THREAD_ACTIONS = ['edit_title', 'lock', 'unlock', 'pin', 'unpin', 'move', 'slow_mode'] as const;
export const USER_ACTIONS = ['warn', 'mute', 'suspend'] as const;
export const DECISION_ACTIONS = [...POST_ACTIONS, ...THREAD_ACTIONS, ...USER_ACTIONS] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** Decisions that go against someone's content or account: they may appeal them. */
export const ADVERSE_ACTIONS: readonly DecisionAction[] = ['hide', 'edit_title', 'lock', 'move', 'slow_mode', 'warn', 'mute', 'suspend'];
/** Decisions a reporter may appeal: their notice led to nothing. */
export const REPORTER_APPEALABLE: readonly DecisionAction[] = ['dismiss', 'approve'];

/**
 * The rule or legal ground a decision rests on (DSA art. 17(3)(d)): the town's house rules, or the
 * German criminal code sections that hate speech against people in public life usually touches.
 */
export const GROUNDS = [
  'rules.respect',
  'rules.on_topic',
  'rules.no_spam',
  'rules.privacy',
  'rules.no_violation',
  'law.stgb_130',
  'law.stgb_185',
  'law.stgb_188',
  'law.stgb_241',
  'law.stgb_126a',
] as const;
export type Ground = (typeof GROUNDS)[number];

export const APPEAL_WINDOW_DAYS = 183;
export const CLAIM_MINUTES = 10;

const trimmed = (min: number, max: number, key: string) =>
  z
    .string({ required_error: `moderation:errors.${key}` })
    .trim()
    .min(min, `moderation:errors.${key}`)
    .max(max, 'moderation:errors.tooLong');

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal('')])
  .optional()
  .transform((value) => !!value);

export const reportSchema = z.object({
  // the content (a post, or a question at an event) or its author
  target: z.enum(['post', 'question', 'user'], { errorMap: () => ({ message: 'moderation:errors.target' }) }),
  category: z.enum(REPORT_CATEGORIES, { errorMap: () => ({ message: 'moderation:errors.category' }) }),
  explanation: z.string().trim().max(2000, 'moderation:errors.tooLong').default(''),
  email: z
    .string()
    .trim()
    .max(254)
    .email('moderation:errors.email')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type ReportInput = z.infer<typeof reportSchema>;

/** The report page's steps: review (checks and shows the report back), send (files it), change (back to the form). */
export const reportFlowSchema = z.discriminatedUnion('intent', [
  reportSchema.extend({ intent: z.literal('review') }),
  reportSchema.extend({ intent: z.literal('send') }),
  reportSchema.partial().extend({ intent: z.literal('change') }),
]);

const reasons = {
  ground: z.enum(GROUNDS, { errorMap: () => ({ message: 'moderation:errors.ground' }) }),
  facts: trimmed(10, 2000, 'facts'),
  automated: checkbox,
};
const days = z.coerce.number({ invalid_type_error: 'moderation:errors.days' }).int('moderation:errors.days').min(1, 'moderation:errors.days').max(365, 'moderation:errors.days');

export const decisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('dismiss'), ...reasons }),
  z.object({ action: z.literal('approve'), ...reasons }),
  z.object({ action: z.literal('hide'), ...reasons }),
  z.object({ action: z.literal('edit_title'), title: trimmed(3, 150, 'title'), ...reasons }),
  z.object({ action: z.literal('lock'), ...reasons }),
  z.object({ action: z.literal('unlock'), ...reasons }),
  z.object({ action: z.literal('pin'), ...reasons }),
  z.object({ action: z.literal('unpin'), ...reasons }),
  z.object({ action: z.literal('move'), forumId: idField('moderation:errors.forum'), ...reasons }),
  z.object({
    action: z.literal('slow_mode'),
    // 0 switches slow mode off
    seconds: z.coerce.number({ invalid_type_error: 'moderation:errors.seconds' }).int('moderation:errors.seconds').min(0, 'moderation:errors.seconds').max(86400, 'moderation:errors.seconds'),
    ...reasons,
  }),
  z.object({ action: z.literal('warn'), days, ...reasons }),
  z.object({ action: z.literal('mute'), days, ...reasons }),
  z.object({ action: z.literal('suspend'), days, ...reasons }),
]);
export type DecisionInput = z.infer<typeof decisionSchema>;

/** The decision form sends every field; the chosen action decides which of them count. */
export const decisionActionSchema = z.object({
  action: z.enum(DECISION_ACTIONS, { errorMap: () => ({ message: 'moderation:errors.action' }) }),
});

export const appealSchema = z.object({ text: trimmed(10, 4000, 'appealText') });

export const appealDecisionSchema = z.object({
  outcome: z.enum(['upheld', 'reversed'], { errorMap: () => ({ message: 'moderation:errors.outcome' }) }),
  reasons: trimmed(10, 2000, 'facts'),
});

export const settingsSchema = z.object({
  reviewFirstPosts: z.coerce.number({ invalid_type_error: 'moderation:errors.reviewFirstPosts' }).int('moderation:errors.reviewFirstPosts').min(0, 'moderation:errors.reviewFirstPosts').max(50, 'moderation:errors.reviewFirstPosts'),
  premoderatedForums: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(parseId).filter((id): id is number => id !== null)),
});

export const watchedWordSchema = z.object({
  pattern: z.string({ required_error: 'moderation:words.errors.empty' }).trim().max(200, 'moderation:words.errors.tooLong'),
  action: z.enum(['block', 'hold', 'flag'], { errorMap: () => ({ message: 'moderation:words.errors.action' }) }),
});

export const auditFilterSchema = z.object({
  action: z.string().max(40).optional(),
  moderator: z.string().max(100).optional(),
  from: z.string().regex(/^\d{4}-\d\d-\d\d$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d\d-\d\d$/).optional().catch(undefined),
  before: z.string().optional().transform((value) => parseId(value) ?? undefined),
});

/** Socket: a moderator joins the live queue of one town. */
export const moderationJoinPayload = z.object({ townId: socketIdSchema }).strict();
