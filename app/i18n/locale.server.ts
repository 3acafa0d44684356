/**
 * Which language a request gets: ?lng= (and remembered), then a signed-in person's profile, then the
 * language cookie, then Accept-Language, then German.
 */
import { createCookie } from '@remix-run/node';
import { DEFAULT_LANGUAGE, isSupportedLanguage, languageFromAcceptHeader, type Language } from './languages';

export const languageCookie = createCookie('lng', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export async function resolveLanguage(request: Request, profileLanguage: string | null): Promise<{ language: Language; fromQuery: boolean }> {
  const query = new URL(request.url).searchParams.get('lng');
  if (isSupportedLanguage(query)) return { language: query, fromQuery: true };
  if (isSupportedLanguage(profileLanguage)) return { language: profileLanguage, fromQuery: false };
  const cookie = await languageCookie.parse(request.headers.get('Cookie'));
  if (isSupportedLanguage(cookie)) return { language: cookie, fromQuery: false };
  return { language: languageFromAcceptHeader(request.headers.get('Accept-Language')) ?? DEFAULT_LANGUAGE, fromQuery: false };
}
