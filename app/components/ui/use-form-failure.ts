import { useActionData } from '@remix-run/react';
import type { FieldError } from '#app/forms';

interface ActionShape {
  ok?: boolean;
  fields?: Record<string, string>;
  errors?: Record<string, FieldError>;
}

/** The last failed submission: errors per field and what was typed, to refill the form. */
export function useFormFailure() {
  const result = useActionData<ActionShape>();
  const failed = result && result.ok === false ? result : null;
  return {
    errors: failed?.errors ?? {},
    value: (name: string, fallback = '') => failed?.fields?.[name] ?? fallback,
    result,
  };
}
