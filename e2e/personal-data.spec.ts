/**
 * Personal data in the browser: a resident downloads a copy of their data and opens the ZIP; deletes the
 * account keeping their posts as "former member" (the demo's time machine runs the erasure job as if the
 * 14 days had passed); the new pages pass axe in German and Arabic; and one journey by keyboard only.
 */
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import yauzl from 'yauzl';
import { demo, expectAccessible, signIn, signUpAndVerify, closeOwnContexts, richEditor } from './support';

test.afterEach(closeOwnContexts);

async function unzip(bytes: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files: Record<string, string> = {};
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function newResident(page: Page, label: string) {
  const person = await signUpAndVerify(page, label);
  await signIn(page, person.email, person.password);
  await page.goto('/towns/hafenstadt');
  await page.getByRole('button', { name: 'Join this town' }).click();
  await expect(page.getByText('Your role: Resident')).toBeVisible();
  return person;
}

/** Presses Tab until `target` has the focus (the keyboard journey never clicks). */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The erasure job, as if the grace period were over (demo mode, this machine only). */
async function runErasureAfterGrace(page: Page) {
  const answer = await page.request.post('/dev/personal-data', { form: { intent: 'erase-due-after-grace' } });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as { erased: number };
}

test('a resident downloads a copy of their data, opens it, and deletes the account keeping posts as "former member"', async ({ page, browser }) => {
  test.setTimeout(90_000); // several accounts and a background job on a shared machine
  const person = await newResident(page, 'pd-journey');
  const title = `Meine Daten ${Date.now()}`;
  const words = `Worte, die bleiben sollen (${Date.now()}).`;
  await page.goto('/towns/hafenstadt/forums/zusammenleben');
  await page.getByLabel('Title').fill(title);
  await richEditor(page, 'Your post').click();
  await page.keyboard.type(words);
  await page.getByRole('button', { name: 'Start thread' }).click();
  await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  const threadUrl = page.url().replace(/[?#].*$/, '');

  await page.goto('/account');
  await page.getByRole('link', { name: 'Your data: get a copy or delete your account' }).click();
  await expect(page.getByRole('heading', { name: 'Your data', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Request a copy' }).click();
  await expect(page.getByRole('status')).toHaveText('Your copy is being prepared. We will let you know when it is ready.');

  // The job builds it in the background; the page lists it once it is there.
  const downloadLink = page.getByRole('link', { name: /Download the copy of/ });
  await expect(async () => {
    await page.reload();
    await expect(downloadLink).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^weltoffen-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = await unzip(fs.readFileSync((await download.path())!));
  expect(Object.keys(files).sort()).toEqual(['account.json', 'dialogues.json', 'forums.json', 'incidents.json', 'index.html', 'moderation.json', 'personal-data.json', 'selfcheck.json']);
  expect(JSON.parse(files['account.json']).tables.users[0].email).toBe(person.email);
  expect(JSON.parse(files['forums.json']).tables.threads.map((t: { title: string }) => t.title)).toContain(title);
  expect(files['forums.json']).toContain(words);
  expect(files['index.html']).toContain('Test pd-journey');

  // The in-app notice; and for anyone else the download does not exist.
  await page.goto('/notifications');
  await expect(page.getByRole('link', { name: 'The copy of your data is ready to download.' })).toBeVisible();
  await page.goto('/account/privacy');
  const exportPath = (await downloadLink.getAttribute('href'))!;
  const stranger = await (await browser.newContext()).newPage();
  await signIn(stranger, demo.resident);
  expect((await stranger.request.get(exportPath)).status()).toBe(404);
  const guest = await (await browser.newContext()).newPage();
  const guestAnswer = await guest.request.get(exportPath, { maxRedirects: 0 });
  expect(guestAnswer.status()).toBe(302);

  // Deletion: keep the posts, confirm with the password.
  await page.getByRole('radio', { name: /Keep my posts/ }).check();
  await page.getByLabel('Your password, to confirm').fill('wrong password');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('This password is not correct.')).toBeVisible();
  await page.getByLabel('Your password, to confirm').fill(person.password);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/account\/deletion-requested$/);
  await expect(page.getByRole('heading', { name: 'Your account will be deleted' })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'Sign in', exact: true }).first()).toBeVisible();

  // Signing in during the grace period shows it on every page.
  await signIn(page, person.email, person.password);
  await expect(page.locator('.deletion-banner')).toContainText('Your account is due to be deleted on');
  await page.goto('/account/privacy');
  await expect(page.getByText(/Your account will be deleted on .* Your posts will stay/)).toBeVisible();
  await expectAccessible(page);

  // The clock moves on: the job erases the account and this session with it; the open page is told over its
  // socket and leaves for the sign-in page by itself.
  expect((await runErasureAfterGrace(page)).erased).toBeGreaterThanOrEqual(1);
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login/);

  // The thread stays readable, its opening post now by "former member".
  await guest.goto(threadUrl);
  await expect(guest.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  const post = guest.locator('.post', { hasText: words });
  await expect(post).toBeVisible();
  await expect(post).toContainText('Former member');
  await expect(guest.getByText('Test pd-journey')).toHaveCount(0);

  // The old credentials no longer sign anyone in.
  await page.goto('/login?lng=en');
  await page.getByLabel('E-mail address').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await stranger.context().close();
  await guest.context().close();
});

for (const lng of ['de', 'ar']) {
  test(`the new pages pass axe in ${lng === 'de' ? 'German' : 'Arabic'}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const guest = await (await browser.newContext()).newPage();
    const admin = await (await browser.newContext()).newPage();
    const network = await (await browser.newContext()).newPage();
    await signIn(admin, demo.admin);
    await signIn(network, demo.network);
    for (const path of ['/privacy', '/legal', '/account/deletion-requested']) {
      await guest.goto(`${path}?lng=${lng}`);
      await expect(guest.locator('html')).toHaveAttribute('lang', lng);
      await expect(guest.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(guest);
    }
    // The footer of every page links both notices.
    await expect(guest.getByRole('contentinfo').locator('a[href="/privacy"], a[href="/legal"]')).toHaveCount(2);
    for (const path of ['/account/privacy', '/towns/hafenstadt/personal-data']) {
      await admin.goto(`${path}?lng=${lng}`);
      await expect(admin.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      await expectAccessible(admin);
    }
    await network.goto(`/network/personal-data?lng=${lng}`);
    await expect(network.getByRole('table')).toBeVisible();
    await expectAccessible(network);
    for (const context of [guest, admin, network]) await context.context().close();
  });
}

test('the notices are linked from the sign-up form and say there are no non-essential cookies; counts are for admins', async ({ page }) => {
  await page.goto('/signup?lng=en');
  await expect(page.getByRole('main').getByRole('link', { name: 'Privacy notice' })).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Legal notice' })).toBeVisible();
  await page.goto('/privacy?lng=en');
  await expect(page.getByText(/no tracking, analytics or advertising cookies/)).toBeVisible();
  expect((await page.request.get('/towns/hafenstadt/personal-data', { maxRedirects: 0 })).status()).toBe(302);
  await signIn(page, demo.resident);
  expect((await page.request.get('/towns/hafenstadt/personal-data', { maxRedirects: 0 })).status()).toBe(403);
});

test('by keyboard only: request a copy, ask for deletion, sign in again and keep the account', async ({ page }) => {
  const person = await newResident(page, 'pd-keyboard');
  await page.goto('/account');
  await tabTo(page, page.getByRole('link', { name: 'Your data: get a copy or delete your account' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your data', level: 1 })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Request a copy' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Your copy is being prepared. We will let you know when it is ready.');

  await tabTo(page, page.getByRole('radio', { name: /Keep my posts/ }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /Keep my posts/ })).toBeChecked();
  await tabTo(page, page.getByLabel('Your password, to confirm'));
  await page.keyboard.type(person.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/account\/deletion-requested$/);

  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Sign in' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/login/);
  await tabTo(page, page.getByLabel('E-mail address'));
  await page.keyboard.type(person.email);
  await tabTo(page, page.getByLabel('Password', { exact: true }));
  await page.keyboard.type(person.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/account\/privacy/);
  await expect(page.locator('.deletion-banner')).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Keep my account' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Your account stays. The deletion has been cancelled.');
  await expect(page.locator('.deletion-banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete my account' })).toBeVisible();
});

test('without JavaScript the deletion form answers with its errors next to the fields, and nothing is deleted', async ({ browser }) => {
  const setup = await (await browser.newContext()).newPage();
  const person = await newResident(setup, 'pd-nojs');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, person.email, person.password);
  await page.goto('/account/privacy');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Please choose what should happen to your posts.')).toBeVisible();
  await expect(page.getByText('Please enter your password to confirm.')).toBeVisible();
  await page.getByRole('radio', { name: /Remove the content/ }).check();
  await page.getByLabel('Your password, to confirm').fill('not my password');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('This password is not correct.')).toBeVisible();
  // The choice is kept; the password is not sent back.
  await expect(page.getByRole('radio', { name: /Remove the content/ })).toBeChecked();
  await expect(page.getByLabel('Your password, to confirm')).toHaveValue('');
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  await context.close();
  await setup.context().close();
});
