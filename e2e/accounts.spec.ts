import { expect, test } from '@playwright/test';
import { expectAccessible, mailedLink, message, signIn, signUpAndVerify, uniqueEmail, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

test('a new resident signs up, confirms the address, signs in and joins a town', async ({ page }) => {
  await page.goto('/');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Create account' }).click();
  await expectAccessible(page);

  const email = uniqueEmail('resident');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Display name').fill('Nachbarin 42');
  await page.getByLabel('Password', { exact: true }).fill('a long enough password');
  await page.getByLabel(/I agree/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Please check your e-mail' })).toBeVisible();
  await expectAccessible(page);

  // Signing in before confirming is refused, with a way to get a new link.
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Please confirm your e-mail address first.')).toBeVisible();

  await page.goto(await mailedLink(page, email, '/verify-email'));
  await expectAccessible(page);
  await expect(page.getByText('Your e-mail address is confirmed')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('link', { name: 'My account (Nachbarin 42)' })).toBeVisible();

  await page.getByRole('link', { name: 'Lindenau' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Join this town' }).click();
  await expect(page.getByRole('status')).toHaveText('Welcome! You are now a member of this town.');
  await expect(page.getByText('Your role: Resident')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: /My account/ }).click();
  await expect(page.getByRole('link', { name: 'Lindenau' })).toBeVisible();
  await expectAccessible(page);
});

test('an invalid sign-up keeps what was typed and explains each field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('E-mail address').fill('not-an-address');
  await page.getByLabel('Display name').fill('X');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByText(message('en', 'auth', 'errors.emailInvalid'))).toBeVisible();
  await expect(page.getByText(message('en', 'auth', 'errors.displayNameTooShort'))).toBeVisible();
  await expect(page.getByText(message('en', 'auth', 'errors.passwordTooShort'))).toBeVisible();
  await expect(page.getByText(message('en', 'auth', 'errors.acceptTerms'))).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveValue('not-an-address');
  await expect(page.getByLabel('Display name')).toHaveValue('X');
  await expect(page.getByLabel('E-mail address')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('the same errors come in German', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto('/signup');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.locator('main [name="email"]').fill('kaputt@');
  await page.locator('main [name="displayName"]').fill('Kiezkind');
  await page.locator('main [name="password"]').fill('kurz');
  await page.locator('form.stack button[type=submit]').click();
  await expect(page.getByText(message('de', 'auth', 'errors.emailInvalid'))).toBeVisible();
  await expect(page.getByText(message('de', 'auth', 'errors.passwordTooShort'))).toBeVisible();
  await expect(page.locator('main [name="email"]')).toHaveValue('kaputt@');
  await expect(page.locator('main [name="displayName"]')).toHaveValue('Kiezkind');
  await expectAccessible(page);
  await context.close();
});

test('without JavaScript the form still answers with errors and keeps the input', async ({ browser }) => {
  // axe needs JavaScript in the page, so this variant checks behaviour only; the page was scanned above.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('E-mail address').fill('broken@');
  await page.getByLabel('Display name').fill('Offline');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(message('en', 'auth', 'errors.emailInvalid'))).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveValue('broken@');
  await expect(page.getByLabel('Display name')).toHaveValue('Offline');
  await context.close();
});

test('a wrong password keeps the typed address and says what went wrong', async ({ page }) => {
  const { email } = await signUpAndVerify(page, 'typo');
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('not my password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText(message('en', 'auth', 'errors.wrongCredentials'))).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveValue(email);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('not my password');
  await expectAccessible(page);
});

test('a forgotten password is reset through the mailed link', async ({ page }) => {
  const { email } = await signUpAndVerify(page, 'forgetful');
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expectAccessible(page);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'Send link' }).click();
  await expect(page.getByRole('status')).toContainText(email);
  await page.goto(await mailedLink(page, email, '/reset-password'));
  await expectAccessible(page);
  await page.getByLabel('New password', { exact: true }).fill('my new long password');
  await page.getByLabel('Repeat the new password').fill('my new long password!');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText(message('en', 'auth', 'errors.passwordsDiffer'))).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('my new long password');
  await page.getByLabel('Repeat the new password').fill('my new long password');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Your password was changed')).toBeVisible();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('my new long password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('link', { name: /My account/ })).toBeVisible();
});

test("a stranger's wrong passwords do not lock the owner out: a known device signs in, a new one by a mailed link", async ({ browser }) => {
  test.setTimeout(90_000);
  // The owner has signed in on this laptop before: it is a known device.
  const laptop = await (await browser.newContext()).newPage();
  const owner = await signUpAndVerify(laptop, 'owner');
  await signIn(laptop, owner.email, owner.password);
  await laptop.getByRole('button', { name: 'Sign out' }).click();

  // Someone else tries passwords for the owner's address until sign-in from their browser is paused.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto('/login?lng=en');
  for (let attempt = 0; attempt < 6; attempt++) {
    await stranger.getByLabel('E-mail address').fill(owner.email);
    await stranger.getByLabel('Password', { exact: true }).fill(`guess number ${attempt}`);
    await Promise.all([
      stranger.waitForResponse((response) => response.request().method() === 'POST'),
      stranger.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
  }
  await expect(stranger.getByText(/Too many failed attempts/)).toBeVisible();

  // The owner, on the known laptop, signs in with the password as always.
  await signIn(laptop, owner.email, owner.password);

  // On a phone the owner never used, the same browser-and-network limit applies — and the mailed link gets through.
  const phone = await (await browser.newContext()).newPage();
  await phone.goto('/login?lng=en');
  await phone.getByLabel('E-mail address').fill(owner.email);
  await phone.getByLabel('Password', { exact: true }).fill(owner.password);
  await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(phone.getByText(/sign in now with a link sent to your e-mail address/)).toBeVisible();
  await expect(phone.getByLabel('E-mail address')).toHaveValue(owner.email);
  await expectAccessible(phone);
  await phone.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(phone.getByText(/a sign-in link is on its way/)).toBeVisible();
  const link = await mailedLink(phone, owner.email, '/login/link');
  // Opening the link alone signs no one in (mail programs open links to scan them): a button does.
  await phone.goto(link);
  await expect(phone.getByRole('link', { name: /My account/ })).toHaveCount(0);
  await expectAccessible(phone);
  await phone.getByRole('button', { name: 'Sign in now' }).click();
  await expect(phone.getByRole('link', { name: /My account/ })).toBeVisible();

  // A used link does not work twice.
  const reused = await (await browser.newContext()).newPage();
  await reused.goto(link);
  await reused.getByRole('button', { name: 'Sign in now' }).click();
  await expect(reused.getByText('This sign-in link was already used or has expired.')).toBeVisible();
  for (const page of [laptop, stranger, phone, reused]) await page.context().close();
});
