/**
 * Forms in the browser: conform with the same zod schema the server uses, so a form is checked before it is
 * sent (and each field again as it is corrected) and once more on the server. Errors travel as i18n keys (with parameters encoded beside them)
 * and are translated where they are shown.
 */
import { useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod, unstable_coerceFormValue as coerceFormValue } from '@conform-to/zod';
import { useActionData } from '@remix-run/react';
import type { z } from 'zod';

// parseWithZod rebuilds the form-value coercion of a schema on every call (a new zod tree per submission,
// about half a millisecond for a composer's form): each schema is coerced once, and parsed without it again.
const coercedSchemas = new WeakMap<z.ZodTypeAny, z.ZodTypeAny>();

/** conform's parse of a form against a zod schema, with the schema's coercion built once. */
export function parseFormWithSchema(formData: FormData, schema: z.ZodTypeAny) {
  let coerced = coercedSchemas.get(schema);
  if (!coerced) {
    coerced = coerceFormValue(schema) as z.ZodTypeAny;
    coercedSchemas.set(schema, coerced);
  }
  return parseWithZod(formData, { schema: coerced, disableAutoCoercion: true });
}

/** conform keeps form-wide errors under the empty name. */
export const FORM_ERROR = '';

/** What an action answers when it refuses a form: conform's result plus which of the page's forms it was. */
export type FormReply = SubmissionResult<string[]> & { formName: string };

const PARAMS_SEPARATOR = '|';

export const encodeError = (key: string, params?: Record<string, string | number>) =>
  params && Object.keys(params).length ? `${key}${PARAMS_SEPARATOR}${JSON.stringify(params)}` : key;

/** An error as shown: its i18n key and parameters. zod's own messages (not keys) read as "invalid". */
export function decodeError(encoded: string): { key: string; params: Record<string, string | number> } {
  const at = encoded.indexOf(PARAMS_SEPARATOR);
  const key = at < 0 ? encoded : encoded.slice(0, at);
  let params: Record<string, string | number> = {};
  if (at >= 0) {
    try {
      params = JSON.parse(encoded.slice(at + 1));
    } catch {
      params = {};
    }
  }
  return { key: key.includes(':') ? key : 'common:errors.invalid', params };
}

export const isFormReply = (value: unknown): value is FormReply =>
  typeof value === 'object' && value !== null && typeof (value as FormReply).formName === 'string' && 'status' in (value as object);

/** The last answer of the page's action, when it belongs to the form posting `formName`. */
export function useFormReply(formName = 'default'): FormReply | undefined {
  const result = useActionData<unknown>();
  return isFormReply(result) && result.formName === formName ? result : undefined;
}

interface AppFormOptions<S extends z.ZodTypeAny> {
  /** The form's `intent` (its submit button's or hidden field's value); matches the server's answer to it. */
  formName?: string;
  /** Stable id: needed when a page has several forms of the same schema. */
  id?: string;
  defaultValue?: Partial<z.input<S>> & Record<string, unknown>;
  /** Another answer than the page action's (a fetcher's). */
  lastResult?: FormReply | null;
}

/** A schema's HTML constraints (required, maxlength, pattern …) never change: worked out once per schema, not per render. */
const constraints = new WeakMap<z.ZodTypeAny, ReturnType<typeof getZodConstraint>>();
function constraintOf(schema: z.ZodTypeAny) {
  let constraint = constraints.get(schema);
  if (!constraint) constraints.set(schema, (constraint = getZodConstraint(schema)));
  return constraint;
}

export function useAppForm<S extends z.ZodTypeAny>(schema: S, options: AppFormOptions<S> = {}) {
  const reply = useFormReply(options.formName);
  const metadata = useForm<z.input<S>, z.output<S>, string[]>({
    id: options.id,
    lastResult: options.lastResult !== undefined ? options.lastResult : reply,
    defaultValue: options.defaultValue as never,
    constraint: constraintOf(schema),
    // First on submit, then as the person corrects: errors appearing on blur would shift the page under a
    // pointer on its way to the submit button, and the click would miss it.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseFormWithSchema(formData, schema),
  });
  // conform re-renders a form for the errors its own render read; fields are handed to child components
  // (app/components/ui/field.tsx), whose reads it does not see, so the form subscribes to all its errors here.
  void metadata[0].allErrors;
  return metadata;
}
