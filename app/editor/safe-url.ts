/**
 * The one place that decides which link targets a post may carry. Shared by the validator (server), the
 * renderer's final check, the editor's link dialog and the Link extension, so the browser never accepts a
 * link the server would refuse.
 *
 * Only absolute http:, https: and mailto: URLs pass. Rather than list the dangerous forms (javascript:,
 * data:, vbscript:, entity- or percent-encoded schemes, control characters a browser would strip, …) the
 * check is an allow-list on the raw string *and* on the WHATWG parse of it: anything a browser could read
 * differently from what we checked is refused.
 */

export const MAX_HREF_LENGTH = 2048;

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Characters never allowed inside a href (after trimming the ends): C0/C1 controls, every kind of space,
 * zero-width and bidi-control characters (used to hide or disguise a scheme), byte-order marks, and the
 * characters that only appear in markup-injection attempts (`"`, `<`, `>`, backtick) or that browsers
 * silently rewrite (backslash becomes `/` in http URLs).
 */
const FORBIDDEN_CHARS =
  /[\u0000-\u0020\u007F-\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFF"<>`\\]/;

/** A lone UTF-16 surrogate: not valid Unicode, and PostgreSQL's jsonb refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Returns the canonical form (`URL.href`, e.g. punycode host) of an absolute http(s)/mailto URL, or null
 * when the input is not one. This is the strict check used on stored documents.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (value.length === 0 || value.length > MAX_HREF_LENGTH) return null;
  if (FORBIDDEN_CHARS.test(value) || LONE_SURROGATE.test(value)) return null;

  // The scheme is read from the raw text, before any parser had a chance to decode or repair it.
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !ALLOWED_SCHEMES.has(scheme)) return null;
  // `http:example.com` and `https:/x` parse (WHATWG repairs them); demand the plain `//host` form.
  if (scheme !== 'mailto' && !/^https?:\/\/[^/]/i.test(value)) return null;

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== `${scheme}:`) return null;
  if (scheme === 'mailto') {
    // mailto has an opaque path: require an address in it, not just parameters.
    if (!url.pathname.includes('@')) return null;
  } else {
    if (!url.hostname) return null;
    // `https://trusted.example@evil.example` shows one host and opens another.
    if (url.username || url.password) return null;
  }
  const href = url.href;
  return href.length <= MAX_HREF_LENGTH ? href : null;
}

/** Convenience predicate for {@link safeHref}. */
export function isSafeHref(raw: unknown): boolean {
  return safeHref(raw) !== null;
}

const EMAIL_LIKE = /^[^\s@/?#:]+@[^\s@/?#:]+\.[^\s@/?#:]+$/;
const HOST_LIKE = /^[^\s@/?#:.][^\s@/?#:]*\.[^\s@/?#:]+(?:[/?#]|$)/;

/**
 * What a person typed into the link dialog (or what autolink found): accepts the strict forms and, for
 * convenience, a bare address (`example.org/path` → `https://example.org/path`, `name@example.org` →
 * `mailto:name@example.org`). Relative and protocol-relative inputs stay refused. Returns the canonical
 * href or null.
 */
export function normalizeLinkInput(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (SCHEME.test(value)) return safeHref(value);
  if (EMAIL_LIKE.test(value)) return safeHref(`mailto:${value}`);
  if (HOST_LIKE.test(value)) return safeHref(`https://${value}`);
  return null;
}
