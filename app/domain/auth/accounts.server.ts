/**
 * Accounts: sign-up with e-mail verification, sign-in (by password, or by a mailed one-time link), password
 * reset, profile. Real names are never asked for; the display name may be a pseudonym. Answers never reveal
 * whether an e-mail address has an account, neither in what they say nor in how long they take.
 */
import crypto from 'node:crypto';
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';
import { enqueue } from '#app/domain/jobs/queue.server';
import { settings } from '#app/env.server';
import type { Actor, MaybeActor } from './permissions';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.server';
import { createSession, revokeAllSessions } from './sessions.server';
import { assertNotThrottled, clearAttempts, recordAttempt, throttleRules } from './throttle.server';
import { consumeToken, issueToken } from './tokens.server';
import { isKnownDevice, rememberDevice } from './devices.server';

/** What the web layer knows about the client behind a request. */
export interface ClientFacts {
  /** The client's address as the app sees it (behind TRUST_PROXY: the forwarded one). */
  ip: string;
  /** The UI language of the request, for mail to someone without an account yet. */
  language: string;
}

const newUserId = () => crypto.randomBytes(15).toString('base64url');
const origin = () => settings().publicOrigin;

export async function signUp(_actor: MaybeActor, input: { email: string; password: string; displayName: string } & ClientFacts): Promise<void> {
  const ipRule = throttleRules.signUpPerIp(input.ip);
  await assertNotThrottled(sql, [ipRule]);
  const passwordHash = await hashPassword(input.password);
  await sql.begin(async (tx) => {
    await recordAttempt(tx, [ipRule]);
    const [existing] = await tx`select id, language from users where lower(email) = ${input.email}`;
    if (existing) {
      // Tell the owner, not the person at the form: no account enumeration.
      await enqueueMail(tx, renderMail('alreadyRegistered', input.email, existing.language, { link: `${origin()}/forgot-password` }));
      return;
    }
    const userId = newUserId();
    await tx`insert into users (id, email, display_name, password_hash, language)
             values (${userId}, ${input.email}, ${input.displayName}, ${passwordHash}, ${input.language})`;
    const token = await issueToken(tx, userId, 'verify_email', 48 * 60);
    await enqueueMail(tx, renderMail('verifyEmail', input.email, input.language, { name: input.displayName, link: `${origin()}/verify-email?token=${token}` }));
  });
}

/**
 * Mail that goes to an address only if it has an account (a reset link, a sign-in link, a new verification
 * link) is written by a job: the request itself does the same work for every address, so its answer and its
 * time say nothing about whether the account exists.
 */
export type AccountMailKind = 'reset_password' | 'sign_in' | 'verify_email';

async function requestAccountMail(kind: AccountMailKind, input: { email: string } & ClientFacts): Promise<void> {
  // Per client only: a limit per address would let a stranger use up the owner's links.
  const rules = [throttleRules.mailRequestPerIp(input.ip)];
  await assertNotThrottled(sql, rules);
  await sql.begin(async (tx) => {
    await recordAttempt(tx, rules);
    await enqueue(tx, 'send-account-mail', { kind, email: input.email });
  });
}

export const requestPasswordReset = (_actor: MaybeActor, input: { email: string } & ClientFacts) => requestAccountMail('reset_password', input);
export const requestSignInLink = (_actor: MaybeActor, input: { email: string } & ClientFacts) => requestAccountMail('sign_in', input);
export const resendVerification = (_actor: MaybeActor, input: { email: string } & ClientFacts) => requestAccountMail('verify_email', input);

/** One link of a kind per address in this time: requests from strangers can neither flood an inbox nor void the owner's link. */
const ONE_LINK_PER_MINUTES = 5;

/** The job behind requestAccountMail: looks the address up and mails the link, or nothing. */
export async function sendAccountMail(input: { kind: AccountMailKind; email: string }): Promise<void> {
  await sql.begin(async (tx) => {
    const [user] = await tx`select id, display_name, language, email_verified_at from users where lower(email) = ${input.email}`;
    if (!user) return;
    const [recent] = await tx`
      select 1 from user_tokens where user_id = ${user.id} and purpose = ${input.kind} and used_at is null and expires_at > now()
         and created_at > now() - make_interval(mins => ${ONE_LINK_PER_MINUTES})`;
    if (recent) return;
    if (input.kind === 'verify_email') {
      if (user.emailVerifiedAt) return;
      const token = await issueToken(tx, user.id, 'verify_email', 48 * 60);
      await enqueueMail(tx, renderMail('verifyEmail', input.email, user.language, { name: user.displayName, link: `${origin()}/verify-email?token=${token}` }));
    } else if (input.kind === 'reset_password') {
      const token = await issueToken(tx, user.id, 'reset_password', 120);
      await enqueueMail(tx, renderMail('resetPassword', input.email, user.language, { name: user.displayName, link: `${origin()}/reset-password?token=${token}` }));
    } else {
      const token = await issueToken(tx, user.id, 'sign_in', 15);
      await enqueueMail(tx, renderMail('signInLink', input.email, user.language, { name: user.displayName, link: `${origin()}/login/link?token=${token}` }));
    }
  });
}

