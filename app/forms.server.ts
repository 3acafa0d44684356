/**
 * Form handling shared by route actions: parse with the same zod schema as the browser, and turn zod
 * issues and DomainErrors into translated-key errors per field. What was typed goes back with them, so
 * nothing is lost (passwords excepted: the browser keeps those in the field). While the database is
 * unreachable, a submission gets 503 and `common:errors.unavailable`, again with what was typed.
 */
import { data } from '@remix-run/node';
import type { z } from 'zod';
import { isDomainError } from '#app/domain/errors';
import { isDatabaseUnavailable } from '#app/db.server';
import { resolveLanguage } from '#app/i18n/locale.server';
import type { FieldError, FormFailure, KeptSubmission, UnavailableData } from '#app/forms';

export { isDatabaseUnavailable };

const SECRET_FIELDS = new Set(['password', 'passwordConfirm']);

export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === 'string' && !SECRET_FIELDS.has(name)) fields[name] = name in fields ? `${fields[name]},${value}` : value;
  }
  return fields;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: FormFailure };

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, extra: Record<string, unknown> = {}): Parsed<z.infer<S>> {
  const input: Record<string, unknown> = { ...extra };
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    input[key] = all.length > 1 || key.endsWith('[]') ? all : all[0];
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, FieldError> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= { key: issue.message.includes(':') ? issue.message : 'common:errors.invalid' };
  }
  return { ok: false, failure: { ok: false, fields: formFields(formData), errors } };
}

export function invalid(failure: FormFailure, status = 400) {
  return data(failure, { status });
}

/** Turns a DomainError into a form failure next to its field (or for the form); other errors rethrow. */
export function domainFailure(error: unknown, formData: FormData) {
  if (isDatabaseUnavailable(error)) {
    return data<FormFailure>({ ok: false, fields: formFields(formData), errors: { form: { key: 'common:errors.unavailable' } } }, { status: 503 });
  }
  if (!isDomainError(error)) throw error;
  const status = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, throttled: 429, unauthenticated: 401 }[error.code];
  return data<FormFailure>(
    { ok: false, fields: formFields(formData), errors: { [error.field ?? 'form']: { key: error.i18nKey, params: error.params } } },
    { status },
  );
}

/** The 503 for the root error page, in the request's language (found without the database). */
export async function unavailablePage(request: Request, kept?: KeptSubmission) {
  const { language } = await resolveLanguage(request, null);
  return data<UnavailableData>(kept ? { unavailable: true, language, kept } : { unavailable: true, language }, { status: 503 });
}

/**
 * For a full-page form post (a browser without JavaScript) while the database is unavailable: the page cannot
 * be rebuilt around the form error, because its loaders need the database. So this throws the 503 to the root
 * error page, which says so and shows what was typed in a form that sends it again. Posts made by the page's
 * own script (Remix fetches, which do not ask for HTML) return without throwing: domainFailure answers those
 * in place and the page stays as it is. Call it first in an action's catch.
 */
export async function keepSubmissionIfUnavailable(error: unknown, request: Request, formData: FormData, text: { field: string; label: string }) {
  if (!isDatabaseUnavailable(error) || !request.headers.get('accept')?.includes('text/html')) return;
  const fields = formFields(formData);
  throw await unavailablePage(request, text.field in fields ? { fields, textField: text.field, label: text.label } : undefined);
}
