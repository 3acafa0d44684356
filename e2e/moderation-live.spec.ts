import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, expectAccessible, signIn, signUpAndVerify, closeOwnContexts, richEditor } from './support';

test.afterEach(closeOwnContexts);

const moderator = 'moderation@demo.weltoffen.example';

async function signedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test('a report reaches the moderators live; hidden with reasons, appealed, and reversed by another moderator', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const title = `Moderation im Test ${stamp}`;
  const text = `Die Leute im Bauamt sind alle unfähig und faul (${stamp}).`;

  // The author (a resident) starts a thread.
  const author = await signedInPage(browser, demo.resident);
  await author.goto('/towns/hafenstadt/forums/zusammenleben');
  await author.getByLabel('Title').fill(title);
  await richEditor(author, 'Your post').click();
  await author.keyboard.type(text);
  await author.getByRole('button', { name: 'Start thread' }).click();
  await expect(author.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  const threadUrl = author.url().replace(/\?.*$/, '');

  // A guest reads the thread.
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(`${threadUrl}?lng=en`);
  await expect(viewer.getByText(text)).toBeVisible();

  // Two moderators have the queue open: the demo moderator and the town admin.
  const first = await signedInPage(browser, moderator);
  await first.goto('/towns/hafenstadt/moderation');
  await expect(first.getByRole('heading', { name: 'Queue' })).toBeVisible();
  await expectAccessible(first);
  const second = await signedInPage(browser, demo.admin);
  await second.goto('/towns/hafenstadt/moderation');
  const item = (page: Page) => page.locator('.queue-item', { hasText: title });
  await expect(item(first)).toHaveCount(0);

  // A resident reports the post: choose the category, check the report, send it (nothing is filed before "send").
  const reporterPage = await (await browser.newContext()).newPage();
  const reporter = await signUpAndVerify(reporterPage, 'reporter');
  await signIn(reporterPage, reporter.email, reporter.password);
  await reporterPage.goto(threadUrl);
  await reporterPage.getByRole('link', { name: /^Report – Rana R\./ }).click();
  await expect(reporterPage.getByRole('heading', { name: 'Report to the moderation team' })).toBeVisible();
  await expectAccessible(reporterPage);
  await reporterPage.getByRole('radio', { name: 'Insult or defamation' }).check();
  await reporterPage.getByLabel('Explanation (optional)').fill('Pauschale Beleidigung der Beschäftigten.');
  await reporterPage.getByRole('button', { name: 'Check the report' }).click();
  await expect(reporterPage.getByRole('heading', { name: 'Check your report before sending it' })).toBeVisible();
  await expect(reporterPage.getByText('Pauschale Beleidigung der Beschäftigten.')).toBeVisible();
  await expectAccessible(reporterPage);
  await expect(item(first)).toHaveCount(0);
  await reporterPage.getByRole('button', { name: 'Send the report' }).click();
  const receipt = reporterPage.getByRole('status');
  await expect(receipt).toContainText('Your report has been received under reference no.');
  const reference = (await receipt.textContent())!.match(/no\. (M-\d+)/)![1];

  // It arrives in both queues without a reload; the first moderator claims it, the second sees the claim live.
  await expect(item(first)).toBeVisible();
  await expect(item(first)).toContainText('1 report');
  await expect(item(second)).toBeVisible();
  await item(first).getByRole('button', { name: `Claim – ${title}` }).click();
  await expect(first.getByRole('heading', { name: /^Case no\. \d+$/ })).toBeVisible();
  // The moderator sees the reporter's reference beside the report: one number for both sides.
  await expect(first.getByTestId(`report-${reference}`)).toBeVisible();
  await expect(item(second).getByTestId('claimed-by')).toContainText('Moritz Moderation is working on this');
  await expectAccessible(first);

  // Deciding needs a statement of reasons: without facts, the form says so and keeps the choice.
  await first.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('hide');
  await first.getByLabel('Rule or legal ground').selectOption('law.stgb_185');
  await first.getByRole('button', { name: 'Decide' }).click();
  await expect(first.getByText('Please describe the facts and reasons (at least 10 characters).')).toBeVisible();
  await expect(first.getByLabel('Rule or legal ground')).toHaveValue('law.stgb_185');
  await first.getByLabel('Facts and reasons').fill('Calls all staff of the building office incompetent and lazy: a collective insult.');
  await first.getByRole('button', { name: 'Decide' }).click();
  await expect(first.getByText('Decision saved.')).toBeVisible();
  await expect(item(first)).toHaveCount(0);

  // The reader sees the placeholder without reloading.
  await expect(viewer.getByTestId('hidden-placeholder')).toBeVisible();
  await expect(viewer.getByText(text)).toHaveCount(0);

  // The author reads the statement of reasons and appeals.
  await author.goto('/notifications?lng=en');
  await author.getByRole('link', { name: /A moderation decision in Hafenstadt concerns you/ }).first().click();
  await expect(author.getByRole('heading', { name: 'Moderation decision' })).toBeVisible();
  await expect(author.getByTestId('statement-action')).toHaveText('Hide the post');
  await expect(author.getByTestId('statement-facts')).toContainText('collective insult');
  await expectAccessible(author);
  await author.getByLabel('Why should the decision be changed?').fill('Das war Kritik an der Bearbeitungszeit, keine Beleidigung einzelner Menschen.');
  await author.getByRole('button', { name: 'Send appeal' }).click();
  await expect(author.getByRole('status')).toContainText('Your appeal has been received');
  await expect(author.getByTestId('appeal-status')).toContainText('Waiting for review');

  // The moderator who decided may not take the appeal.
  await first.goto('/towns/hafenstadt/moderation');
  await first.getByRole('link', { name: /Appeal by Rana R\./ }).first().click();
  await expect(first.getByText('You took the original decision, so another moderator must decide this appeal.')).toBeVisible();
  await expect(first.getByRole('button', { name: 'Decide appeal' })).toHaveCount(0);

  // The second moderator reverses it; the post comes back for the reader, live.
  await expect(second.getByRole('link', { name: /Appeal by Rana R\./ }).first()).toBeVisible();
  await second.getByRole('link', { name: /Appeal by Rana R\./ }).first().click();
  await expect(second.getByRole('heading', { name: /^Appeal no\. \d+$/ })).toBeVisible();
  await expectAccessible(second);
  await second.getByLabel('Reverse the decision (the content or account is restored)').check();
  await second.getByLabel('Reasons for the outcome').fill('Sharp criticism of how long applications take is allowed.');
  await second.getByRole('button', { name: 'Decide appeal' }).click();
  await expect(second.getByText('Decision saved.')).toBeVisible();

  await expect(viewer.getByText(text)).toBeVisible();
  await expect(viewer.getByTestId('hidden-placeholder')).toHaveCount(0);
  await author.reload();
  await expect(author.getByTestId('appeal-status')).toContainText('The decision was reversed');
  await expect(author.getByText(/This decision was reversed on/)).toBeVisible();
});

