/** The site header as staff and residents meet it: one line on a laptop, small on a phone, the same on every page, with the work waiting. */
import { expect, test, type Page } from '@playwright/test';
import { demo, expectAccessible, signIn, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

const moderator = 'moderation@demo.weltoffen.example';

/** The vertical spread of the header's items: one line means they all sit in the same row. */
async function headerRows(page: Page) {
  const tops = await page.locator('.site-header .brand, .site-header li, .site-header .language-switcher').evaluateAll((items) =>
    items.filter((item) => (item as HTMLElement).offsetParent !== null).map((item) => Math.round(item.getBoundingClientRect().top)),
  );
  return Math.max(...tops) - Math.min(...tops);
}

for (const lng of ['de', 'en', 'ar', 'de-x-ls']) {
  test(`signed in as a town admin, the header is one line at 1280 px (${lng})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, demo.admin);
    await page.goto(`/towns/hafenstadt?lng=${lng}`);
    await expect(page.getByTestId('header-queue')).toBeVisible();
    expect(await headerRows(page)).toBeLessThan(16);
    expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThanOrEqual(72);
  });
}

test('the network team, who also sees the network link, still gets one line at 1280 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, demo.network);
  await page.goto('/?lng=de');
  await expect(page.getByRole('link', { name: 'Netzwerk', exact: true })).toBeVisible();
  expect(await headerRows(page)).toBeLessThan(16);
});

test('on a phone the header is one small bar; the menu opens and closes by keyboard', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, demo.admin);
  await page.goto('/towns/hafenstadt');
  // The menu folds away once the page is interactive (without JavaScript the whole menu stays open).
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toBeVisible();
  expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThanOrEqual(64);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: 'Notifications' })).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('link', { name: 'Notifications' })).toBeVisible();
  await expect(page.getByTestId('header-queue')).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await context.close();
});

test('a signed-in person stays signed in on the "not found" page', async ({ page }) => {
  await signIn(page, demo.resident);
  const response = await page.goto('/diese-seite-gibt-es-nicht');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: /My account/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  // A thread that does not exist looks the same, inside a town.
  const thread = await page.goto('/towns/hafenstadt/threads/999999999');
  expect(thread?.status()).toBe(404);
  await expect(page.getByRole('link', { name: /My account/ })).toBeVisible();
  await expectAccessible(page);
});

test('moderators see their open queue in the header on every page and reach it in one click', async ({ page }) => {
  await signIn(page, moderator);
  for (const path of ['/', '/notifications', '/account', '/towns/lindenau']) {
    await page.goto(path);
    await expect(page.getByTestId('header-queue')).toHaveAccessibleName(/^Moderation \d+ open$/);
  }
  await page.getByTestId('header-queue').click();
  await expect(page).toHaveURL(/\/towns\/hafenstadt\/moderation$/);
  await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();
});

test('residents see no queue in the header', async ({ page }) => {
  await signIn(page, demo.resident);
  await page.goto('/towns/hafenstadt');
  await expect(page.getByTestId('header-queue')).toHaveCount(0);
});
