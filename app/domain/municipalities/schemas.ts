import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '#app/i18n/languages';
import { STAFF_ROLES } from '#app/domain/auth/permissions';

export const GERMAN_STATES = [
  'BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH',
] as const;

const languageList = z.array(z.enum(SUPPORTED_LANGUAGES as unknown as [string, ...string[]])).min(1, 'towns:errors.languagesRequired');

export const createTownSchema = z
  .object({
    name: z.string({ required_error: 'towns:errors.nameRequired' }).trim().min(2, 'towns:errors.nameRequired').max(80, 'towns:errors.nameTooLong'),
    slug: z
      .string({ required_error: 'towns:errors.slugInvalid' })
      .trim()
      .toLowerCase()
      .min(2, 'towns:errors.slugInvalid')
      .max(60, 'towns:errors.slugInvalid')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'towns:errors.slugInvalid'),
    state: z.enum(GERMAN_STATES, { errorMap: () => ({ message: 'towns:errors.stateRequired' }) }),
    defaultLanguage: z.enum(SUPPORTED_LANGUAGES as unknown as [string, ...string[]], { errorMap: () => ({ message: 'towns:errors.languagesRequired' }) }),
    languages: languageList,
  })
  .refine((t) => t.languages.includes(t.defaultLanguage), { path: ['defaultLanguage'], message: 'towns:errors.defaultNotOffered' });

export const inviteSchema = z.object({
  email: z.string({ required_error: 'auth:errors.emailInvalid' }).trim().toLowerCase().email('auth:errors.emailInvalid').max(254, 'auth:errors.emailInvalid'),
  role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: 'towns:errors.roleInvalid' }) }),
});

export const changeRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(['member', ...STAFF_ROLES] as const, { errorMap: () => ({ message: 'towns:errors.roleInvalid' }) }),
});

/** Marks a member or staff member as an official of the town (or takes the mark away). */
export const markOfficialSchema = z.object({
  userId: z.string().min(1).max(64),
  official: z.enum(['true', 'false'], { errorMap: () => ({ message: 'common:errors.invalid' }) }).transform((value) => value === 'true'),
});
