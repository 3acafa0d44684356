/** What the personal-data forms may carry: one zod schema per input, shared by server and browser. */
import { z } from 'zod';

export const EXPORT_DAYS = 7;
export const GRACE_DAYS = 14;

export const requestExportSchema = z.object({ intent: z.literal('request-export') });

export const requestDeletionSchema = z.object({
  intent: z.literal('request-deletion'),
  content: z.enum(['keep', 'remove'], { errorMap: () => ({ message: 'privacy:errors.contentChoice' }) }),
  currentPassword: z
    .string({ required_error: 'privacy:errors.passwordRequired' })
    .min(1, 'privacy:errors.passwordRequired')
    .max(200, 'privacy:errors.passwordRequired'),
});

export const cancelDeletionSchema = z.object({ intent: z.literal('cancel-deletion') });

export type RequestDeletionInput = z.output<typeof requestDeletionSchema>;
