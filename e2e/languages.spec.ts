import { expect, test } from '@playwright/test';
import { FORUM_TEXTS } from '../db/seed-data/demo-conversations';
import { expectAccessible, message, signIn, signUpAndVerify, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

test('forums are named in the reader’s language where the town translated them, marked with that language', async ({ page }) => {
  await page.goto('/towns/hafenstadt?lng=ar');
  const arabic = page.getByRole('link', { name: FORUM_TEXTS.zusammenleben.nameTranslations.ar });
  await expect(arabic).toHaveAttribute('lang', 'ar');
  await expect(page.getByText(FORUM_TEXTS.zusammenleben.descriptionTranslations.ar)).toBeVisible();
  await expect(page.getByRole('link', { name: FORUM_TEXTS.zusammenleben.name })).toHaveCount(0);
  await expectAccessible(page);
  await arabic.click();
  await expect(page.getByRole('heading', { name: FORUM_TEXTS.zusammenleben.nameTranslations.ar })).toBeVisible();
  // The thread page's way back names the forum the same way.
  await page.getByRole('link', { name: 'Nachbarschaftsfest im Sommer' }).click();
  await expect(page.getByRole('link', { name: FORUM_TEXTS.zusammenleben.nameTranslations.ar })).toHaveAttribute('lang', 'ar');

  // In German, the town's own text; in Leichte Sprache, the simple one.
  await page.goto('/towns/hafenstadt?lng=de');
  await expect(page.getByRole('link', { name: FORUM_TEXTS.ideen.name })).toHaveAttribute('lang', 'de');
  await page.goto('/towns/hafenstadt?lng=de-x-ls');
  await expect(page.getByRole('link', { name: FORUM_TEXTS.ideen.nameTranslations['de-x-ls'] })).toBeVisible();
});

test('switching to Arabic turns the page right-to-left, translated, and the choice stays', async ({ page }) => {
  await page.goto('/towns/hafenstadt');
  await page.getByLabel('Language', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Switch language' }).click();

  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('banner').getByRole('link', { name: message('ar', 'common', 'nav.signIn') })).toBeVisible();
  await expect(page.getByRole('heading', { name: message('ar', 'towns', 'town.participate') })).toBeVisible();
  // The header mirrors: the brand sits on the right.
  const brand = await page.getByRole('link', { name: 'Weltoffen', exact: true }).boundingBox();
  expect(brand!.x).toBeGreaterThan((page.viewportSize()!.width / 2));
  await expectAccessible(page);

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('ar', 'towns', 'home.title'));
  await expectAccessible(page);
});

test('every language renders the start page with the right lang and dir, without axe findings', async ({ page }) => {
  for (const [lng, dir] of [['de', 'ltr'], ['de-x-ls', 'ltr'], ['en', 'ltr'], ['tr', 'ltr'], ['ar', 'rtl'], ['uk', 'ltr'], ['ru', 'ltr'], ['pl', 'ltr'], ['fa', 'rtl']]) {
    await page.goto(`/?lng=${lng}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(message(lng, 'towns', 'home.title'));
    await expectAccessible(page);
  }
});

test('the first visit follows the browser language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'tr-TR' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await context.close();
});

test("a signed-in person's language is kept in the profile, on every device", async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  const { email, password } = await signUpAndVerify(page, 'polyglot');
  await signIn(page, email, password);
  await page.getByLabel('Language', { exact: true }).selectOption('pl');
  await page.getByRole('button', { name: 'Switch language' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await first.close();

  const second = await browser.newContext({ locale: 'en-GB' });
  const other = await second.newPage();
  await other.goto('/login');
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  await other.getByLabel('E-mail address').fill(email);
  await other.getByLabel('Password', { exact: true }).fill(password);
  await other.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(other.getByRole('link', { name: new RegExp(message('pl', 'common', 'nav.account').split('(')[0].trim()) })).toBeVisible();
  await expect(other.locator('html')).toHaveAttribute('lang', 'pl');
  await second.close();
});
