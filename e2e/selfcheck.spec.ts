import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, expectAccessible, signIn, signUpAndVerify, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

const lindenauAdmin = 'admin-lindenau@demo.weltoffen.example';

async function signedInPage(browser: Browser, email: string, password?: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

/** Axe finds nothing on the page in German and in Arabic (right to left); the page is left in English. */
async function accessibleInGermanAndArabic(page: Page) {
  const url = new URL(page.url());
  for (const lng of ['de', 'ar', 'en']) {
    url.searchParams.set('lng', lng);
    await page.goto(url.pathname + url.search + url.hash);
    if (lng !== 'en') await expectAccessible(page);
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** Answers every question of the questionnaire with the mouse, choosing the answer at `pick` on each scale. */
async function answerAllByMouse(page: Page, pick: (count: number) => number) {
  const questions = page.locator('fieldset.selfcheck-question');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const radios = questions.nth(i).locator('input[type=radio]:not([value=na])');
    await radios.nth(pick(await radios.count())).check();
  }
  return count;
}

test('a town admin runs a self-check round, asks for advice, and the network team takes it live', async ({ browser }) => {
  test.setTimeout(240_000);
  const title = `Selbstcheck im Test ${Date.now()}`;

  // A second respondent: a new resident who joins Lindenau.
  const newcomerPage = await (await browser.newContext()).newPage();
  const label = `tastatur${Date.now() % 100_000}`;
  const newcomer = await signUpAndVerify(newcomerPage, label);
  await signIn(newcomerPage, newcomer.email, newcomer.password);
  await newcomerPage.goto('/towns/lindenau');
  await newcomerPage.getByRole('button', { name: 'Join this town' }).click();
  await expect(newcomerPage.getByText('Your role: Resident')).toBeVisible();

  // The admin opens a round.
  const admin = await signedInPage(browser, lindenauAdmin);
  await admin.goto('/towns/lindenau/selfcheck');
  await expect(admin.getByRole('heading', { name: 'Self-check', exact: true })).toBeVisible();
  await admin.getByRole('button', { name: 'Open round' }).click();
  await expect(admin.getByText('Please give the round a name (3 to 120 characters).')).toBeVisible();
  await admin.getByLabel('Name of the round').fill(title);
  await admin.getByRole('button', { name: 'Open round' }).click();
  await expect(admin.getByRole('heading', { name: title })).toBeVisible();
  await expect(admin.getByText('The round is open. Now invite the people who should answer.')).toBeVisible();
  const roundUrl = new URL(admin.url()).pathname;

  // … invites the resident and the newcomer.
  await admin.getByLabel('Rana R. (Resident)').check();
  await admin.getByLabel(`Test ${label} (Resident)`).check();
  await admin.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(admin.getByText('The invitations have been sent.')).toBeVisible();
  await expect(admin.getByTestId('progress-summary')).toHaveText('Finished: 0 of 2 invited');
  await expectAccessible(admin);

  // The resident answers with the mouse; answers save as she goes, and she can come back.
  const resident = await signedInPage(browser, demo.resident);
  await resident.goto('/towns/lindenau/selfcheck');
  await resident.getByRole('link', { name: `Answer – ${title}` }).click();
  await expect(resident.getByRole('heading', { name: title })).toBeVisible();
  await expectAccessible(resident);
  const questions = await answerAllByMouse(resident, (n) => Math.floor(n / 2));
  await expect(resident.getByTestId('save-status')).toContainText('All answers saved at');
  const rana = admin.getByTestId('respondent-row').filter({ hasText: 'Rana R.' });
  // The admin sees her progress without reloading.
  await expect(rana.getByTestId('answered')).toContainText(`${questions} of ${questions}`);
  await resident.reload();
  await expect(resident.locator('fieldset.selfcheck-question').first().locator('input[type=radio]:checked')).toHaveCount(1);
  await resident.getByRole('button', { name: 'Save and finish' }).click();
  await expect(resident.getByText('Thank you – your answers are saved')).toBeVisible();
  await expect(admin.getByTestId('progress-summary')).toHaveText('Finished: 1 of 2 invited');

  // The newcomer answers by keyboard only: Tab to each question, Space chooses the first answer, Enter finishes.
  await newcomerPage.goto('/towns/lindenau/selfcheck');
  await newcomerPage.locator('body').focus();
  for (let i = 0; i < 60; i++) {
    await newcomerPage.keyboard.press('Tab');
    if (await newcomerPage.evaluate(() => document.activeElement?.textContent?.startsWith('Answer'))) break;
  }
  await newcomerPage.keyboard.press('Enter');
  await expect(newcomerPage.getByRole('heading', { name: title })).toBeVisible();
  let answered = 0;
  for (let i = 0; i < 400; i++) {
    await newcomerPage.keyboard.press('Tab');
    const focused = await newcomerPage.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return { radio: el?.type === 'radio', checked: !!el?.checked, finish: el?.textContent === 'Save and finish' };
    });
    if (focused.finish) break;
    if (focused.radio && !focused.checked) {
      await newcomerPage.keyboard.press('Space');
      answered++;
    }
  }
  expect(answered).toBe(questions);
  await expect(newcomerPage.getByTestId('save-status')).toContainText('All answers saved at');
  await newcomerPage.keyboard.press('Enter');
  await expect(newcomerPage.getByText('Thank you – your answers are saved')).toBeVisible();
  await expect(admin.getByTestId('progress-summary')).toHaveText('Finished: 2 of 2 invited');

  // The network team has its advice queue open.
  const network = await signedInPage(browser, demo.network);
  await network.goto('/network/selfcheck/advice');
  await expect(network.getByRole('heading', { name: 'Advice requests' })).toBeVisible();
  await expectAccessible(network);
  const request = network.locator('li[data-testid^=advice-request-]', { hasText: title });
  await expect(request).toHaveCount(0);

  // The admin closes the round and sees the chart and the need for action.
  await admin.getByRole('button', { name: 'Close round' }).click();
  await expect(admin.getByText('Please confirm that you want to close the round.')).toBeVisible();
  await admin.getByLabel('I want to close the round now').check();
  await admin.getByRole('button', { name: 'Close round' }).click();
  await expect(admin.getByRole('heading', { name: `Results: ${title}` })).toBeVisible();
  await expect(admin.getByRole('img', { name: `Scores of the round “${title}”` })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Need for action' })).toBeVisible();
  await expect(admin.getByTestId('need-for-action').locator('article').first()).toBeVisible();
  await expect(admin.getByRole('table', { name: `Scores of the round “${title}”` })).toBeVisible();
  await expectAccessible(admin);

  // … and asks for advice on the weakest field of action.
  await admin.getByRole('radio', { name: 'Online meeting' }).check();
  await admin.getByLabel('What would you like advice on?').fill('Wir möchten mit Ihnen über unsere Ergebnisse sprechen.');
  await admin.getByRole('button', { name: 'Send the request' }).click();
  await expect(admin.getByText('Your advice request has been sent to the network team.')).toBeVisible();
  const resultsUrl = new URL(admin.url()).pathname;

  // The request appears in the network team's queue without a reload; they assign it.
  await expect(request).toBeVisible();
  await expect(request).toContainText('Lindenau');
  await request.getByLabel('Consultant').selectOption({ label: 'Netzwerkteam' });
  await request.getByRole('button', { name: /^Assign – Lindenau/ }).click();
  await expect(network.getByText('Saved. The town has been told.')).toBeVisible();
  await expect(request).toContainText('Consultant: Netzwerkteam');
  await request.getByLabel('Status').selectOption('scheduled');
  await request.getByLabel('Note for the town').fill('Videotermin am Dienstag, 10 Uhr.');
  await request.getByRole('button', { name: /^Save status – Lindenau/ }).click();
  await expect(request.getByTestId('advice-status')).toHaveText('Scheduled');

  // The town sees the status and the note.
  await admin.goto('/towns/lindenau/selfcheck');
  const townRequest = admin.locator('li[data-testid^=advice-]', { hasText: title });
  await expect(townRequest.getByTestId('advice-status')).toHaveText('Scheduled');
  await expect(townRequest).toContainText('Videotermin am Dienstag, 10 Uhr.');

  // Every self-check page passes axe in German and Arabic.
  await accessibleInGermanAndArabic(admin);
  await admin.goto(roundUrl);
  await accessibleInGermanAndArabic(admin);
  await admin.goto(resultsUrl);
  await accessibleInGermanAndArabic(admin);
  await resident.goto(`${roundUrl}/answer`);
  await accessibleInGermanAndArabic(resident);
  await network.goto('/network/selfcheck/advice');
  await accessibleInGermanAndArabic(network);
  await network.goto('/network/selfcheck');
  await expect(network.getByRole('heading', { name: 'Self-check: stock-taking' })).toBeVisible();
  await accessibleInGermanAndArabic(network);
  await network.getByRole('link', { name: 'Edit the questionnaire' }).click();
  await expect(network.getByLabel('The questionnaire as JSON')).toBeVisible();
  await accessibleInGermanAndArabic(network);
  // A round still open, in Hafenstadt (the demo): the questionnaire a respondent has not finished.
  const hafenAdmin = await signedInPage(browser, demo.admin);
  await hafenAdmin.goto('/towns/hafenstadt/selfcheck');
  await hafenAdmin.getByRole('link', { name: 'Progress and invitations – Frühjahr 2026' }).click();
  await expect(hafenAdmin.getByRole('heading', { name: /Frühjahr 2026/ })).toBeVisible();
  await accessibleInGermanAndArabic(hafenAdmin);
  // A closed demo round with an earlier one to compare, and comments for the town's staff (opened).
  await hafenAdmin.goto('/towns/hafenstadt/selfcheck');
  await hafenAdmin.getByRole('link', { name: 'Results – Herbst 2025' }).click();
  await expect(hafenAdmin.getByRole('columnheader', { name: 'Earlier round “Frühjahr 2025”' })).toBeVisible();
  for (const lng of ['de', 'ar']) {
    await hafenAdmin.goto(`${new URL(hafenAdmin.url()).pathname}?lng=${lng}`);
    for (const summary of await hafenAdmin.locator('.selfcheck-comments summary').all()) await summary.click();
    await expectAccessible(hafenAdmin);
  }
});

test('the network stock-taking shows the demo benchmark and never a single town’s score', async ({ browser }) => {
  const network = await signedInPage(browser, demo.network);
  await network.goto('/network/selfcheck');
  const benchmark = network.locator('section[data-testid^=benchmark-]').first();
  await expect(benchmark.getByRole('table')).toBeVisible();
  await expect(benchmark.getByTestId('benchmark-hidden')).toHaveCount(0);
  await expect(network.getByTestId('town-status-hafenstadt')).toContainText('1 open, 1 in all');
  const csv = await network.request.get('/network/selfcheck/participation.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  // A resident may not see it.
  const resident = await signedInPage(browser, demo.resident);
  const refused = await resident.goto('/network/selfcheck');
  expect(refused?.status()).toBe(403);
});

test('without JavaScript a respondent answers and saves with the Save button, and finds the answers again', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, demo.resident);
  await page.goto('/towns/hafenstadt/selfcheck');
  await page.getByRole('link', { name: 'Answer – Frühjahr 2026' }).click();
  const first = page.locator('fieldset.selfcheck-question').first();
  await first.locator('input[type=radio]').nth(2).check();
  await first.getByLabel('Comment (optional)').fill('Ohne JavaScript gespeichert.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Your answers are saved.')).toBeVisible();
  await expect(first.locator('input[type=radio]').nth(2)).toBeChecked();
  await expect(first.getByLabel('Comment (optional)')).toHaveValue('Ohne JavaScript gespeichert.');
  // An answer off the scale (a tampered form) comes back as a message, not a server error.
  const url = new URL(page.url());
  const tampered = await context.request.post(url.pathname, {
    form: { intent: 'save', 'answers.ratsbeschluss-leitbild.value': '42' },
    headers: { origin: url.origin },
    maxRedirects: 0,
  });
  expect(tampered.status()).toBe(400);
  await context.close();
});
