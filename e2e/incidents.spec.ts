/**
 * The incident log in a real browser: the demo official records an incident with an attachment, sees the
 * support directory, downloads the case file and checks the chain; a stranger gets "not found"; every
 * incident page passes axe in German and Arabic; one journey by keyboard only (including the quick exit).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, expectAccessible, signIn, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

const official = 'buergermeisterin@demo.weltoffen.example';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), Buffer.alloc(13, 1), Buffer.from('e2e-pixels')]);

async function signedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(page, email);
  return page;
}

const run = (command: string, args: string[], cwd: string) =>
  new Promise<{ code: number; output: string }>((resolve) =>
    execFile(command, args, { cwd }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` })),
  );

async function recordIncident(page: Page, description: string) {
  await page.goto('/towns/hafenstadt/incidents/new?lng=en');
  await page.getByLabel('Kind of incident').selectOption('threat');
  await page.getByRole('radio', { name: 'High' }).check();
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('Channel').selectOption('social_media');
  await page.getByLabel('Web addresses of the content').fill('https://social.example/posts/42');
  await page.getByLabel('Author (if known)').fill('@wutbuerger');
  await page.getByLabel('Files to attach').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
  await page.getByLabel('What the files show').fill('Screenshot of the post');
  await page.getByRole('button', { name: 'Save incident' }).click();
  await expect(page.getByRole('heading', { name: /^Incident \d{4}-\d{3}$/ })).toBeVisible();
  return page.url().replace(/\?.*$/, '');
}

test('an official records an incident with an attachment, sees support, downloads and checks the case file; a stranger gets not found', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedInPage(browser, official);
  const description = `Drohung im Test ${Date.now()}: Wir wissen, wo du wohnst.`;

  // Errors next to the fields, what was typed kept.
  await page.goto('/towns/hafenstadt/incidents/new?lng=en');
  await page.getByLabel('Web addresses of the content').fill('not an address');
  await page.getByRole('button', { name: 'Save incident' }).click();
  await expect(page.getByText('Describe what happened.')).toBeVisible();
  await expect(page.getByText('Each line must be a web address')).toBeVisible();

  const url = await recordIncident(page, description);
  await expect(page.getByText(description)).toBeVisible();
  await expect(page.getByText(/File screenshot\.png \(image\/png/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Where to find help' })).toBeVisible();
  const [original] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download the original/ }).click()]);
  expect(original.suggestedFilename()).toBe('screenshot.png');
  expect(await fs.readFile((await original.path())!)).toEqual(PNG);

  // The chain verifies, the key is shown.
  await page.getByRole('link', { name: 'Check the evidence chain' }).click();
  await expect(page.getByTestId('chain-result')).toContainText('The chain is intact');
  await expect(page.locator('pre.public-key')).toContainText('BEGIN PUBLIC KEY');

  // The case file downloads and verifies offline.
  await page.goto(url);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the case file (ZIP)' }).click()]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-case-'));
  const zip = path.join(dir, download.suggestedFilename());
  await download.saveAs(zip);
  expect((await run('unzip', ['-q', zip, '-d', 'case-file'], dir)).code).toBe(0);
  const folder = path.join(dir, 'case-file');
  expect((await run('sha256sum', ['-c', 'SHA256SUMS'], folder)).code).toBe(0);
  const script = await run(process.execPath, ['verify.mjs'], folder);
  expect(script.code, script.output).toBe(0);
  expect(await fs.readFile(path.join(folder, 'attachments', '1-screenshot.png'))).toEqual(PNG);
  await fs.rm(dir, { recursive: true, force: true });

  // A stranger, the town admin and the network team: not found.
  for (const email of [demo.resident, demo.admin, demo.network]) {
    const other = await signedInPage(browser, email);
    const response = await other.goto(url);
    expect(response?.status(), email).toBe(404);
    expect((await other.request.get(`${url}/case-file.zip`)).status()).toBe(404);
    expect((await other.request.get(`${url}/verify`)).status()).toBe(404);
    await other.context().close();
  }
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(url);
  await expect(guest).toHaveURL(/\/login/);
});

test('every incident page passes axe in German and Arabic', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedInPage(browser, official);
  const url = await recordIncident(page, `Beleidigung für axe ${Date.now()}`);
  const postId = await firstPostOf(page, 'Parkplätze am Markt');
  // The demo incidents: one with a timeline up to "reported to the police", one with a secured post.
  await page.goto('/towns/hafenstadt/incidents?lng=en');
  const logged = await page.locator('main a[href*="/incidents/"]').evaluateAll((links) =>
    [...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname).filter((p) => /\/incidents\/\d+$/.test(p)))],
  );
  expect(logged.length).toBeGreaterThanOrEqual(4);
  const pages = [
    '/towns/hafenstadt/incidents', '/towns/hafenstadt/incidents/new', `${url}?saved=1&x=`, `${url}/revise`, `${url}/verify`,
    '/towns/hafenstadt/incidents/trust', '/towns/hafenstadt/incidents/support', `/towns/hafenstadt/posts/${postId}/secure`,
    ...logged.filter((p) => !url.endsWith(p)),
  ];
  const admin = await signedInPage(browser, demo.admin);
  const network = await signedInPage(browser, demo.network);
  for (const lng of ['de', 'ar']) {
    for (const [viewer, address] of [...pages.map((a) => [page, a] as const), [admin, '/towns/hafenstadt/incidents/counts'] as const, [network, '/network/support'] as const]) {
      const response = await viewer.goto(`${address}${address.includes('?') ? '&' : '?'}lng=${lng}`);
      expect(response?.status(), address).toBe(200);
      await expect(viewer.locator('html')).toHaveAttribute('lang', lng);
      await expect(viewer.locator('h2, h1').first()).toBeVisible();
      await expectAccessible(viewer);
    }
  }
});

async function firstPostOf(page: Page, title: string): Promise<string> {
  await page.goto('/towns/hafenstadt/forums/ideen?lng=en');
  await page.getByRole('link', { name: title }).click();
  const id = await page.locator('article.post').first().getAttribute('id');
  return id!.replace('post-', '');
}

test('an official secures a post as evidence and uses the shield link; her trust person reads it; the town admin sees only counts', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedInPage(browser, official);
  await page.goto('/towns/hafenstadt/forums/ideen?lng=en');
  await page.getByRole('link', { name: 'Parkplätze am Markt' }).click();
  const post = page.locator('article.post').first();
  const text = (await post.locator('.post-body').innerText()).trim();
  await post.getByRole('link', { name: /Secure as evidence/ }).click();
  await expect(page.getByRole('heading', { name: 'Secure a post as evidence' })).toBeVisible();
  await page.getByLabel('Kind of incident').selectOption('insult');
  await page.getByLabel('Note (optional)').fill('Abwertung von Nachbarn im Forum');
  await page.getByRole('button', { name: 'Secure as evidence' }).click();
  await expect(page.getByRole('heading', { name: 'Secured posts' })).toBeVisible();
  await expect(page.locator('.snapshot-post.is-secured')).toContainText(text);
  const url = page.url().replace(/\?.*$/, '');
  await page.getByRole('button', { name: 'Switch on the shield and report this post' }).click();
  await expect(page.getByText(/Your shield is on/)).toBeVisible();
  await page.goto('/towns/hafenstadt/shield?lng=en');
  await expect(page.getByTestId('shield-state')).toContainText(/on/i);

  // The demo organiser is her trust person: reads it, cannot change it.
  const trusted = await signedInPage(browser, 'veranstaltung@demo.weltoffen.example');
  await trusted.goto('/towns/hafenstadt/incidents?lng=en');
  await expect(trusted.getByRole('table', { name: 'Shared with you' })).toBeVisible();
  await trusted.goto(`${url}?lng=en`);
  await expect(trusted.getByText('Abwertung von Nachbarn im Forum')).toBeVisible();
  await expect(trusted.getByRole('link', { name: 'Correct the record' })).toHaveCount(0);
  await page.goto(`${url}?lng=en`);
  await expect(page.getByRole('table', { name: 'Who read this incident' })).toContainText('Olga Organisation');

  // The town admin: counts, no content, and the incident itself is not found.
  const admin = await signedInPage(browser, demo.admin);
  await admin.goto('/towns/hafenstadt/incidents/counts?lng=en');
  await expect(admin.getByTestId('incident-counts')).toBeVisible();
  await expect(admin.locator('main')).not.toContainText('Abwertung');
  expect((await admin.goto(url))?.status()).toBe(404);
});

/** Presses Tab until the focused element's accessible name matches, as a keyboard user would move. */
async function tabTo(page: Page, name: RegExp) {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return '';
      const labelled = element.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent : null;
      return `${labelled ?? ''} ${element.getAttribute('aria-label') ?? ''} ${element.innerText ?? ''}`.trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`No focusable element named ${name}`);
}

