/**
 * Form posts, server side. Every action reads its form through here: the body must be a form (415
 * otherwise), readable (400), of reasonable shape (413 for thousands of fields); the same zod schema as the
 * browser's validates it (conform); refusals — of the schema or of a domain rule — come back next to their
 * field with what was typed, capped at each field's own limit. While the database is unreachable, the answer
 * is 503 with the text kept (see outage.server.ts).
 */
import { data } from '@remix-run/node';
import type { Submission, SubmissionResult } from '@conform-to/react';
import { z } from 'zod';
import { isDomainError, type DomainError } from '#app/domain/errors';
import { isDatabaseUnavailable } from '#app/database/outage';
import { encodeError, FORM_ERROR, parseFormWithSchema, type FormReply } from './form';
import { keepSubmissionIfUnavailable, type KeepText } from './outage.server';

/** More fields than any form of the app has: a form with thousands is an attack, refused before it is parsed. */
export const MAX_FORM_FIELDS = 500;
/** What is kept of a field without a length limit of its own, when a form is sent back. */
const KEPT_VALUE_LIMIT = 2_000;
const SECRET_FIELDS = ['password', 'passwordConfirm', 'currentPassword'];

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

export const DOMAIN_STATUS: Record<DomainError['code'], number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  throttled: 429,
  unauthenticated: 401,
};

/** The posted form, or a 4xx Response thrown (never a 500, whatever the body is). */
export async function readFormData(request: Request): Promise<FormData> {
  if (!FORM_TYPES.test(request.headers.get('content-type') ?? '')) {
    throw new Response('Only form posts are accepted here.', { status: 415 });
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw new Response('The form could not be read.', { status: 400 });
  }
  let count = 0;
  for (const _entry of formData.keys()) {
    if (++count > MAX_FORM_FIELDS) throw new Response('The form has too many fields.', { status: 413 });
  }
  return formData;
}

type AnySchema = z.ZodTypeAny;
export type FormSubmission<S extends AnySchema> = Submission<z.input<S>, string[], z.output<S>> & { formName: string };

/**
 * Reads and validates a form. `formName` tells the page which of its forms the answer belongs to: the
 * `intent` the form posted (its submit button or a hidden field), else "default".
 */
export interface ReadOptions {
  /** Fields the form always sends but a hand-made request may leave out (the intent of a form's main button). */
  defaults?: Record<string, string>;
  /** How the body is read: a plain form (the default) or, for forms with files, `readUploadFormData`. */
  read?: (request: Request) => Promise<FormData>;
}

export async function parseSubmission<S extends AnySchema>(request: Request, schema: S, options: ReadOptions = {}): Promise<FormSubmission<S>> {
  const formData = await (options.read ?? readFormData)(request);
  for (const [name, value] of Object.entries(options.defaults ?? {})) if (!formData.has(name)) formData.set(name, value);
  return parseFormData(formData, schema);
}

export function parseFormData<S extends AnySchema>(formData: FormData, schema: S): FormSubmission<S> {
  const formName = typeof formData.get('intent') === 'string' ? String(formData.get('intent')).slice(0, 60) : 'default';
  const withControlCharacters = new Set<string>();
  for (const [name, value] of formData) {
    if (typeof value === 'string' && /[\u0000]/.test(value)) withControlCharacters.add(name);
  }
  const submission = parseFormWithSchema(formData, schema) as FormSubmission<S>;
  submission.formName = formName;
  if (withControlCharacters.size === 0) return submission;
  // A NUL byte can only come from a tampered request or a broken paste: say so next to the field.
  const fieldErrors = Object.fromEntries([...withControlCharacters].map((name) => [name, ['common:errors.controlCharacter']]));
  return {
    status: 'error',
    payload: submission.payload,
    error: fieldErrors,
    formName,
    reply: (options) => submission.reply({ ...(options as object), fieldErrors }),
  } as FormSubmission<S>;
}

/** The browser gets the form back with the schema's errors next to the fields. */
export function rejected<S extends AnySchema>(submission: FormSubmission<S>, schema: S, status = 400) {
  return data(finalise(submission, schema, submission.reply({ hideFields: SECRET_FIELDS })), { status });
}

/**
 * Runs the domain call of an action. A DomainError comes back next to its field (or for the whole form),
 * translated in the page, with what was typed; an unreachable database as 503 (a page post without
 * JavaScript gets the root's "briefly unavailable" page with `keep`'s text in it). Anything else is a bug
 * and rethrows.
 */
