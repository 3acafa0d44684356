import { describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { requestPasswordReset, requestSignInLink, resetPassword, sendAccountMail, signIn, signInWithLink, signUp, verifyEmail } from './accounts.server';
import type { TaskName } from '#app/domain/jobs/tasks';
import { validateSession } from './sessions.server';
import { createUser, linkFromMail, testClient, tokenOf, uniqueEmail, type TestPerson } from '../../../db/testing/factories';

/** The queue task behind account mail (typed, so a rename shows up in tsc). */
const ACCOUNT_MAIL: TaskName = 'send-account-mail';
const cookieOf = (setCookie: string) => setCookie.split(';')[0];
const newAccount = (email: string, ip = testClient().ip) =>
  signUp(null, { email, password: 'a good long password', displayName: 'Neu', ip, language: 'en' });
const signInAs = (person: Pick<TestPerson, 'email' | 'password'>, ip = testClient().ip, deviceToken?: string) =>
  signIn(null, { email: person.email, password: person.password, ip, https: false, deviceToken });
const wrongPassword = (email: string, ip: string) => signIn(null, { email, password: 'wrong password!', ip, https: false });

const accountMailJobCount = async () =>
  (await sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = ${ACCOUNT_MAIL}`)[0].n as number;
const mailCount = async (email: string) => (await sql`select count(*)::int as n from mail_outbox where recipient = ${email}`)[0].n as number;
const throttleBuckets = async (email: string) =>
  (await sql`select bucket from throttle_events where bucket like ${`%${email}%`} order by bucket`).map((row) => row.bucket as string);

describe('sign-up, verification and sign-in', () => {
  it('creates an account that must confirm its address before signing in', async () => {
    const email = uniqueEmail('new');
    await newAccount(email);
    await expect(signInAs({ email, password: 'a good long password' })).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'auth:errors.emailNotVerified' });

    await verifyEmail(null, { token: tokenOf(await linkFromMail(email, 'verify-email')) });
    const session = await signInAs({ email, password: 'a good long password' });
    expect(await validateSession(cookieOf(session.cookie), false)).toMatchObject({ userId: session.userId });
  });

  it('stores only an argon2id hash of the password', async () => {
    const { email } = await createUser();
    const [row] = await sql`select password_hash from users where email = ${email}`;
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('does not reveal whether an address has an account, and tells the owner instead', async () => {
    const { email } = await createUser({ label: 'owner' });
    await expect(signUp(null, { email, password: 'another long password', displayName: 'Fake', ...testClient() })).resolves.toBeUndefined();
    const [mail] = await sql`select subject from mail_outbox where recipient = ${email} order by id desc limit 1`;
    expect(mail.subject).toMatch(/tried to create an account/);
    const [{ count }] = await sql`select count(*)::int from users where lower(email) = ${email}`;
    expect(count).toBe(1);
  });

  it('refuses a used or unknown verification link', async () => {
    const email = uniqueEmail();
    await newAccount(email);
    const token = tokenOf(await linkFromMail(email, 'verify-email'));
    await verifyEmail(null, { token });
    await expect(verifyEmail(null, { token })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'auth:errors.tokenInvalid' });
    await expect(verifyEmail(null, { token: 'made-up-token-value' })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'auth:errors.tokenInvalid' });
  });

  it('answers a wrong password like an unknown address', async () => {
    const { email } = await createUser();
    const wrong = { code: 'unauthenticated', i18nKey: 'auth:errors.wrongCredentials', field: 'password' };
    await expect(wrongPassword(email, testClient().ip)).rejects.toMatchObject(wrong);
    await expect(wrongPassword(uniqueEmail('nobody'), testClient().ip)).rejects.toMatchObject(wrong);
  });
});

describe('throttling', () => {
  it("five wrong passwords from one client throttle that client for that address, not the owner's other clients", async () => {
    const person = await createUser();
    const clientA = '192.0.2.1';
    for (let i = 0; i < 5; i++) {
      await expect(wrongPassword(person.email, clientA)).rejects.toMatchObject({ code: 'unauthenticated', i18nKey: 'auth:errors.wrongCredentials' });
    }
    const refused = signInAs(person, clientA);
    await expect(refused).rejects.toMatchObject({ code: 'throttled', i18nKey: 'auth:errors.throttledUseLink' });
    await refused.catch((error) => expect(error.params.minutes).toBeGreaterThanOrEqual(14));
    // Client A may still try other addresses: the bucket is this address from this client.
    await expect(wrongPassword(uniqueEmail('other'), clientA)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(signInAs(person, '192.0.2.2')).resolves.toMatchObject({ userId: person.userId });
  });

  it('limits failed sign-ins per client across accounts', async () => {
    const ip = '192.0.2.200';
    for (let i = 0; i < 30; i++) {
      await expect(wrongPassword(uniqueEmail('probe'), ip)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    const person = await createUser();
    await expect(signInAs(person, ip)).rejects.toMatchObject({ code: 'throttled', i18nKey: 'auth:errors.throttledUseLink' });
    await expect(signInAs(person, '192.0.2.201')).resolves.toMatchObject({ userId: person.userId });
  });

  it('fifty wrong passwords from many clients pause password sign-in for new devices only; known devices and mailed links still sign in', async () => {
    const person = await createUser({ label: 'mayor' });
    const { deviceToken } = await signInAs(person, '198.18.0.1');
    for (let i = 0; i < 50; i++) {
      // Two attempts per client: below the per-client limits, so only the address's own limit fills up.
      await expect(wrongPassword(person.email, `198.18.1.${Math.floor(i / 2) + 1}`)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    await expect(signInAs(person, '198.18.2.1')).rejects.toMatchObject({ code: 'throttled', i18nKey: 'auth:errors.throttledUseLink' });
    // A made-up device token is no known device.
    await expect(signInAs(person, '198.18.2.1', 'a'.repeat(43))).rejects.toMatchObject({ code: 'throttled', i18nKey: 'auth:errors.throttledUseLink' });

    await expect(signInAs(person, '198.18.2.2', deviceToken)).resolves.toMatchObject({ userId: person.userId, deviceToken });

    await requestSignInLink(null, { email: person.email, ...testClient() });
    await sendAccountMail({ kind: 'sign_in', email: person.email });
    const token = tokenOf(await linkFromMail(person.email, '/login/link'));
    const linked = await signInWithLink(null, { token, https: false });
    expect(linked).toMatchObject({ userId: person.userId });
    expect(await validateSession(cookieOf(linked.cookie), false)).toMatchObject({ userId: person.userId });
    await expect(signInWithLink(null, { token, https: false })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'auth:errors.tokenInvalid' });
  });

  it('limits sign-ups per client', async () => {
    const ip = '192.0.2.150';
    for (let i = 0; i < 30; i++) await newAccount(uniqueEmail('bulk'), ip);
    await expect(newAccount(uniqueEmail('bulk'), ip)).rejects.toMatchObject({ code: 'throttled', i18nKey: 'auth:errors.throttled' });
  });
});

describe('password reset', () => {
  it('sets the new password and ends every session of the account', async () => {
    const person = await createUser();
    const first = await signInAs(person);
    const second = await signInAs(person);
    await requestPasswordReset(null, { email: person.email, ...testClient() });
    await sendAccountMail({ kind: 'reset_password', email: person.email });
    await resetPassword(null, { token: tokenOf(await linkFromMail(person.email, 'reset-password')), password: 'a brand new password' });

    expect(await validateSession(cookieOf(first.cookie), false)).toBeNull();
    expect(await validateSession(cookieOf(second.cookie), false)).toBeNull();
    await expect(signInAs(person)).rejects.toMatchObject({ code: 'unauthenticated', i18nKey: 'auth:errors.wrongCredentials' });
    await expect(signInAs({ email: person.email, password: 'a brand new password' })).resolves.toMatchObject({ userId: first.userId });
  });

  it('a request does the same work for a known and an unknown address; only the job mails, and only to an account', async () => {
    const { email: known } = await createUser({ label: 'known' });
    const unknown = uniqueEmail('ghost');
    const mailBefore = await mailCount(known);
    for (const email of [known, unknown]) {
      const jobsBefore = await accountMailJobCount();
      await expect(requestPasswordReset(null, { email, ...testClient() })).resolves.toBeUndefined();
      expect(await accountMailJobCount()).toBe(jobsBefore + 1);
    }
    // Counted per client only: no bucket names the address (a stranger cannot use up the owner's links).
    expect(await throttleBuckets(known)).toEqual([]);
    expect(await throttleBuckets(unknown)).toEqual([]);
    // The request itself mails nobody.
    expect(await mailCount(known)).toBe(mailBefore);
    expect(await mailCount(unknown)).toBe(0);

    await sendAccountMail({ kind: 'reset_password', email: known });
    await sendAccountMail({ kind: 'reset_password', email: unknown });
    expect(await mailCount(known)).toBe(mailBefore + 1);
    expect(await linkFromMail(known, 'reset-password')).toMatch(/\/reset-password\?token=/);
    expect(await mailCount(unknown)).toBe(0);
  });

  it("the queued job carries what the worker's task reads: the kind and the address, as a JSON object", async () => {
    const email = uniqueEmail('payload');
    await requestPasswordReset(null, { email, ...testClient() });
    // graphile-worker's public view has no payload column; the table beside it has.
    const [job] = await sql`select json_typeof(p.payload) as type, p.payload from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
                             where j.task_identifier = ${ACCOUNT_MAIL} order by j.id desc limit 1`;
    expect(job).toEqual({ type: 'object', payload: { kind: 'reset_password', email } });
  });

  it('refuses a used reset link', async () => {
    const person = await createUser();
    await requestPasswordReset(null, { email: person.email, ...testClient() });
    await sendAccountMail({ kind: 'reset_password', email: person.email });
    const token = tokenOf(await linkFromMail(person.email, 'reset-password'));
    await resetPassword(null, { token, password: 'a brand new password' });
    await expect(resetPassword(null, { token, password: 'yet another password' })).rejects.toMatchObject({ code: 'invalid', i18nKey: 'auth:errors.tokenInvalid' });
  });
});

describe('links mailed on request', () => {
  it('go out at most once in five minutes per address, and a stranger asking again does not void the owner\'s link', async () => {
    const person = await createUser({ label: 'asked-often' });
    await requestPasswordReset(null, { email: person.email, ...testClient() });
    await sendAccountMail({ kind: 'reset_password', email: person.email });
    const ownersLink = await linkFromMail(person.email, 'reset-password');
    const mailsAfterFirst = await mailCount(person.email);
    // A stranger asks again and again, from other addresses.
    for (let i = 0; i < 5; i++) {
      await requestPasswordReset(null, { email: person.email, ...testClient() });
      await sendAccountMail({ kind: 'reset_password', email: person.email });
    }
    expect(await mailCount(person.email)).toBe(mailsAfterFirst);
    await expect(resetPassword(null, { token: tokenOf(ownersLink), password: 'the owner chose this' })).resolves.toBeUndefined();
    // Once the link is used, the next request mails a new one.
    await requestPasswordReset(null, { email: person.email, ...testClient() });
    await sendAccountMail({ kind: 'reset_password', email: person.email });
    expect(await mailCount(person.email)).toBe(mailsAfterFirst + 1);
  });
});