export async function verifyEmail(_actor: MaybeActor, input: { token: string }): Promise<void> {
  await sql.begin(async (tx) => {
    const userId = await consumeToken(tx, input.token, 'verify_email');
    if (!userId) throw new DomainError('invalid', 'auth:errors.tokenInvalid');
    await tx`update users set email_verified_at = coalesce(email_verified_at, now()) where id = ${userId}`;
  });
}

export interface SignedIn {
  userId: string;
  sessionId: string;
  cookie: string;
  language: string;
  /** This browser's device token, to keep in its device cookie (new, or the one it sent). */
  deviceToken: string;
}

/**
 * Password sign-in. Failed attempts are counted per address *and* client, per client, and per address: a
 * stranger's wrong passwords throttle the stranger. When an address is under attack from many clients,
 * password sign-in pauses for new devices only — a browser that signed in to the account before gets
 * through, and anyone can ask for a mailed sign-in link.
 */
export async function signIn(
  _actor: MaybeActor,
  input: { email: string; password: string; https: boolean; deviceToken?: string | null } & Pick<ClientFacts, 'ip'>,
): Promise<SignedIn> {
  const [user] = await sql`select id, password_hash, email_verified_at, language from users where lower(email) = ${input.email}`;
  const knownDevice = !!user && !!input.deviceToken && (await isKnownDevice(user.id, input.deviceToken));
  const rules = knownDevice
    ? [throttleRules.loginPerDevice(input.deviceToken!)]
    : [throttleRules.loginPerAccountAndClient(input.email, input.ip), throttleRules.loginPerIp(input.ip), throttleRules.loginPerAccount(input.email)];
  await assertNotThrottled(sql, rules, knownDevice ? 'auth:errors.throttled' : 'auth:errors.throttledUseLink');
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !valid) {
    await recordAttempt(sql, rules);
    throw new DomainError('unauthenticated', 'auth:errors.wrongCredentials', {}, 'password');
  }
  if (!user.emailVerifiedAt) throw new DomainError('forbidden', 'auth:errors.emailNotVerified', {}, 'email');
  await clearAttempts(sql, rules[0]);
  return startSession(user.id, user.language, input.https, knownDevice ? input.deviceToken! : null);
}

/** The mailed one-time link: proves the address, so it signs in whatever strangers did meanwhile. */
export async function signInWithLink(_actor: MaybeActor, input: { token: string; https: boolean; deviceToken?: string | null }): Promise<SignedIn> {
  const userId = await sql.begin(async (tx) => {
    const id = await consumeToken(tx, input.token, 'sign_in');
    if (!id) throw new DomainError('invalid', 'auth:errors.tokenInvalid');
    await tx`update users set email_verified_at = coalesce(email_verified_at, now()) where id = ${id}`;
    return id;
  });
  const [user] = await sql`select language from users where id = ${userId}`;
  const known = input.deviceToken && (await isKnownDevice(userId, input.deviceToken)) ? input.deviceToken : null;
  return startSession(userId, user.language, input.https, known);
}

async function startSession(userId: string, language: string, https: boolean, knownDeviceToken: string | null): Promise<SignedIn> {
  const session = await createSession(userId, https);
  const deviceToken = await rememberDevice(userId, knownDeviceToken);
  return { userId, sessionId: session.sessionId, cookie: session.cookie, language, deviceToken };
}

/** Sets a new password and ends every session of the account (a reset is what one does after a break-in). */
export async function resetPassword(_actor: MaybeActor, input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const userId = await sql.begin(async (tx) => {
    const id = await consumeToken(tx, input.token, 'reset_password');
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

export async function setPreferredLanguage(actor: Actor, input: { language: string }): Promise<void> {
  await sql`update users set language = ${input.language} where id = ${actor.userId}`;
}
