/** Notifications as someone who started a busy thread meets them: one entry per thread, read in one go. */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, signIn, signUpAndVerify, closeOwnContexts, richEditor } from './support';

test.afterEach(closeOwnContexts);

async function residentOfHafenstadt(browser: Browser, label: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const person = await signUpAndVerify(page, label);
  await signIn(page, person.email, person.password);
  await page.goto('/towns/hafenstadt');
  await page.getByRole('button', { name: 'Join this town' }).click();
  await expect(page.getByText('Your role: Resident')).toBeVisible();
  return page;
}

async function reply(page: Page, threadUrl: string, text: string) {
  await page.goto(threadUrl);
  await richEditor(page, 'Your reply').click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your post is published.' })).toBeVisible();
}

test('replies to one thread are one notification entry with the repliers named; "mark all as read" clears the header count', async ({ browser }) => {
  test.setTimeout(90_000);
  const starter = await residentOfHafenstadt(browser, 'starter');
  const title = `Gruppiert ${Date.now()}`;
  await starter.goto('/towns/hafenstadt/forums/zusammenleben');
  await starter.getByLabel('Title').fill(title);
  await richEditor(starter, 'Your post').click();
  await starter.keyboard.type('Wer kommt zum Treffen am Donnerstag?');
  await starter.getByRole('button', { name: 'Start thread' }).click();
  await expect(starter.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  const threadUrl = starter.url().replace(/[?#].*$/, '');

  const first = await residentOfHafenstadt(browser, 'erste');
  const second = await residentOfHafenstadt(browser, 'zweite');
  await reply(first, threadUrl, 'Ich komme.');
  await reply(second, threadUrl, 'Ich auch, etwas später.');
  await reply(first, threadUrl, 'Ich bringe Tee mit.');

  // The header counts unread notices: the thread's three replies are one (decision 027), the entry counts them.
  await starter.goto('/');
  await expect(starter.getByRole('link', { name: 'Notifications 1 unread' })).toBeVisible();
  await starter.getByRole('link', { name: 'Notifications 1 unread' }).click();
  const entry = starter.getByRole('listitem').filter({ hasText: title });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('3 new');
  await expect(entry.getByRole('link')).toHaveText(`3 notifications about “${title}” (Test erste, Test zweite)`); // the latest replier first
  await expectAccessible(starter);

  // The entry leads to the first unread reply.
  await entry.getByRole('link').click();
  await expect(starter.locator('.post', { hasText: 'Ich komme.' })).toBeVisible();

  await starter.goto('/notifications');
  await starter.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(starter.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await expect(starter.getByRole('listitem').filter({ hasText: title })).not.toContainText('new');
  for (const page of [starter, first, second]) await page.context().close();
});
