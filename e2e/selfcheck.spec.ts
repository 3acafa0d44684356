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
  expect(csv.headers()['cache-control']).toContain('no-store');
  // One row per town and month with posts, moderation and attendance figures; Hafenstadt's forum has posts.
  const rows = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(/[;,]/));
  expect(rows[0].length).toBe(6);
  const hafenstadt = rows.filter((row) => row[0].includes('Hafenstadt'));
  expect(hafenstadt.length).toBe(12);
  for (const row of hafenstadt) expect(row[1]).toMatch(/^"?\d{4}-\d{2}"?$/);
  expect(hafenstadt.reduce((sum, row) => sum + Number(row[2].replace(/"/g, '')), 0)).toBeGreaterThan(0);
  // The charts over time: posts, event attendance, moderation response times.
  for (const chart of ['Forum posts per town and month', 'Event attendance per town and month', 'Median hours to a moderation decision per town and month']) {
    await expect(network.getByRole('img', { name: chart })).toBeVisible();
  }
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

test('the results hold up under the strict CSP, in forced colours, at 200 % zoom and in print', async ({ browser }) => {
  // 640 CSS pixels across is a 1280-pixel screen at 200 % zoom.
  const context = await browser.newContext({ viewport: { width: 640, height: 900 } });
  await context.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  await signIn(page, demo.admin);
  await page.goto('/towns/hafenstadt/selfcheck?lng=en');
  // The address, not a click: this test is about the results page, not the navigation to it.
  const results = (await page.getByRole('link', { name: 'Results – Herbst 2025' }).getAttribute('href'))!.replace(/\?.*$/, '');
  expect(results).toMatch(/\/results$/);
  await page.goto(`${results}?lng=en`);
  // Every recommended instrument leads somewhere that exists: a page of this town, the advice form, outside material.
  await expect(page.getByTestId('need-for-action').locator('a[href]').first()).toBeVisible();
  const instruments = await page.getByTestId('need-for-action').locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  expect(instruments.length).toBeGreaterThan(0);
  for (const href of new Set(instruments)) {
    if (href.startsWith('#')) await expect(page.locator(href)).toHaveCount(1);
    else if (href.startsWith('/')) expect((await page.request.get(href)).status(), href).toBe(200);
    else expect(href).toMatch(/^https:\/\//);
  }
  const chart = page.locator('svg.selfcheck-chart').first();
  const mark = chart.locator('[class*="chart-current"]').first();
  const fillOf = () => mark.evaluate((element) => getComputedStyle(element).fill);
  const normalFill = await fillOf();

  for (const lng of ['de', 'ar']) {
    const response = await page.goto(`${results}?lng=${lng}`);
    const policy = response!.headers()['content-security-policy'];
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(policy).toContain("style-src 'self';");
    await expect(chart).toBeVisible();
    // Nothing on the page needed an inline style or script the policy refused.
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    // 200 % zoom: the page reflows into the width, nothing scrolls sideways but the tables' own scroll areas.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
    await expectAccessible(page);
  }

  // Forced colours (Windows high contrast): the chart's marks take system colours, and still pass axe.
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(`${results}?lng=en`);
  expect(await fillOf()).not.toBe(normalFill);
  expect(await chart.locator('text').first().evaluate((element) => getComputedStyle(element).fill)).toBe(await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'CanvasText';
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }));
  await expectAccessible(page);
  await page.emulateMedia({ forcedColors: 'none' });

  // Print: the report without navigation, forms or buttons; the chart and the table stay.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Send the request' })).toBeHidden();
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('need-for-action')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await context.close();
});
