import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, signUpAndVerify, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

test('"sign out on all devices" ends the session on the other device at once', async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  const { email, password } = await signUpAndVerify(laptopPage, 'two-devices');
  await signIn(laptopPage, email, password);
  await signIn(phonePage, email, password);
  await phonePage.goto('/');

  await laptopPage.goto('/account');
  await expectAccessible(laptopPage);
  await laptopPage.getByRole('button', { name: 'Sign out on all devices' }).click();
  await expect(laptopPage).toHaveURL(/\/login\?signedOut=1/);
  await expect(laptopPage.getByRole('status')).toHaveText('You are signed out.');

  // The phone is told over its socket and leaves for the sign-in page without a reload.
  await expect(phonePage).toHaveURL(/\/login\?signedOut=1/);
  await phonePage.goto('/account');
  await expect(phonePage).toHaveURL(/\/login/);
  await laptop.close();
  await phone.close();
});

test('signing out ends this session only', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  const { email, password } = await signUpAndVerify(a, 'one-device');
  await signIn(a, email, password);
  await signIn(b, email, password);
  await a.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(a.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await b.goto('/account');
  await expect(b.getByRole('heading', { name: 'My account' })).toBeVisible();
  await first.close();
  await second.close();
});
