/**
 * Where to send someone after signing in: only a path of this site. The target is parsed as a URL the way
 * a browser would (which drops tabs and newlines and reads `/\` as `//`), so `/%09/evil.example` cannot
 * become another host; the result is percent-encoded, so any text is a valid Location header.
 */
const BASE = 'http://weltoffen.invalid';

export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback;
  let target: URL;
  try {
    target = new URL(value, BASE);
  } catch {
    return fallback;
  }
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as another host.
  if (target.origin !== BASE || target.pathname.startsWith('//')) return fallback;
  return `${target.pathname}${target.search}${target.hash}`;
}
