/** Shared steps for the journeys: accessibility scans, the development mailbox, sign-in. */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'weltoffen-demo';
export const demo = {
  network: 'netzwerk@demo.weltoffen.example',
  admin: 'admin@demo.weltoffen.example',
  resident: 'bewohnerin@demo.weltoffen.example',
};

/** WCAG 2.1 A and AA rules must find nothing on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

let counter = 0;
export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${++counter}@example.org`;

/** The newest link to `pathPart` that the app mailed to `email`, read from the development mailbox. */
export async function mailedLink(page: Page, email: string, pathPart: string): Promise<string> {
  const link = page.locator(`.mail-body a[href*="${pathPart}"]`).first();
  // Account mail is written by the job queue a moment after the request: look again until it is there.
  await expect(async () => {
    await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
    await expect(link).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  return new URL((await link.getAttribute('href'))!).pathname + new URL((await link.getAttribute('href'))!).search;
}

/** Signs in through the form; the journeys then read the app in English (the demo accounts' profiles say German). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login?lng=en');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto('/?lng=en');
  // Attached rather than visible: on a phone the account link sits in the closed menu.
  await expect(page.getByRole('link', { name: /My account/, includeHidden: true })).toHaveCount(1);
}

/** A translation as the app has it, so tests follow the locale files rather than repeat them. */
export function message(lng: string, ns: string, key: string): string {
  const data = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', 'locales', lng, `${ns}.json`), 'utf8'));
  return key.split('.').reduce((node, part) => node[part], data) as unknown as string;
}

/** Signs up and confirms the address through the mailbox; returns the credentials. */
export async function signUpAndVerify(page: Page, label: string) {
  const email = uniqueEmail(label);
  const password = 'a long enough password';
  await page.goto('/signup');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Display name').fill(`Test ${label}`);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel(/I agree/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Please check your e-mail' })).toBeVisible();
  await page.goto(await mailedLink(page, email, '/verify-email'));
  await expect(page.getByText('Your e-mail address is confirmed')).toBeVisible();
  return { email, password };
}

/**
 * Closes the browser contexts a journey opened itself. A page left open keeps its socket and revalidates on
 * live events — with its own `?lng=` in the address, which is saved as that demo account's language — and so
 * changes what the next journeys see. Use as `test.afterEach(closeOwnContexts)`.
 */
export async function closeOwnContexts({ browser, context }: { browser: Browser; context: BrowserContext }) {
  await Promise.all(browser.contexts().filter((own) => own !== context).map((own) => own.close()));
}

/**
 * The rich-text editor itself, once it has taken over from the plain field it replaces when the page is
 * interactive. Journeys about something else type here, so that no keystroke falls into the switch;
 * typing before the switch has its own journey.
 */
export function richEditor(page: Page, name: string, options: { exact?: boolean } = {}) {
  return page.locator('[contenteditable="true"]').and(page.getByRole('textbox', { name, exact: options.exact }));
}
