import { z } from 'zod';

export const feedbackSchema = z.object({
  pageUrl: z.string({ required_error: 'accessibility:errors.pageRequired' }).trim().min(1, 'accessibility:errors.pageRequired').max(500, 'accessibility:errors.pageRequired'),
  description: z.string({ required_error: 'accessibility:errors.descriptionTooShort' }).trim().min(10, 'accessibility:errors.descriptionTooShort').max(5000, 'accessibility:errors.descriptionTooLong'),
  contactEmail: z
    .string()
    .trim()
    .max(254, 'auth:errors.emailInvalid')
    .email('auth:errors.emailInvalid')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