test('residents and guests cannot open the queue; the transparency report is public', async ({ page }) => {
  const response = await page.goto('/towns/hafenstadt/moderation');
  await expect(page).toHaveURL(/\/login/);
  expect(response?.ok()).toBe(true);
  await signIn(page, demo.resident);
  const refused = await page.goto('/towns/hafenstadt/moderation');
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('link', { name: /^Moderation/ })).toHaveCount(0);

  await page.goto('/towns/hafenstadt/transparency');
  await expect(page.getByRole('heading', { name: 'How Hafenstadt moderates' })).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get('/towns/hafenstadt/transparency.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toMatch(/^month,notices_illegal_hate/);
});

test('the demo moderator finds a queue with work: a held reply to the shielded mayor, a report and a watched-word flag', async ({ page }) => {
  await signIn(page, moderator);
  await page.goto('/towns/hafenstadt');
  // The open queue is counted in the site header (on every page) and in the town's navigation.
  await expect(page.getByTestId('header-queue')).toHaveAccessibleName(/^Moderation \d+ open$/);
  const townNav = page.getByRole('navigation', { name: 'Hafenstadt' });
  await townNav.getByRole('link', { name: /^Moderation \d+ open$/ }).click();
  await expect(page.locator('.queue-item', { hasText: 'Held: shielded official' })).toBeVisible();
  await expect(page.locator('.queue-item', { hasText: 'Concerns a shielded official' })).toBeVisible();
  await expect(page.locator('.queue-item', { hasText: 'Watched word: lügner*' })).toBeVisible();
  await expect(page.locator('.queue-item', { hasText: 'Parkplätze am Markt' }).first()).toBeVisible();

  for (const path of ['words', 'settings', 'audit']) {
    await page.goto(`/towns/hafenstadt/moderation/${path}`);
    await expectAccessible(page);
  }
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  const csv = await page.request.get('/towns/hafenstadt/moderation/words.csv');
  expect(await csv.text()).toContain('abschaum,hold');
});

