/**
 * Accounts: sign-up with e-mail verification, sign-in, password reset, profile. Real names are never asked
 * for; the display name may be a pseudonym. Answers never reveal whether an e-mail address has an account.
 */
import crypto from 'node:crypto';
import { sql } from '#app/db.server';
import { DomainError } from '#app/domain/errors';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';
import type { Actor } from './permissions';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.server';
import { createSession, revokeAllSessions } from './sessions.server';
import { assertNotThrottled, clearAttempts, recordAttempt, throttleRules } from './throttle.server';
import { consumeToken, issueToken } from './tokens.server';

export interface RequestContext {
  ip: string;
  /** Base URL for links in mail (PUBLIC_URL in production). */
  origin: string;
  language: string;
  secure: boolean;
}

const newUserId = () => crypto.randomBytes(15).toString('base64url');

export async function signUp(input: { email: string; password: string; displayName: string }, ctx: RequestContext): Promise<void> {
  const ipRule = throttleRules.signUpPerIp(ctx.ip);
  await assertNotThrottled(sql, [ipRule]);
  const passwordHash = await hashPassword(input.password);
  await sql.begin(async (tx) => {
    await recordAttempt(tx, [ipRule]);
    const [existing] = await tx`select id, language from users where lower(email) = ${input.email}`;
    if (existing) {
      // Tell the owner, not the person at the form: no account enumeration.
      await enqueueMail(tx, renderMail('alreadyRegistered', input.email, existing.language, { link: `${ctx.origin}/forgot-password` }));
      return;
    }
    const userId = newUserId();
    await tx`insert into users (id, email, display_name, password_hash, language)
             values (${userId}, ${input.email}, ${input.displayName}, ${passwordHash}, ${ctx.language})`;
    const token = await issueToken(tx, userId, 'verify_email', 48);
    await enqueueMail(tx, renderMail('verifyEmail', input.email, ctx.language, { name: input.displayName, link: `${ctx.origin}/verify-email?token=${token}` }));
  });
}

export async function resendVerification(email: string, ctx: RequestContext): Promise<void> {
  const rule = throttleRules.mailRequestPerIp(ctx.ip);
  await assertNotThrottled(sql, [rule]);
  await sql.begin(async (tx) => {
    await recordAttempt(tx, [rule]);
    const [user] = await tx`select id, display_name, language from users where lower(email) = ${email} and email_verified_at is null`;
    if (!user) return;
    const token = await issueToken(tx, user.id, 'verify_email', 48);
    await enqueueMail(tx, renderMail('verifyEmail', email, user.language, { name: user.displayName, link: `${ctx.origin}/verify-email?token=${token}` }));
  });
}

export async function verifyEmail(token: string): Promise<void> {
  await sql.begin(async (tx) => {
    const userId = await consumeToken(tx, token, 'verify_email');
    if (!userId) throw new DomainError('invalid', 'auth:errors.tokenInvalid');
    await tx`update users set email_verified_at = coalesce(email_verified_at, now()) where id = ${userId}`;
  });
}

export interface SignedIn {
  userId: string;
  sessionId: string;
  cookie: string;
  language: string;
}

export async function signIn(input: { email: string; password: string }, ctx: RequestContext): Promise<SignedIn> {
  const accountRule = throttleRules.loginPerAccount(input.email);
  const ipRule = throttleRules.loginPerIp(ctx.ip);
  await assertNotThrottled(sql, [accountRule, ipRule]);
  const [user] = await sql`select id, password_hash, email_verified_at, language from users where lower(email) = ${input.email}`;
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !valid) {
    await recordAttempt(sql, [accountRule, ipRule]);
    throw new DomainError('unauthenticated', 'auth:errors.wrongCredentials', {}, 'password');
  }
  if (!user.emailVerifiedAt) throw new DomainError('forbidden', 'auth:errors.emailNotVerified', {}, 'email');
  await clearAttempts(sql, accountRule);
  const session = await createSession(user.id, ctx.secure);
  return { userId: user.id, sessionId: session.sessionId, cookie: session.cookie, language: user.language };
}

export async function requestPasswordReset(email: string, ctx: RequestContext): Promise<void> {
  const rule = throttleRules.mailRequestPerIp(ctx.ip);
  await assertNotThrottled(sql, [rule]);
  await sql.begin(async (tx) => {
    await recordAttempt(tx, [rule]);
    const [user] = await tx`select id, display_name, language from users where lower(email) = ${email}`;
    if (!user) return;
    const token = await issueToken(tx, user.id, 'reset_password', 2);
    await enqueueMail(tx, renderMail('resetPassword', email, user.language, { name: user.displayName, link: `${ctx.origin}/reset-password?token=${token}` }));
  });
}

/** Sets a new password and ends every session of the account (a reset is what one does after a break-in). */
export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const userId = await sql.begin(async (tx) => {
    const id = await consumeToken(tx, token, 'reset_password');
    if (!id) throw new DomainError('invalid', 'auth:errors.tokenInvalid');
    // Following the mailed link proves the address, too.
    await tx`update users set password_hash = ${passwordHash}, email_verified_at = coalesce(email_verified_at, now()) where id = ${id}`;
    return id;
  });
  await revokeAllSessions(userId);
}

export async function updateProfile(actor: Actor, input: { displayName: string; language: string }): Promise<void> {
  await sql`update users set display_name = ${input.displayName}, language = ${input.language} where id = ${actor.userId}`;
}

export async function setPreferredLanguage(userId: string, language: string): Promise<void> {
  await sql`update users set language = ${language} where id = ${userId}`;
}

export async function preferredLanguage(userId: string): Promise<string | null> {
  const [row] = await sql`select language from users where id = ${userId}`;
  return row?.language ?? null;
}
