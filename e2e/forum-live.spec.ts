import { expect, test, type Page } from '@playwright/test';
import { FORUM_TEXTS } from '../db/seed-data/demo-conversations';
import { demo, expectAccessible, signIn, signUpAndVerify, closeOwnContexts, richEditor } from './support';

test.afterEach(closeOwnContexts);

async function residentOfLindenau(page: Page, label: string) {
  const person = await signUpAndVerify(page, label);
  await signIn(page, person.email, person.password);
  await page.goto('/towns/lindenau');
  await page.getByRole('button', { name: 'Join this town' }).click();
  await expect(page.getByText('Your role: Resident')).toBeVisible();
  return person;
}

// The rich-text editor once it has taken over from the plain field (journeys about that switch say so).
const editor = (page: Page, name: string) => richEditor(page, name);

test('two residents talk live: rich text appears, edits follow, a quoted reply comes back', async ({ browser }) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await residentOfLindenau(a, 'live-a');
  await residentOfLindenau(b, 'live-b');
  const title = `Ein Sommerfest für alle? (${Date.now()})`;

  await a.goto('/towns/lindenau');
  await a.getByRole('link', { name: FORUM_TEXTS.zusammenleben.nameTranslations.en }).click();
  await expectAccessible(a);
  await a.getByLabel('Title').fill(title);
  await editor(a, 'Your post').click();
  await a.keyboard.type('Wer hätte Lust, im Juli ein Fest im Park zu organisieren?');
  await a.getByRole('button', { name: 'Start thread' }).click();
  await expect(a.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  const threadUrl = a.url().replace(/\?.*$/, '');

  await b.goto(threadUrl);
  await expect(b.getByText('Wer hätte Lust, im Juli ein Fest im Park zu organisieren?')).toBeVisible();
  await expect(b.getByText(/people are reading|person is reading/)).toBeVisible();
  await expectAccessible(b);

  // While A writes, B sees who is writing.
  await editor(a, 'Your reply').click();
  await a.keyboard.type('Ich bringe ');
  await expect(b.getByText(/Test live-a is writing/)).toBeVisible();
  await a.keyboard.press('Control+b');
  await a.keyboard.type('Kuchen');
  await a.keyboard.press('Control+b');
  await a.keyboard.type(' mit.');
  await a.getByRole('button', { name: 'Post reply' }).click();
  await expect(a.locator('.post-body strong', { hasText: 'Kuchen' })).toBeVisible();
  await expect(b.locator('.post-body strong', { hasText: 'Kuchen' })).toBeVisible();
  await expect(b.getByRole('status').filter({ hasText: /New post by/ })).toHaveCount(1);

  // A edits the reply; B sees the edit and the "edited" mark.
  const reply = a.locator('.post', { hasText: 'Kuchen' });
  await reply.getByRole('link', { name: 'Edit' }).click();
  await editor(a, 'Your post').click();
  await a.keyboard.press('End');
  await a.keyboard.type(' Und Limonade!');
  await a.getByRole('button', { name: 'Save changes' }).click();
  await expect(a.locator('.post', { hasText: 'Und Limonade!' })).toBeVisible();
  const editedOnB = b.locator('.post', { hasText: 'Und Limonade!' });
  await expect(editedOnB).toBeVisible();
  await expect(editedOnB.getByRole('link', { name: 'edited' })).toBeVisible();

  // B replies quoting A; A sees the quote arrive live.
  await b.locator('.post', { hasText: 'Und Limonade!' }).getByRole('link', { name: /^Quote/ }).click();
  await expect(b.getByText(/You are quoting Test live-a/)).toBeVisible();
  await editor(b, 'Your reply').click();
  await b.keyboard.type('Super, ich helfe beim Aufbau.');
  await b.getByRole('button', { name: 'Post reply' }).click();
  const quoted = a.locator('.post', { hasText: 'Super, ich helfe beim Aufbau.' });
  await expect(quoted).toBeVisible();
  await expect(quoted.locator('blockquote', { hasText: 'Kuchen' })).toBeVisible();
  await expect(quoted.getByText('In reply to Test live-a')).toBeVisible();
  await expectAccessible(a);

  // A follows the thread they started: the reply shows up in the header count, live, and in the list.
  await expect(a.getByRole('link', { name: 'Notifications 1 unread' })).toBeVisible();
  await a.getByRole('link', { name: 'Notifications 1 unread' }).click();
  await expect(a.getByRole('link', { name: `Test live-b replied in "${title}"` })).toBeVisible();
  await expectAccessible(a);
  await a.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(a.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  await contextA.close();
  await contextB.close();
});

test('thread lists update their counts live and mark unread threads', async ({ browser }) => {
  const watcherContext = await browser.newContext();
  const writerContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  const writer = await writerContext.newPage();
  await residentOfLindenau(watcher, 'list-watcher');
  await residentOfLindenau(writer, 'list-writer');
  await watcher.goto('/towns/lindenau/forums/ideen');
  await watcher.getByRole('link', { name: 'Busverbindungen am Abend' }).click();
  await watcher.goto('/towns/lindenau/forums/ideen');
  const row = watcher.locator('.thread-row', { hasText: 'Busverbindungen am Abend' });
  const before = Number((await row.locator('.meta').innerText()).match(/(\d+) repl/)![1]);

  await writer.goto('/towns/lindenau/forums/ideen');
  await writer.getByRole('link', { name: 'Busverbindungen am Abend' }).click();
  await editor(writer, 'Your reply').click();
  await writer.keyboard.type('Der Nachtbus fehlt wirklich.');
  await writer.getByRole('button', { name: 'Post reply' }).click();
  await expect(writer.locator('.post', { hasText: 'Der Nachtbus fehlt wirklich.' })).toBeVisible();

  await expect(row.locator('.meta')).toContainText(`${before + 1} replies`);
  await expect(row.getByText('1 new')).toBeVisible();
  await expect(watcher.locator('.thread-list li').first()).toContainText('Busverbindungen am Abend');
  await watcherContext.close();
  await writerContext.close();
});

test('a town admin adds a forum, and residents find it on the town page', async ({ page }) => {
  await signIn(page, 'admin-lindenau@demo.weltoffen.example');
  await page.goto('/towns/lindenau');
  await page.getByRole('link', { name: 'Manage forums' }).click();
  await expectAccessible(page);
  await page.locator('#forum-form-new [name="name"]').fill('Sport und Vereine');
  await page.locator('#forum-form-new [name="slug"]').fill('Sport Vereine');
  await page.getByRole('button', { name: 'Create forum' }).click();
  await expect(page.getByText(/Use 2 to 60 lower-case letters/)).toBeVisible();
  await expect(page.locator('#forum-form-new [name="name"]')).toHaveValue('Sport und Vereine');
  await page.locator('#forum-form-new [name="slug"]').fill('sport');
  await page.getByRole('button', { name: 'Create forum' }).click();
  await expect(page.getByRole('status')).toHaveText('The forums are saved.');
  await page.goto('/towns/lindenau');
  await expect(page.getByRole('link', { name: 'Sport und Vereine' })).toBeVisible();
});

test('posting works with the keyboard alone, and a draft survives a reload', async ({ page }) => {
  await residentOfLindenau(page, 'keyboard');
  await page.goto('/towns/lindenau/forums/ideen');
  await page.getByRole('link', { name: 'Öffnungszeiten der Bibliothek' }).click();

  await richEditor(page, 'Your reply').click();
  await page.keyboard.type('Ein Entwurf, der bleibt.');
  await page.waitForTimeout(800); // the draft is saved after a short pause in typing
  await page.reload();
  await expect(editor(page, 'Your reply')).toContainText('Ein Entwurf, der bleibt.');

  // From the top of the page, by Tab alone, to the editor; then to the send button.
  await page.keyboard.press('Control+Home');
  await page.locator('body').focus();
  for (let i = 0; i < 200 && !(await editor(page, 'Your reply').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(editor(page, 'Your reply')).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Mit der Tastatur geschrieben.');
  for (let i = 0; i < 10 && !(await page.getByRole('button', { name: 'Post reply' }).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Post reply' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.post', { hasText: 'Mit der Tastatur geschrieben.' })).toBeVisible();
  // The post may show (live) a moment before the answer to the send arrives; the draft goes with the answer.
  await expect(page).toHaveURL(/[?&]posted=\d+/);
  await page.reload();
  await expect(editor(page, 'Your reply')).not.toContainText('Ein Entwurf');
});

test('a refused post keeps its text and says why; without JavaScript a plain text field posts', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const person = await residentOfLindenau(page, 'nojs');
  await page.goto('/towns/lindenau/forums/ideen');
  await page.getByLabel('Title').fill('ab');
  await editor(page, 'Your post').click();
  await page.keyboard.type('Mein Text darf nicht verloren gehen.');
  await page.getByRole('button', { name: 'Start thread' }).click();
  await expect(page.getByText('Please give the thread a title of at least 4 characters.')).toBeVisible();
  await expect(editor(page, 'Your post')).toContainText('Mein Text darf nicht verloren gehen.');
  await expect(page.getByLabel('Title')).toHaveValue('ab');
  await expectAccessible(page);
  await context.close();

  const offline = await browser.newContext({ javaScriptEnabled: false });
  const plain = await offline.newPage();
  await plain.goto('/login');
  await plain.getByLabel('E-mail address').fill(person.email);
  await plain.getByLabel('Password', { exact: true }).fill(person.password);
  await plain.getByRole('button', { name: 'Sign in', exact: true }).click();
  await plain.goto('/towns/lindenau/forums/ideen?lng=en');
  await plain.getByRole('link', { name: 'Busverbindungen am Abend' }).click();
  await expect(plain.locator('.post').first()).toBeVisible();
  await plain.getByLabel('Your reply').fill('Ohne JavaScript geschrieben.\n\nZweiter Absatz.');
  await plain.getByRole('button', { name: 'Post reply' }).click();
  await expect(plain.locator('.post-body p', { hasText: 'Zweiter Absatz.' })).toBeVisible();
  await offline.close();
});

test('forum, thread and search pages pass axe in German and in Arabic', async ({ page }) => {
  for (const lng of ['de', 'ar']) {
    await page.goto(`/towns/hafenstadt?lng=${lng}`);
    await expectAccessible(page);
    await page.goto('/towns/hafenstadt/forums/zusammenleben');
    await expectAccessible(page);
    await page.locator('.thread-list a').first().click();
    await expect(page.locator('.post').first()).toBeVisible();
    await expectAccessible(page);
    await page.goto('/towns/hafenstadt/search?q=Spielplatz');
    await expect(page.locator('.search-results mark').first()).toBeVisible();
    await page.waitForLoadState('networkidle'); // hydrated: the highlights must survive it
    await expect(page.locator('.search-results mark').first()).toBeVisible();
    await expect(page.locator('.search-results')).not.toContainText('\u0002');
    await expectAccessible(page);
  }
  await page.goto('/?lng=en');
});

test('a long thread pages, permalinks open the right page, and posts can be filtered by language', async ({ page }) => {
  await page.goto('/towns/hafenstadt/forums/zusammenleben?lng=en');
  await page.getByRole('link', { name: 'Wie wollen wir zusammenleben? Die große Runde' }).click();
  const pages = page.getByRole('navigation', { name: 'Pages of this thread', exact: true });
  await expect(pages.getByRole('link', { name: 'Page 10' })).toBeVisible();
  await pages.getByRole('link', { name: 'Page 10' }).click();
  await expect(page.locator('.post').first()).toHaveAttribute('data-position', '181');
  const permalink = await page.locator('.post').nth(4).locator('.post-time').getAttribute('href');
  await page.goto('/?lng=en');
  await page.goto(permalink!);
  await expect(page).toHaveURL(/page=10#post-/);
  await page.getByLabel('Show posts in').selectOption('tr');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('.language-label').first()).toHaveText(/Türkçe/);
  const labels = await page.locator('.language-label').allTextContents();
  expect(labels.every((l) => l.includes('Türkçe'))).toBe(true);
  await expectAccessible(page);
});

test('a reader scrolled up gets a "new posts" button instead of a jump, and keeps their place', async ({ browser }) => {
  const readerContext = await browser.newContext();
  const writerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const writer = await writerContext.newPage();
  await signIn(reader, demo.resident);
  await signIn(writer, demo.admin);
  for (const page of [reader, writer]) {
    await page.goto('/towns/hafenstadt/forums/zusammenleben');
    await page.getByRole('link', { name: 'Wie wollen wir zusammenleben? Die große Runde' }).click();
    await page.getByRole('navigation', { name: 'Pages of this thread', exact: true }).getByRole('link', { name: 'Page 10' }).click();
    await expect(page.locator('.post').first()).toBeVisible();
  }
  await reader.evaluate(() => window.scrollTo(0, 0));
  const scrolled = await reader.evaluate(() => window.scrollY);

  await editor(writer, 'Your reply').click();
  await writer.keyboard.type('Ein neuer Beitrag ganz unten.');
  await writer.getByRole('button', { name: 'Post reply' }).click();
  await expect(writer.locator('.post', { hasText: 'Ein neuer Beitrag ganz unten.' })).toBeVisible();

  const button = reader.getByRole('button', { name: 'Show 1 new post' });
  await expect(button).toBeVisible();
  expect(await reader.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(reader.locator('.post', { hasText: 'Ein neuer Beitrag ganz unten.' })).toHaveCount(0);
  await button.click();
  await expect(reader.locator('.post', { hasText: 'Ein neuer Beitrag ganz unten.' })).toBeInViewport();
  await readerContext.close();
  await writerContext.close();
});

test('text typed before the editor has loaded is kept when the editor takes over', async ({ page }) => {
  await signIn(page, demo.resident);
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/build/**/*.js', async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto('/towns/hafenstadt/forums/ideen', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Your post', { exact: true }).fill('Schon getippt, bevor der Editor da war.');
  release();
  await expect(page.getByRole('toolbar', { name: 'Text formatting' })).toBeVisible();
  await expect(editor(page, 'Your post')).toContainText('Schon getippt, bevor der Editor da war.');
  await expect(editor(page, 'Your post')).toBeFocused();
});
