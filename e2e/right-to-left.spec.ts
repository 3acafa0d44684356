/** Latin names, titles and watched words inside Arabic pages keep their own direction: "Rana R." never reads ".Rana R". */
import { expect, test, type Page } from '@playwright/test';
import { demo, expectAccessible, signIn, closeOwnContexts, richEditor } from './support';

test.afterEach(closeOwnContexts);

const moderator = 'moderation@demo.weltoffen.example';

/**
 * Where the browser painted the first and the last character of `text` (inside `scope`): a Latin text
 * rendered left to right has its first character further left than its last one. This is what a reader
 * sees, whatever markup or control characters did it.
 */
async function paintedLeftToRight(page: Page, scope: string, text: string): Promise<boolean[]> {
  return page.locator(scope).evaluateAll((elements, wanted) => {
    const results: boolean[] = [];
    for (const element of elements) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        // Text for screen readers only has no painted order to check.
        if (at < 0 || node.parentElement!.closest('.visually-hidden')) continue;
        const box = (offset: number) => {
          const range = document.createRange();
          range.setStart(node!, offset);
          range.setEnd(node!, offset + 1);
          return range.getBoundingClientRect();
        };
        results.push(box(at).left < box(at + wanted.length - 1).left);
      }
    }
    return results;
  }, text);
}

test('in Arabic, the names of people who wrote keep their order in posts, lists and the header', async ({ page }) => {
  await signIn(page, demo.resident);
  await page.goto('/towns/hafenstadt/forums/ideen?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('link', { name: 'Parkplätze am Markt' }).click();
  await expect(page.getByRole('heading', { name: 'Parkplätze am Markt', level: 2 })).toBeVisible();
  const authors = await paintedLeftToRight(page, '.post', 'Rana R.');
  expect(authors.length).toBeGreaterThan(0);
  expect(authors).not.toContain(false);
  // The account link in the header carries the person's name, too.
  expect(await paintedLeftToRight(page, '.site-header', 'Rana R.')).toEqual([true]);
  // "Report – Rana R." is a sentence of the page with a name in it: its accessible name keeps the name whole.
  await expect(page.getByRole('link', { name: /Rana R\./ }).first()).toBeVisible();
  await expectAccessible(page);
});

test('in Arabic, a moderator reads watched words and names in the queue the right way round', async ({ page }) => {
  await signIn(page, moderator);
  await page.goto('/towns/hafenstadt/moderation?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const badge = await paintedLeftToRight(page, '.queue-item .badge', 'lügner*');
  expect(badge).toEqual([true]);
  const names = await paintedLeftToRight(page, '.queue-item', 'Rana R.');
  expect(names.length).toBeGreaterThan(0);
  expect(names).not.toContain(false);
  await expectAccessible(page);
});

test('in Arabic, notifications keep Latin names and thread titles whole', async ({ page }) => {
  await signIn(page, demo.admin);
  // Someone replies in a thread the admin follows, so there is something to read.
  await page.goto('/towns/hafenstadt/forums/ideen?lng=en');
  await page.getByRole('link', { name: 'Parkplätze am Markt' }).click();
  await expect(page.getByRole('heading', { name: 'Parkplätze am Markt', level: 2 })).toBeVisible();
  const followed = page.getByRole('button', { name: 'Follow this thread' });
  if (await followed.count()) await followed.click();
  const other = await (await page.context().browser()!.newContext()).newPage();
  await signIn(other, demo.resident);
  await other.goto(page.url());
  await richEditor(other, 'Your reply').click();
  await other.keyboard.type(`Noch eine Frage zum Markt (${Date.now()}).`);
  await other.getByRole('button', { name: 'Post reply' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Your post is published.' })).toBeVisible();

  await page.goto('/notifications?lng=ar');
  const names = await paintedLeftToRight(page, 'main', 'Rana R.');
  expect(names.length).toBeGreaterThan(0);
  expect(names).not.toContain(false);
  await expectAccessible(page);
  await other.context().close();
});