test('watched words refuse a post with a clear message next to the field, and the text stays', async ({ page }) => {
  await signIn(page, demo.resident);
  await page.goto('/towns/hafenstadt/forums/ideen');
  await page.getByLabel('Title').fill('Ein Wort zu viel');
  await richEditor(page, 'Your post').click();
  await page.keyboard.type('Ihr seid doch alle I.D.I.O.T.E.N');
  await page.getByRole('button', { name: 'Start thread' }).click();
  await expect(page.getByText(/Your text contains “idiot\*”, which is not allowed here/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Your post' })).toContainText('Ihr seid doch alle I.D.I.O.T.E.N');
  await expect(page.getByLabel('Title')).toHaveValue('Ein Wort zu viel');
  await expectAccessible(page);
});

test('a moderator locks a thread with reasons: the composer disappears live for its readers', async ({ browser }) => {
  const reader = await signedInPage(browser, demo.resident);
  await reader.goto('/towns/hafenstadt/forums/zusammenleben');
  const title = `Zum Sperren ${Date.now()}`;
  await reader.getByLabel('Title').fill(title);
  await richEditor(reader, 'Your post').click();
  await reader.keyboard.type('Ein Thema, das bald geschlossen wird.');
  await reader.getByRole('button', { name: 'Start thread' }).click();
  await expect(reader.getByRole('textbox', { name: 'Your reply' })).toBeVisible();
  const threadUrl = reader.url().replace(/\?.*$/, '');

  const mod = await signedInPage(browser, moderator);
  await mod.goto(threadUrl);
  await mod.getByRole('link', { name: 'Moderate thread' }).click();
  await expect(mod.getByRole('heading', { name: /^Moderate the thread/ })).toBeVisible();
  await expectAccessible(mod);
  await mod.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('lock');
  await mod.getByLabel('Rule or legal ground').selectOption('rules.on_topic');
  await mod.getByLabel('Facts and reasons').fill('Everything has been said; further posts repeat the same points.');
  await mod.getByRole('button', { name: 'Decide' }).click();
  await expect(mod).toHaveURL(threadUrl);

  await expect(reader.getByRole('textbox', { name: 'Your reply' })).toHaveCount(0);
  await expect(reader.getByTestId('cannot-reply')).toHaveText('This thread is closed. New replies are not possible.');
});

test('a guest reports a post with an e-mail address and receives a receipt by mail under the number the moderators see', async ({ browser, page }) => {
  await page.goto('/towns/hafenstadt/forums/ideen?lng=en');
  await page.getByRole('link', { name: 'Parkplätze am Markt' }).click();
  await page.getByRole('link', { name: /^Report – / }).first().click();
  await expectAccessible(page);
  const email = `guest-${Date.now()}@gast.weltoffen.test`;
  await page.getByLabel('Your e-mail address (optional)').fill(email);
  // Enter in a field does not send anything: without a category the form says what is missing and keeps the address.
  await page.getByLabel('Your e-mail address (optional)').press('Enter');
  await expect(page.getByRole('heading', { name: 'Report to the moderation team' })).toBeVisible();
  await expect(page.getByText('Please choose what the problem is.')).toBeVisible();
  await expect(page.getByLabel('Your e-mail address (optional)')).toHaveValue(email);
  await page.getByRole('radio', { name: 'Spam' }).check();
  await page.getByRole('button', { name: 'Check the report' }).click();
  await expect(page.getByText(email)).toBeVisible();
  // "Change something" goes back with every choice kept.
  await page.getByRole('button', { name: 'Change something' }).click();
  await expect(page.getByRole('radio', { name: 'Spam' })).toBeChecked();
  await expect(page.getByLabel('Your e-mail address (optional)')).toHaveValue(email);
  await page.getByRole('button', { name: 'Check the report' }).click();
  await page.getByRole('button', { name: 'Send the report' }).click();
  const receipt = page.getByRole('status');
  await expect(receipt).toContainText('Your report has been received under reference no.');
  const reference = (await receipt.textContent())!.match(/no\. (M-\d+)/)![1];
  // A second click on "back" and "send" (a resubmitted form) files nothing twice: the receipt page has no form.
  await expect(page.getByRole('button', { name: 'Send the report' })).toHaveCount(0);
  await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
  await expect(page.getByText(`Your report no. ${reference} was received`)).toBeVisible();

  // The moderator finds the case by that number.
  const mod = await signedInPage(browser, moderator);
  await mod.goto('/towns/hafenstadt/moderation');
  await mod.getByLabel('Reference', { exact: true }).fill(reference);
  await mod.getByLabel('Reference', { exact: true }).press('Enter');
  await expect(mod.getByRole('heading', { name: /^Case no\. \d+$/ })).toBeVisible();
  await expect(mod.getByTestId(`report-${reference}`)).toBeVisible();
});

test('an official switches the shield off and on again from the town navigation', async ({ page }) => {
  await signIn(page, 'buergermeisterin@demo.weltoffen.example');
  await page.goto('/towns/hafenstadt');
  await page.getByRole('link', { name: 'Shield' }).click();
  await expect(page.getByTestId('shield-state')).toHaveText('The shield is on.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Switch the shield off' }).click();
  await expect(page.getByTestId('shield-state')).toHaveText('The shield is off.');
  await page.getByRole('button', { name: 'Switch the shield on' }).click();
  await expect(page.getByTestId('shield-state')).toHaveText('The shield is on.');
});

test('without JavaScript a report goes through the same steps: choose, check, send', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/towns/hafenstadt/forums/ideen?lng=en');
  await page.getByRole('link', { name: 'Parkplätze am Markt' }).click();
  await page.getByRole('link', { name: /^Report – / }).first().click();
  await page.getByRole('button', { name: 'Check the report' }).click();
  await expect(page.getByText('Please choose what the problem is.')).toBeVisible();
  await page.getByRole('radio', { name: 'Spam' }).check();
  await page.getByLabel('Explanation (optional)').fill('Werbung für einen Parkplatzdienst.');
  await page.getByRole('button', { name: 'Check the report' }).click();
  await expect(page.getByRole('heading', { name: 'Check your report before sending it' })).toBeVisible();
  await page.getByRole('button', { name: 'Change something' }).click();
  await expect(page.getByLabel('Explanation (optional)')).toHaveValue('Werbung für einen Parkplatzdienst.');
  await expect(page.getByRole('radio', { name: 'Spam' })).toBeChecked();
  await page.getByRole('button', { name: 'Check the report' }).click();
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.getByText(/Your report has been received under reference no\. M-\d+/)).toBeVisible();
  await context.close();
});
