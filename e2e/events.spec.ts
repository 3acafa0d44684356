import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, expectAccessible, mailedLink, signIn, signUpAndVerify, closeOwnContexts, richEditor } from './support';

test.afterEach(closeOwnContexts);

const organiser = 'veranstaltung@demo.weltoffen.example';

async function signedInPage(browser: Browser, email: string, password?: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

/** A date N days ahead as `YYYY-MM-DD` (in Berlin; the journeys stay far from midnight). */
const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

async function scheduleEvent(page: Page, title: string, capacity: string) {
  await page.goto('/towns/hafenstadt/events?lng=en');
  await page.getByRole('link', { name: 'Schedule an event' }).click();
  await expect(page.getByRole('heading', { name: 'Schedule an event' })).toBeVisible();
  await expectAccessible(page);
  // Sent empty first: the messages stand next to their fields.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Give the event a title.')).toBeVisible();
  await page.getByRole('radio', { name: 'Hybrid (in person and online)' }).check();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await richEditor(page, 'Description', { exact: true }).click();
  await page.keyboard.type('Wir sprechen über den Marktplatz.');
  await page.getByLabel('Date', { exact: true }).fill(dayAhead(20));
  await page.getByLabel('Starts at').fill('18:00');
  await page.getByLabel('Ends at', { exact: true }).fill('20:00');
  await page.getByLabel('Address').fill('Am Markt 1, 24103 Hafenstadt');
  await page.getByLabel('Link to join online').fill('https://meet.weltoffen.example/markt-test');
  await page.getByRole('checkbox', { name: 'German Sign Language (DGS)' }).check();
  await page.getByRole('checkbox', { name: 'Step-free access' }).check();
  await page.getByLabel('Seats').fill(capacity);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  return page.url().replace(/\?.*$/, '');
}

test('an organiser schedules, residents register (the second waits and is promoted live), the organiser checks in', async ({ browser }) => {
  test.setTimeout(150_000);
  const title = `Marktplatz-Dialog ${Date.now()}`;
  const organiserPage = await signedInPage(browser, organiser);
  const eventUrl = await scheduleEvent(organiserPage, title, '1');
  await expect(organiserPage.getByTestId('live-counts')).toHaveText('0 registered, 0 waiting, 0 checked in');

  // A resident finds it in the town's list with a filter, and registers.
  const resident = await signedInPage(browser, demo.resident);
  await resident.goto('/towns/hafenstadt/events?lng=en');
  await resident.getByLabel('Accessibility').selectOption({ label: 'Step-free access' });
  await resident.getByRole('button', { name: 'Show' }).click();
  await expect(resident).toHaveURL(/accessibility=step_free/);
  await resident.getByRole('link', { name: title }).click();
  await expect(resident.getByText('The link to join is shown here once you are registered.')).toBeVisible();
  await expect(resident.getByTestId('join-link')).toHaveCount(0);
  await resident.getByRole('button', { name: 'Register' }).click();
  await expect(resident.getByText('You are registered.', { exact: true })).toBeVisible();
  await expect(resident.getByTestId('join-link')).toHaveAttribute('href', 'https://meet.weltoffen.example/markt-test');
  await expect(resident.getByRole('img', { name: /QR code for registration/ })).toBeVisible();
  await expectAccessible(resident);
  // The organiser's open page counts live.
  await expect(organiserPage.getByTestId('live-counts')).toHaveText('1 registered, 0 waiting, 0 checked in');

  // A second resident joins the town and finds the event full: the waiting list.
  const secondPage = await (await browser.newContext()).newPage();
  const second = await signUpAndVerify(secondPage, 'waiting');
  await signIn(secondPage, second.email, second.password);
  await secondPage.goto('/towns/hafenstadt');
  await secondPage.getByRole('button', { name: 'Join this town' }).click();
  // Wait for the membership before leaving the page, or the navigation cancels the join.
  await expect(secondPage.getByText('Welcome! You are now a member of this town.')).toBeVisible();
  await secondPage.goto(eventUrl);
  await secondPage.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(secondPage.getByText('You are number 1 on the waiting list.', { exact: false })).toBeVisible();
  await expect(organiserPage.getByTestId('live-counts')).toHaveText('1 registered, 1 waiting, 0 checked in');

  // The first cancels; the second is promoted in the same moment and sees it without reloading.
  await resident.getByRole('button', { name: 'Cancel my registration' }).click();
  await expect(resident.getByText('Your registration was cancelled.')).toBeVisible();
  await expect(secondPage.getByText('You are registered.', { exact: true })).toBeVisible();
  await expect(organiserPage.getByTestId('live-counts')).toHaveText('1 registered, 0 waiting, 0 checked in');
  const code = (await secondPage.locator('.registration-code').textContent())!.trim();
  // The promotion mail carries the link to the registration, usable without signing in.
  const link = await mailedLink(secondPage, second.email, '/registration?token=');
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(`${link}&lng=en`);
  await expect(anonymous.getByText(code)).toBeVisible();
  await expectAccessible(anonymous);

  // Check-in at the door by typed code; a second time is refused with a clear message.
  await organiserPage.goto(`${eventUrl}/check-in?lng=en`);
  await expect(organiserPage.getByTestId('checkin-count')).toHaveText('0 of 1 checked in');
  await expectAccessible(organiserPage);
  await organiserPage.getByLabel('Registration code').fill(code.toLowerCase());
  await organiserPage.getByRole('button', { name: 'Check in' }).click();
  await expect(organiserPage.getByText(/Welcome, Test waiting!/)).toBeVisible();
  await expect(organiserPage.getByTestId('checkin-count')).toHaveText('1 of 1 checked in');
  await organiserPage.getByLabel('Registration code').fill(code);
  await organiserPage.getByRole('button', { name: 'Check in' }).click();
  await expect(organiserPage.getByText(/Already checked in at/)).toBeVisible();
  await organiserPage.getByLabel('Registration code').fill('ABCD-EFGH-0');
  await organiserPage.getByRole('button', { name: 'Check in' }).click();
  await expect(organiserPage.getByText(/mistyped|No registration has this code/)).toBeVisible();

  await organiserPage.goto(`${eventUrl}/registrations?lng=en`);
  await expect(organiserPage.getByRole('cell', { name: 'Test waiting' })).toBeVisible();
  await expectAccessible(organiserPage);
});

test('every events page passes axe in German and Arabic', async ({ browser }) => {
  test.setTimeout(150_000);
  const guest = await (await browser.newContext()).newPage();
  const organiserPage = await signedInPage(browser, organiser);
  await organiserPage.goto('/towns/hafenstadt/events?lng=en');
  const first = await organiserPage.getByTestId('event-list').getByRole('link').first().getAttribute('href');
  const network = await organiserPage.locator('a[href^="/network/events/"]').first().getAttribute('href');
  await organiserPage.goto('/towns/hafenstadt/events?when=past&lng=en');
  // Last year's network stock-taking, documented, and the town's past information evening.
  const pastNetwork = await organiserPage.getByTestId('event-list').locator('a[href^="/network/events/"]').first().getAttribute('href');
  const pastTown = await organiserPage.getByTestId('event-list').locator('a[href^="/towns/hafenstadt/events/"]').first().getAttribute('href');
  await organiserPage.goto(`${pastNetwork}?lng=en`);
  await expect(organiserPage.getByTestId('documentation')).toContainText('8 people attended');
  for (const lng of ['de', 'ar']) {
    for (const path of ['/towns/hafenstadt/events', '/towns/hafenstadt/events/calendar', '/network/events', '/network/events/calendar', first!, network!, `${first}/questions`, `${first}/questions/present`, '/towns/hafenstadt/events?when=past', pastNetwork!, pastTown!]) {
      await guest.goto(`${path}?lng=${lng}`);
      await expect(guest.locator('html')).toHaveAttribute('lang', lng);
      await expectAccessible(guest);
    }
    for (const path of ['/towns/hafenstadt/events/new', `${first}`, `${first}/edit`, `${first}/registrations`, `${first}/check-in`, `${pastTown}/documentation`]) {
      await organiserPage.goto(`${path}?lng=${lng}`);
      await expect(organiserPage.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      await expectAccessible(organiserPage);
    }
  }
});

test('a resident registers by keyboard only and gets the calendar file', async ({ browser }) => {
  const page = await signedInPage(browser, demo.resident);
  await page.goto('/towns/hafenstadt/events?lng=en');
  // Tab to the workshop (the demo's full event) and open it with Enter.
  const target = page.getByRole('link', { name: /Ehrenamt in der Nachbarschaft/ });
  for (let presses = 0; presses < 60 && !(await target.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Ehrenamt/ })).toBeVisible();
  const button = page.getByRole('button', { name: /Join the waiting list|Register/ });
  for (let presses = 0; presses < 80 && !(await button.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/You are number \d+ on the waiting list|You are registered/)).toBeVisible();
  const response = await page.request.get(`${page.url().replace(/\?.*$/, '')}/calendar.ics`);
  expect(response.headers()['content-type']).toContain('text/calendar');
  expect(await response.text()).toContain('BEGIN:VEVENT');
});

test('a question appears live for the moderator, who puts it on the big screen', async ({ browser }) => {
  test.setTimeout(90_000);
  const question = `Wann kommen die Bänke am Hafen? (${Date.now()})`;
  const moderator = await signedInPage(browser, 'moderation@demo.weltoffen.example');
  await moderator.goto('/towns/hafenstadt/events?lng=en');
  await moderator.getByRole('link', { name: /harbour park/ }).click();
  await moderator.getByRole('link', { name: 'Questions (live Q&A)' }).click();
  await expect(moderator.getByRole('heading', { name: 'Questions (live Q&A)' })).toBeVisible();
  const questionsUrl = moderator.url().replace(/\?.*$/, '');

  const screen = await (await browser.newContext()).newPage();
  await screen.goto(`${questionsUrl}/present?lng=en`);
  await expect(screen.getByText('The next question comes shortly.')).toBeVisible();

  const resident = await signedInPage(browser, demo.resident);
  await resident.goto(questionsUrl);
  await resident.getByLabel('Your question').fill(question);
  await resident.getByRole('checkbox', { name: 'Ask anonymously' }).check();
  await resident.getByRole('button', { name: 'Ask' }).click();
  await expect(resident.getByText('Your question is in the list.')).toBeVisible();
  await expectAccessible(resident);

  // Live for the moderator, who sees who asked; on the big screen it shows without a name.
  const item = moderator.getByTestId('question').filter({ hasText: question });
  await expect(item).toBeVisible();
  await expect(item).toContainText('Rana R.');
  await item.getByRole('button', { name: 'Show live' }).click();
  await expect(screen.getByTestId('live-question')).toContainText(question);
  await expect(screen.getByTestId('live-question')).toContainText('Anonymous');
  await expect(screen.getByTestId('live-question')).not.toContainText('Rana');
  await expectAccessible(screen);
  await expect(resident.getByTestId('question').filter({ hasText: question })).toContainText('Live now');
});

test('02:30 on the changeover nights: refused in spring beside the time, explained in autumn', async ({ browser }) => {
  const page = await signedInPage(browser, organiser);
  await page.goto('/towns/hafenstadt/events/new?lng=en');
  await page.getByLabel('Title', { exact: true }).fill('Nachtgespräch');
  await richEditor(page, 'Description', { exact: true }).click();
  await page.keyboard.type('Ein Gespräch in der Nacht der Zeitumstellung.');
  await page.getByLabel('Address').fill('Am Markt 1, 24103 Hafenstadt');
  await page.getByLabel('Date', { exact: true }).fill('2027-03-28');
  await page.getByLabel('Starts at').fill('02:30');
  await page.getByLabel('Ends at', { exact: true }).fill('04:00');
  await page.getByRole('button', { name: 'Save' }).click();
  const start = page.getByLabel('Starts at');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('02:30 does not exist on 2027-03-28: the clocks go forward that night.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Nachtgespräch');
  await page.getByLabel('Date', { exact: true }).fill('2027-10-31');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByTestId('ambiguous-time')).toContainText('02:30 occurs twice on 2027-10-31');
  await expect(page.getByLabel('Starts at')).toHaveValue('02:30');
});
