/**
 * The "briefly unavailable" page while the database cannot be reached (status 503), shared by the server
 * and the root error boundary: the request's language (found without the database) and, after a page post
 * without JavaScript, what was typed, to send again.
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