test('by keyboard only: record an incident, then leave by the quick exit', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedInPage(browser, official);
  await page.goto('/towns/hafenstadt/incidents?lng=en');
  await tabTo(page, /^Record an incident$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Record an incident' })).toBeVisible();
  await tabTo(page, /^Description/);
  await page.keyboard.type('Per Tastatur erfasst: Beleidigung am Telefon.');
  await tabTo(page, /^Save incident$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Incident \d{4}-\d{3}$/ })).toBeVisible();
  await expect(page.getByText('Per Tastatur erfasst')).toBeVisible();
  const incidentUrl = page.url();
  const before = await page.evaluate(() => history.length);
  await tabTo(page, /Quick exit/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/:\d+\/$/);
  // The incident page was replaced in the history, not added to: Back does not return to it.
  expect(await page.evaluate(() => history.length)).toBe(before);
  await page.goBack();
  expect(page.url()).not.toBe(incidentUrl);
});

test('without JavaScript: the form answers with errors next to its fields, keeps what was typed, and saves with a file', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, official);
  await page.goto('/towns/hafenstadt/incidents/new?lng=en');
  await page.getByLabel('Author (if known)').fill('@ohne-js');
  await page.getByRole('button', { name: 'Save incident' }).click();
  await expect(page.locator('.field-error', { hasText: 'Describe what happened.' })).toBeVisible();
  await expect(page.getByLabel('Author (if known)')).toHaveValue('@ohne-js');
  await page.getByLabel('Description').fill('Ohne JavaScript erfasst.');
  await page.getByLabel('Files to attach').setInputFiles({ name: 'beweis.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Save incident' }).click();
  await expect(page.getByRole('heading', { name: /^Incident \d{4}-\d{3}$/ })).toBeVisible();
  await expect(page.getByText(/File beweis\.png \(image\/png/)).toBeVisible();
  await context.close();
});
