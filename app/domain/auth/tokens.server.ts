/** One-time tokens (e-mail verification, password reset, sign-in links). Only a SHA-256 hash is stored. */
import crypto from 'node:crypto';
import type { Db } from '#app/database/client.server';

export type TokenPurpose = 'verify_email' | 'reset_password' | 'sign_in';

export const newToken = () => crypto.randomBytes(32).toString('base64url');
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function issueToken(db: Db, userId: string, purpose: TokenPurpose, validMinutes: number): Promise<string> {
  const token = newToken();
  await db`update user_tokens set used_at = now() where user_id = ${userId} and purpose = ${purpose} and used_at is null`;
  await db`insert into user_tokens (token_hash, user_id, purpose, expires_at)
           values (${hashToken(token)}, ${userId}, ${purpose}, now() + make_interval(mins => ${validMinutes}))`;
  return token;
}

/** Marks the token used and returns its user, or null when unknown, used or expired. */
export async function consumeToken(db: Db, token: string, purpose: TokenPurpose): Promise<string | null> {
  const [row] = await db`
    update user_tokens set used_at = now()
     where token_hash = ${hashToken(token)} and purpose = ${purpose} and used_at is null and expires_at > now()
    returning user_id`;
  return row?.userId ?? null;
}
