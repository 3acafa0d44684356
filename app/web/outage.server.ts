/**
 * Answers while the database is unreachable (decision 007): a 503 page in the request's language instead
 * of a server error, keeping what someone typed. Whether an error means "unreachable" is decided in one
 * place, app/database/outage.ts.
 */
import { data } from '@remix-run/node';
import { resolveLanguage } from '#app/i18n/locale.server';
import { isDatabaseUnavailable } from '#app/database/outage';
import type { KeptSubmission, UnavailableData } from './outage';

export { isDatabaseUnavailable };

/** Which field holds the text worth keeping, and its label's key. */
export interface KeepText {
  field: string;
  label: string;
}

const SECRET_FIELDS = new Set(['password', 'passwordConfirm', 'currentPassword']);

/** The 503 for the root error page, in the request's language (found without the database). */
export async function unavailablePage(request: Request, kept?: KeptSubmission) {
  const { language } = await resolveLanguage(request, null);
  return data<UnavailableData>(kept ? { unavailable: true, language, kept } : { unavailable: true, language }, { status: 503 });
}

/**
 * For a full-page form post (a browser without JavaScript): the page cannot be rebuilt around the form error,
 * because its loaders need the database. So this throws the 503 to the root error page, which shows what was
 * typed in a form that sends it again. Posts made by the page's own script (which do not ask for HTML)
 * return, and get the form's 503 answer in place.
 */
export async function keepSubmissionIfUnavailable(request: Request, payload: Record<string, unknown>, keep: KeepText) {
  if (!request.headers.get('accept')?.includes('text/html')) return;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (!SECRET_FIELDS.has(name) && typeof value === 'string') fields[name] = value.slice(0, 250_000);
  }
  throw await unavailablePage(request, keep.field in fields ? { fields, textField: keep.field, label: keep.label } : undefined);
}

/** Turns an unreachable database met by a loader into the 503 page; other errors pass. */
export async function throwIfUnavailable(error: unknown, request: Request): Promise<void> {
  if (isDatabaseUnavailable(error)) throw await unavailablePage(request);
}
