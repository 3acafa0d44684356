/**
 * The XSS corpus through the whole pipeline: every attack document is sent to the real server, which
 * refuses it or stores it; everything stored is then shown in real Chromium, where nothing may execute.
 */
import { expect, test } from '@playwright/test';
import { XSS_PAYLOADS, payloadDocuments } from '../app/editor/xss-corpus';
import { validateDocument } from '../app/editor/validate';
import { demo, signIn, closeOwnContexts, richEditor } from './support';

test.afterEach(closeOwnContexts);

test('no payload executes, whatever door it came through', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const fired: string[] = [];
  page.on('dialog', async (dialog) => {
    fired.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.exposeFunction('__xssFired', (value: string) => fired.push(`call: ${value}`));

  await signIn(page, demo.admin);
  // The town admin lifts the posting limit for this test thread's town (a real admin setting).
  await page.goto('/towns/hafenstadt/forums-admin');
  await page.getByLabel('Posts per person').fill('5000');
  await page.getByLabel('Time window in minutes').fill('1');
  await page.getByRole('button', { name: 'Save posting limit' }).click();
  await expect(page.getByRole('status')).toHaveText('The forums are saved.');

  await page.goto('/towns/hafenstadt/forums/ideen');
  await page.getByLabel('Title').fill('XSS corpus');
  await richEditor(page, 'Your post').click();
  await page.keyboard.type('Every attack document follows.');
  await page.getByRole('button', { name: 'Start thread' }).click();
  await expect(page).toHaveURL(/\/threads\/\d+/);
  const threadPath = new URL(page.url()).pathname;

  // Every document the schema accepts is stored; of the refused ones (checked one by one in
  // app/editor/xss.test.ts) one per payload is sent here to show the server refuses it too.
  let stored = 0;
  let refused = 0;
  const wrongAnswers: string[] = [];
  for (const payload of XSS_PAYLOADS) {
    const documents = payloadDocuments(payload);
    const acceptable = documents.filter((d) => validateDocument(d).ok);
    const refusable = documents.filter((d) => !validateDocument(d).ok).slice(0, 1);
    for (const document of [...acceptable, ...refusable]) {
      const response = await page.request.post(threadPath, {
        headers: { origin: baseURL! },
        form: { intent: 'reply', body: JSON.stringify(document), language: 'en' },
        maxRedirects: 0,
      });
      const expected = acceptable.includes(document) ? 302 : 400;
      if (response.status() === 302) stored++;
      if (response.status() === 400) refused++;
      if (response.status() !== expected) wrongAnswers.push(`${response.status()} for ${JSON.stringify(document).slice(0, 160)}`);
    }
  }
  expect(wrongAnswers).toEqual([]);
  expect(stored).toBeGreaterThan(XSS_PAYLOADS.length); // the payloads as text are kept (escaped)
  expect(refused).toBe(XSS_PAYLOADS.length);

  const lastPage = Math.ceil((stored + 1) / 20);
  for (let n = 1; n <= lastPage; n++) {
    await page.goto(`${threadPath}?page=${n}`);
    const findings = await page.evaluate(() => {
      const bad: string[] = [];
      for (const body of document.querySelectorAll('.post-body')) {
        for (const el of body.querySelectorAll('*')) {
          if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'STYLE', 'IMG', 'FORM', 'INPUT', 'BASE', 'META', 'LINK'].includes(el.tagName.toUpperCase())) bad.push(`element ${el.tagName}`);
          for (const attr of el.getAttributeNames()) {
            if (attr.startsWith('on')) bad.push(`handler ${attr}`);
            if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr)) {
              const value = (el.getAttribute(attr) ?? '').trim().toLowerCase();
              if (!/^(https?:|mailto:)/.test(value)) bad.push(`${attr}=${value}`);
            }
          }
          if (el.tagName === 'A' && el.getAttribute('rel') !== 'noopener nofollow ugc') bad.push(`rel=${el.getAttribute('rel')}`);
        }
      }
      return bad;
    });
    expect(findings, `page ${n}`).toEqual([]);
  }
  await page.waitForTimeout(500);
  expect(fired).toEqual([]);

  await page.goto('/towns/hafenstadt/forums-admin');
  await page.getByLabel('Posts per person').fill('10');
  await page.getByLabel('Time window in minutes').fill('5');
  await page.getByRole('button', { name: 'Save posting limit' }).click();
});
