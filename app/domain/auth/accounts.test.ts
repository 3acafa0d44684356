import { describe, expect, it } from 'vitest';
import { sql } from '#app/db.server';
import { requestPasswordReset, resetPassword, signIn, signUp, verifyEmail } from './accounts.server';
import { validateSession } from './sessions.server';
import { createUser, linkFromMail, testContext, tokenOf, uniqueEmail } from '../../../db/testing/factories';

const cookieOf = (setCookie: string) => setCookie.split(';')[0];

describe('sign-up, verification and sign-in', () => {
  it('creates an account that must confirm its address before signing in', async () => {
    const email = uniqueEmail('new');
    await signUp({ email, password: 'a good long password', displayName: 'Neu' }, testContext());
    await expect(signIn({ email, password: 'a good long password' }, testContext())).rejects.toMatchObject({ i18nKey: 'auth:errors.emailNotVerified' });

    await verifyEmail(tokenOf(await linkFromMail(email, 'verify-email')));
    const session = await signIn({ email, password: 'a good long password' }, testContext());
    expect(await validateSession(cookieOf(session.cookie), false)).toMatchObject({ userId: session.userId });
  });

  it('stores only an argon2id hash of the password', async () => {
    const { email } = await createUser();
    const [row] = await sql`select password_hash from users where email = ${email}`;
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('does not reveal whether an address has an account, and tells the owner instead', async () => {
    const { email } = await createUser({ label: 'owner' });
    await expect(signUp({ email, password: 'another long password', displayName: 'Fake' }, testContext())).resolves.toBeUndefined();
    const [mail] = await sql`select subject from mail_outbox where recipient = ${email} order by id desc limit 1`;
    expect(mail.subject).toMatch(/tried to create an account/);
    const [{ count }] = await sql`select count(*)::int from users where lower(email) = ${email}`;
    expect(count).toBe(1);
  });

  it('refuses a used or unknown verification link', async () => {
    const email = uniqueEmail();
    await signUp({ email, password: 'a good long password', displayName: 'Neu' }, testContext());
    const token = tokenOf(await linkFromMail(email, 'verify-email'));
    await verifyEmail(token);
    await expect(verifyEmail(token)).rejects.toMatchObject({ i18nKey: 'auth:errors.tokenInvalid' });
    await expect(verifyEmail('made-up-token-value')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('answers a wrong password like an unknown address', async () => {
    const { email } = await createUser();
    await expect(signIn({ email, password: 'wrong password!' }, testContext())).rejects.toMatchObject({ i18nKey: 'auth:errors.wrongCredentials', field: 'password' });
    await expect(signIn({ email: uniqueEmail('nobody'), password: 'wrong password!' }, testContext())).rejects.toMatchObject({ i18nKey: 'auth:errors.wrongCredentials' });
  });
});

describe('throttling', () => {
  it('locks an account after five failed sign-ins, from any IP, and says how long to wait', async () => {
    const { email, password } = await createUser();
    for (let i = 0; i < 5; i++) {
      await expect(signIn({ email, password: 'wrong password!' }, testContext({ ip: `192.0.2.${i + 1}` }))).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    const refused = signIn({ email, password }, testContext({ ip: '192.0.2.99' }));
    await expect(refused).rejects.toMatchObject({ code: 'throttled', i18nKey: 'auth:errors.throttled' });
    await refused.catch((error) => expect(error.params.minutes).toBeGreaterThanOrEqual(14));
  });

  it('limits failed sign-ins per IP across accounts', async () => {
    const ip = '192.0.2.200';
    for (let i = 0; i < 30; i++) {
      await signIn({ email: uniqueEmail('probe'), password: 'wrong password!' }, testContext({ ip })).catch(() => {});
    }
    const { email, password } = await createUser();
    await expect(signIn({ email, password }, testContext({ ip }))).rejects.toMatchObject({ code: 'throttled' });
    await expect(signIn({ email, password }, testContext({ ip: '192.0.2.201' }))).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it('limits sign-ups per IP', async () => {
    const ip = '192.0.2.150';
    for (let i = 0; i < 30; i++) await signUp({ email: uniqueEmail('bulk'), password: 'a good long password', displayName: 'Bulk' }, testContext({ ip }));
    await expect(signUp({ email: uniqueEmail('bulk'), password: 'a good long password', displayName: 'Bulk' }, testContext({ ip }))).rejects.toMatchObject({ code: 'throttled' });
  });
});

describe('password reset', () => {
  it('sets the new password and ends every session of the account', async () => {
    const { email, password } = await createUser();
    const first = await signIn({ email, password }, testContext());
    const second = await signIn({ email, password }, testContext());
    await requestPasswordReset(email, testContext());
    await resetPassword(tokenOf(await linkFromMail(email, 'reset-password')), 'a brand new password');

    expect(await validateSession(cookieOf(first.cookie), false)).toBeNull();
    expect(await validateSession(cookieOf(second.cookie), false)).toBeNull();
    await expect(signIn({ email, password }, testContext())).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(signIn({ email, password: 'a brand new password' }, testContext())).resolves.toMatchObject({ userId: first.userId });
  });

  it('sends nothing for an unknown address and still answers the same', async () => {
    const email = uniqueEmail('ghost');
    await expect(requestPasswordReset(email, testContext())).resolves.toBeUndefined();
    const [{ count }] = await sql`select count(*)::int from mail_outbox where recipient = ${email}`;
    expect(count).toBe(0);
  });
});
