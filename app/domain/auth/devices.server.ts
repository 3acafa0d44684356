/**
 * Browsers that signed in to an account before. Each keeps a random token in a long-lived cookie; only its
 * hash is stored. A known device may still sign in while strangers' failed attempts pause the account for
 * everyone else — so nobody can keep a mayor out by typing wrong passwords for her address.
 */
import { sql } from '#app/database/client.server';
import { hashToken, newToken } from './tokens.server';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function isKnownDevice(userId: string, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const [row] = await sql`
    update known_devices set last_used_at = now() where token_hash = ${hashToken(token)} and user_id = ${userId} returning 1 as known`;
  return !!row;
}

/** Remembers this browser for the account (keeps a known token, or issues a new one); returns the token. */
export async function rememberDevice(userId: string, knownToken: string | null): Promise<string> {
  if (knownToken) return knownToken;
  const token = newToken();
  await sql`insert into known_devices (token_hash, user_id) values (${hashToken(token)}, ${userId})`;
  // Keep the last 20 devices of an account.
  await sql`delete from known_devices where user_id = ${userId} and token_hash not in
              (select token_hash from known_devices where user_id = ${userId} order by last_used_at desc limit 20)`;
  return token;
}