export async function attempt<S extends AnySchema, T>(
  request: Request,
  submission: FormSubmission<S>,
  schema: S,
  run: () => Promise<T>,
  keep?: KeepText,
): Promise<T | ReturnType<typeof data<FormReply>>> {
  try {
    return await run();
  } catch (error) {
    return await failed(request, submission, schema, error, keep);
  }
}

/**
 * An action's whole form path in one call: read and validate the form, answer a refusal with the errors next
 * to the fields, else run the domain call with the parsed input (see `attempt` for what a failure answers).
 */
export async function formAction<S extends AnySchema, T>(
  request: Request,
  schema: S,
  run: (input: z.output<S>, submission: FormSubmission<S>) => Promise<T>,
  options: { keep?: KeepText } & ReadOptions = {},
) {
  const submission = await parseSubmission(request, schema, options);
  if (submission.status !== 'success') return rejected(submission, schema);
  return attempt(request, submission, schema, () => run(submission.value as z.output<S>, submission), options.keep);
}

export async function failed<S extends AnySchema>(request: Request, submission: FormSubmission<S>, schema: S, error: unknown, keep?: KeepText) {
  if (error instanceof Response) throw error;
  if (isDatabaseUnavailable(error)) {
    if (keep) await keepSubmissionIfUnavailable(request, submission.payload, keep);
    return data(finalise(submission, schema, submission.reply({ formErrors: ['common:errors.unavailable'], hideFields: SECRET_FIELDS })), { status: 503 });
  }
  if (!isDomainError(error)) throw error;
  const message = encodeError(error.i18nKey, error.params);
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields: SECRET_FIELDS })
    : submission.reply({ formErrors: [message], hideFields: SECRET_FIELDS });
  return data(finalise(submission, schema, reply), { status: DOMAIN_STATUS[error.code] });
}

/** A form answer for a domain error outside a form submission (e.g. a button without fields). */
export function domainErrorReply(error: DomainError, formName = 'default') {
  const reply: FormReply = { status: 'error', formName, error: { [error.field ?? FORM_ERROR]: [encodeError(error.i18nKey, error.params)] } };
  return data(reply, { status: DOMAIN_STATUS[error.code] });
}

function finalise<S extends AnySchema>(submission: FormSubmission<S>, schema: S, reply: SubmissionResult<string[]>): FormReply {
  return { ...reply, initialValue: capKeptValues(reply.initialValue ?? null, schema), formName: submission.formName };
}

/**
 * What was typed goes back to the page, but never more of a field than its schema accepts: a 10 MB field must
 * not come back as a 20 MB page.
 */
export function capKeptValues(values: SubmissionResult['initialValue'], schema: AnySchema): SubmissionResult['initialValue'] {
  if (!values) return values ?? null;
  const cap = (value: unknown, limit: number): unknown => {
    if (typeof value === 'string') return value.length > limit ? value.slice(0, limit) : value;
    if (Array.isArray(value)) return value.slice(0, 100).map((item) => cap(item, limit));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).slice(0, 100).map(([key, item]) => [key, cap(item, limit)]));
    return value;
  };
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, cap(value, maxLengthOf(schema, name) ?? KEPT_VALUE_LIMIT)])) as SubmissionResult['initialValue'];
}

/** The `.max()` of a top-level string field of an object schema (through effects, optionals and defaults). */
function maxLengthOf(schema: AnySchema, name: string): number | null {
  const shape = objectShape(schema);
  let field: AnySchema | undefined = shape?.[name];
  for (let depth = 0; field && depth < 8; depth++) {
    const def = field._def as { typeName?: string; checks?: { kind: string; value: number }[]; innerType?: AnySchema; schema?: AnySchema; in?: AnySchema };
    if (def.typeName === 'ZodString') return def.checks?.find((check) => check.kind === 'max')?.value ?? null;
    field = def.innerType ?? def.schema ?? def.in;
  }
  return null;
}

function objectShape(schema: AnySchema): Record<string, AnySchema> | null {
  const def = schema._def as { typeName?: string; shape?: () => Record<string, AnySchema>; schema?: AnySchema; options?: AnySchema[] };
  if (def.typeName === 'ZodObject') return def.shape!();
  if (def.typeName === 'ZodEffects' && def.schema) return objectShape(def.schema);
  if (def.typeName === 'ZodDiscriminatedUnion' && def.options) {
    return Object.assign({}, ...def.options.map((option) => objectShape(option) ?? {}));
  }
  return null;
}
