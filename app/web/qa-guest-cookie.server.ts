/**
 * A guest's way into an event's live Q&A (app/domain/dialogues/questions.server.ts): the link from their
 * registration mail, kept per event in one cookie so the questions page and its forms know the guest.
 * HttpOnly and SameSite like the session; the domain checks the link again on every read and write.
 */
import { createCookie } from '@remix-run/node';
import { settings } from '#app/env.server';

/** A guest rarely follows more than a few events at once; the oldest links make room. */
const MOST_EVENTS = 5;

const guestCookie = (https: boolean) =>
  createCookie('weltoffen_qa_guest', { path: '/', httpOnly: true, sameSite: 'lax', secure: settings().secureCookies || https, maxAge: 30 * 24 * 60 * 60 });

async function guestLinks(request: Request): Promise<[string, string][]> {
  const value = await guestCookie(false).parse(request.headers.get('Cookie')).catch(() => null);
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is [string, string] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string').slice(-MOST_EVENTS);
}

/** The guest link this browser holds for the event, if any. */
export async function guestTokenFor(request: Request, eventId: number): Promise<string | null> {
  return (await guestLinks(request)).find(([id]) => id === String(eventId))?.[1] ?? null;
}

/** The Set-Cookie header that adds (or replaces) the guest link for an event. */
export async function guestTokenCookieHeader(request: Request, eventId: number, token: string, https: boolean): Promise<string> {
  const others = (await guestLinks(request)).filter(([id]) => id !== String(eventId));
  return guestCookie(https).serialize([...others, [String(eventId), token]].slice(-MOST_EVENTS));
}
