/** The known-device cookie (app/domain/auth/devices.server.ts): read from a request, written at sign-in. */
import { createCookie } from '@remix-run/node';
import { settings } from '#app/env.server';

const deviceCookie = (https: boolean) =>
  createCookie('weltoffen_device', { path: '/', httpOnly: true, sameSite: 'lax', secure: settings().secureCookies || https, maxAge: 400 * 24 * 60 * 60 });

export async function deviceTokenOf(request: Request): Promise<string | null> {
  const value = await deviceCookie(false).parse(request.headers.get('Cookie'));
  return typeof value === 'string' ? value : null;
}

export const deviceCookieHeader = (token: string, https: boolean) => deviceCookie(https).serialize(token);
