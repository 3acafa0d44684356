/** Form and input schemas, shared by the browser and the server. Messages are i18n keys. */
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '#app/i18n/languages';

const email = z
  .string({ required_error: 'auth:errors.emailRequired' })
  .trim()
  .min(1, 'auth:errors.emailRequired')
  .max(254, 'auth:errors.emailInvalid')
  .email('auth:errors.emailInvalid')
  .transform((value) => value.toLowerCase());

export const newPassword = z
  .string({ required_error: 'auth:errors.passwordTooShort' })
  .min(10, 'auth:errors.passwordTooShort')
  .max(200, 'auth:errors.passwordTooLong');

export const displayName = z
  .string({ required_error: 'auth:errors.displayNameRequired' })
  .trim()
  .min(2, 'auth:errors.displayNameTooShort')
  .max(60, 'auth:errors.displayNameTooLong')
  .regex(/^[^<>]+$/u, 'auth:errors.displayNameInvalid');

export const language = z.enum(SUPPORTED_LANGUAGES as unknown as [string, ...string[]], { message: 'common:errors.languageInvalid' });

export const signUpSchema = z.object({
  email,
  password: newPassword,
  displayName,
  acceptTerms: z.literal('on', { errorMap: () => ({ message: 'auth:errors.acceptTerms' }) }),
});

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: 'auth:errors.passwordRequired' }).min(1, 'auth:errors.passwordRequired').max(200, 'auth:errors.passwordTooLong'),
});

export const emailOnlySchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ token: z.string().min(10).max(200), password: newPassword, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { message: 'auth:errors.passwordsDiffer', path: ['passwordConfirm'] });

export const profileSchema = z.object({ displayName, language });
