/** Shapes of form results, shared by route actions and the components that show them. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

export interface FormFailure {
  ok: false;
  fields: Record<string, string>;
  errors: Record<string, FieldError>;
}

/**
 * The root error page's data while the database is unavailable (status 503): the request's language, read
 * without the database, and — for a full-page form post — what was typed, to send again.
 */
export interface UnavailableData {
  unavailable: true;
  language: string;
  kept?: KeptSubmission;
}

export interface KeptSubmission {
  /** Every field that was posted (passwords excepted), sent again as they were. */
  fields: Record<string, string>;
  /** The field someone typed their text into: shown as a textarea, the others stay hidden. */
  textField: string;
  /** Translation key of that field's label. */
  label: string;
}

export const isUnavailableData = (value: unknown): value is UnavailableData =>
  typeof value === 'object' && value !== null && (value as UnavailableData).unavailable === true && typeof (value as UnavailableData).language === 'string';
