/**
 * Form handling shared by route actions: parse with the same zod schema as the browser, and turn zod
 * issues and DomainErrors into translated-key errors per field. What was typed goes back with them, so
 * nothing is lost (passwords excepted: the browser keeps those in the field).
 */
import { data } from '@remix-run/node';
import type { z } from 'zod';
import { isDomainError } from '#app/domain/errors';
import type { FieldError, FormFailure } from '#app/forms';


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
  if (!isDomainError(error)) throw error;
  const status = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, throttled: 429, unauthenticated: 401 }[error.code];
  return data<FormFailure>(
    { ok: false, fields: formFields(formData), errors: { [error.field ?? 'form']: { key: error.i18nKey, params: error.params } } },
    { status },
  );
}
