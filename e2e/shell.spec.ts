import { expect, test } from '@playwright/test';
import { expectAccessible, message, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

test('the accessibility statement and the barrier report are one click from every page', async ({ page }) => {
  await page.goto('/towns/lindenau');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('contentinfo').getByRole('link', { name: 'Report a barrier' }).click();
  await expectAccessible(page);
  await page.getByLabel('What happened?').fill('short');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText(message('en', 'accessibility', 'errors.descriptionTooShort'))).toBeVisible();
  await expect(page.getByLabel('What happened?')).toHaveValue('short');
  await expectAccessible(page);
  await page.getByLabel('What happened?').fill('The language button cannot be reached with a screen reader.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you!');
});

test('skip link, keyboard focus and landmarks', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
});

test('works at 320 px wide and at 200 % zoom without horizontal scrolling', async ({ browser }) => {
  for (const options of [{ viewport: { width: 320, height: 640 } }, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    for (const path of ['/', '/signup', '/towns/hafenstadt', '/accessibility', '/?lng=ar']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    }
    await expectAccessible(page);
    await context.close();
  }
});

test('no request leaves for another host, and the page runs under its CSP without errors', async ({ page }) => {
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http')) foreign.push(request.url());
  });
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  for (const path of ['/', '/login', '/towns/hafenstadt', '/accessibility/feedback']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

test('an unknown address shows a translated "not found" page', async ({ page }) => {
  const response = await page.goto('/towns/atlantis');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
});
