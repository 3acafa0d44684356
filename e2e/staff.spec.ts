import { expect, test } from '@playwright/test';
import { demo, expectAccessible, mailedLink, signIn, signUpAndVerify, uniqueEmail, closeOwnContexts } from './support';

test.afterEach(closeOwnContexts);

test('a town admin invites staff by e-mail, who accept, and the admin changes the role later', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const person = await signUpAndVerify(staff, 'new-moderator');

  await signIn(admin, demo.admin);
  await admin.goto('/towns/hafenstadt');
  await admin.getByRole('link', { name: 'Members and roles' }).click();
  await expectAccessible(admin);
  await admin.getByLabel('E-mail address').fill(person.email);
  await admin.getByLabel('Role', { exact: true }).selectOption('moderator');
  await admin.getByRole('button', { name: 'Send invitation' }).click();
  await expect(admin.getByRole('status')).toHaveText('The invitation has been sent.');
  await expect(admin.getByText(`${person.email} – Moderator – open`)).toBeVisible();

  await staff.goto(await mailedLink(staff, person.email, '/invitations/'));
  await expect(staff.getByText('You are invited to work in Hafenstadt as Moderator.')).toBeVisible();
  await expectAccessible(staff);
  await signIn(staff, person.email, person.password);
  await staff.goto(await mailedLink(staff, person.email, '/invitations/'));
  await staff.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(staff.getByText('Your role: Moderator')).toBeVisible();

  await admin.reload();
  await admin.getByLabel('Role of Test new-moderator').selectOption('organiser');
  await admin.getByRole('button', { name: 'Change role – Test new-moderator' }).click();
  await expect(admin.getByRole('status')).toHaveText('The role has been changed.');
  await staff.reload();
  await expect(staff.getByText('Your role: Organiser')).toBeVisible();
  await expect(staff.getByRole('link', { name: 'Incident log' })).toHaveCount(0);

  // The admin marks the organiser as an official: the incident log opens to them; taking the mark away closes it.
  await admin.getByRole('button', { name: 'Mark as official – Test new-moderator' }).click();
  await expect(admin.getByRole('status')).toHaveText('The person is now marked as an official.');
  await expectAccessible(admin);
  await staff.reload();
  await staff.getByRole('link', { name: 'Incident log' }).click();
  await expect(staff.getByRole('heading', { name: 'Incident log' })).toBeVisible();
  await expect(staff.getByRole('link', { name: 'Record an incident' }).first()).toBeVisible();
  await admin.getByRole('button', { name: 'Remove the mark – Test new-moderator' }).click();
  await expect(admin.getByRole('status')).toHaveText('The mark as official has been removed. Their incident log stays theirs.');
  expect((await staff.goto('/towns/hafenstadt/incidents/new'))?.status()).toBe(403);
  await adminContext.close();
  await staffContext.close();
});

test('a resident cannot open the members page of a town', async ({ page }) => {
  await signIn(page, demo.resident);
  const response = await page.goto('/towns/hafenstadt/members');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expectAccessible(page);
});

test('the network team adds a town and appoints its first admin', async ({ page }) => {
  await signIn(page, demo.network);
  await page.getByRole('link', { name: 'Network' }).click();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Add town' }).click();
  await expect(page.getByText('Please enter the name of the town.')).toBeVisible();
  await expect(page.getByText('Please choose the federal state.')).toBeVisible();
  await expectAccessible(page);

  const slug = `neustadt-${Date.now()}`;
  await page.getByLabel('Name of the town').fill('Neustadt am Fluss');
  await page.getByLabel('Short name in the web address').fill(slug);
  await page.getByLabel('Federal state').selectOption('HE');
  await page.getByRole('button', { name: 'Add town' }).click();
  await expect(page.getByRole('status')).toContainText(slug);

  await page.getByRole('link', { name: 'Appoint admins – Neustadt am Fluss' }).click();
  await page.getByLabel('E-mail address').fill(uniqueEmail('first-admin'));
  await page.getByLabel('Role', { exact: true }).selectOption('admin');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toHaveText('The invitation has been sent.');
});

test('the network team adds a town that offers one language only, and a town without any is refused with the choice kept', async ({ page }) => {
  await signIn(page, demo.network);
  await page.goto('/network');
  const slug = `einsprachig-${Date.now()}`;
  await page.getByLabel('Name of the town').fill('Einsprachingen');
  await page.getByLabel('Short name in the web address').fill(slug);
  await page.getByLabel('Federal state').selectOption('BY');
  for (const language of ['Leichte Sprache', 'English']) await page.getByRole('checkbox', { name: language }).uncheck();
  await page.getByRole('checkbox', { name: 'Deutsch' }).uncheck();
  await page.getByRole('button', { name: 'Add town' }).click();
  await expect(page.getByText('Please choose at least one language.')).toBeVisible();
  await expect(page.getByLabel('Name of the town')).toHaveValue('Einsprachingen');

  await page.getByRole('checkbox', { name: 'Deutsch' }).check();
  await page.getByRole('button', { name: 'Add town' }).click();
  await expect(page.getByRole('status')).toContainText(slug);
  await page.goto(`/towns/${slug}`);
  await expect(page.getByRole('heading', { name: 'Einsprachingen' })).toBeVisible();
});
