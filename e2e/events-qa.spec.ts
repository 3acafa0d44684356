import { expect, test, type Browser } from '@playwright/test';
import { closeOwnContexts, demo, expectAccessible, mailedLink, signIn, uniqueEmail } from './support';

test.afterEach(closeOwnContexts);

async function signedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test('a guest asks in the Q&A from their registration; a resident reports the question; hidden with reasons, it leaves the Q&A live', async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now();
  const question = `Warum redet hier nur der Bürgermeister, dieser Schwätzer? (${stamp})`;
  const email = uniqueEmail('qa-guest');

  // A guest registers for the harbour park dialogue (it admits guests) and confirms from the mail.
  const guest = await (await browser.newContext()).newPage();
  await guest.goto('/towns/hafenstadt/events?lng=en');
  await guest.getByRole('link', { name: /harbour park/ }).click();
  await expect(guest).toHaveURL(/\/events\/\d+/);
  const eventUrl = guest.url().replace(/\?.*$/, '');
  await guest.getByLabel('Your name').fill('Gita Gast');
  await guest.getByLabel('Your e-mail address').fill(email);
  await guest.getByRole('button', { name: 'Register as a guest' }).click();
  await expect(guest.getByText('Check your mail: follow the link in it to confirm your registration.')).toBeVisible();
  const link = await mailedLink(guest, email, '/registration?token=');
  // Confirmed from a mail program's browser without JavaScript: the page's forms work without it.
  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await noScript.goto(`${link}&lng=en`);
  await noScript.getByRole('button', { name: 'Confirm my registration' }).click();
  await expect(noScript.getByText('Thank you, your registration is confirmed.')).toBeVisible();
  for (const lng of ['de', 'ar']) {
    await guest.goto(`${link}&lng=${lng}`);
    await expect(guest.locator('html')).toHaveAttribute('lang', lng);
    await expectAccessible(guest);
  }
  await guest.goto(`${link}&lng=en`);
  await guest.getByRole('button', { name: 'Take part in the Q&A' }).click();
  await expect(guest).toHaveURL(`${eventUrl}/questions`);
  await expect(guest.getByText('You are taking part as a guest, with the link from your registration.')).toBeVisible();

  // The guest asks; the question shows with their name, as a guest's.
  await guest.getByLabel('Your question').fill(question);
  await guest.getByRole('button', { name: 'Ask' }).click();
  await expect(guest.getByText('Your question is in the list.')).toBeVisible();
  const asked = guest.getByTestId('question').filter({ hasText: question });
  await expect(asked).toContainText('Gita Gast (guest)');
  for (const lng of ['de', 'ar']) {
    await guest.goto(`${eventUrl}/questions?lng=${lng}`);
    await expectAccessible(guest);
  }
  await guest.goto(`${eventUrl}/questions?lng=en`);

  // Without the guest's link another browser reads, and is told how guests take part.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`${eventUrl}/questions?lng=en`);
  await expect(stranger.getByTestId('question').filter({ hasText: question })).toBeVisible();
  await expect(stranger.getByLabel('Your question')).toHaveCount(0);
  await expect(stranger.getByText('Registered as a guest? Open the link in your confirmation e-mail to ask questions here.')).toBeVisible();

  // A resident reports it: the same steps as for a post, choose, check, send.
  const resident = await signedInPage(browser, demo.resident);
  await resident.goto(`${eventUrl}/questions`);
  await resident.getByTestId('question').filter({ hasText: question }).getByRole('link', { name: /^Report/ }).click();
  await expect(resident.getByRole('heading', { name: 'Report to the moderation team' })).toBeVisible();
  await expect(resident.getByRole('radio', { name: 'This question' })).toBeChecked();
  await resident.getByRole('radio', { name: 'Insult or defamation' }).check();
  await resident.getByRole('button', { name: 'Check the report' }).click();
  await expect(resident.getByRole('heading', { name: 'Check your report before sending it' })).toBeVisible();
  await resident.getByRole('button', { name: 'Send the report' }).click();
  await expect(resident.getByRole('status')).toContainText('Your report has been received under reference no.');
  await resident.getByRole('link', { name: 'Back to the questions' }).click();
  await expect(resident).toHaveURL(`${eventUrl}/questions`);
  const reportPath = new URL((await resident.getByTestId('question').filter({ hasText: question }).getByRole('link', { name: /^Report/ }).getAttribute('href'))!, eventUrl).pathname;
  for (const lng of ['de', 'ar']) {
    await resident.goto(`${reportPath}?lng=${lng}`);
    await expect(resident.locator('html')).toHaveAttribute('lang', lng);
    await expectAccessible(resident);
  }

  // The moderator finds it in the town's queue, as a question at the event, and hides it with reasons.
  const moderator = await signedInPage(browser, 'moderation@demo.weltoffen.example');
  await moderator.goto('/towns/hafenstadt/moderation');
  const item = moderator.locator('.queue-item', { hasText: question });
  await expect(item).toContainText('Question at “Bürgerdialog: Wie soll der neue Hafenpark aussehen?”');
  await expect(item).toContainText('By Gita Gast');
  await item.getByRole('button', { name: /^Claim/ }).click();
  await expect(moderator.getByRole('heading', { name: /^Case no\. \d+$/ })).toBeVisible();
  await expect(moderator.getByRole('heading', { name: 'The question' })).toBeVisible();
  const casePath = new URL(moderator.url()).pathname;
  for (const lng of ['de', 'ar']) {
    await moderator.goto(`${casePath}?lng=${lng}`);
    await expectAccessible(moderator);
  }
  await moderator.goto(`${casePath}?lng=en`);
  // A guest has no account here: no sanction to choose, only the question itself.
  await expect(moderator.getByRole('combobox', { name: 'Decision', exact: true }).locator('option[value="mute"]')).toHaveCount(0);
  await expect(moderator.getByRole('combobox', { name: 'Decision', exact: true }).locator('option[value="hide"]')).toHaveText('Hide the question');
  await moderator.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('hide');
  await moderator.getByLabel('Rule or legal ground').selectOption('law.stgb_185');
  await moderator.getByLabel('Facts and reasons').fill('Calls the mayor a windbag in front of everyone: an insult, not a question.');
  await moderator.getByRole('button', { name: 'Decide' }).click();
  await expect(moderator.getByText('Decision saved.')).toBeVisible();

  // Gone from the Q&A for the guest and the stranger without a reload.
  await expect(guest.getByTestId('question').filter({ hasText: question })).toHaveCount(0);
  await expect(stranger.getByTestId('question').filter({ hasText: question })).toHaveCount(0);
});
