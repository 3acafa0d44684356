/** Reading forms: what is not a form, too many fields, and what a refused form echoes back. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capKeptValues, MAX_FORM_FIELDS, parseFormData, parseSubmission, readFormData } from './form.server';

const post = (body: BodyInit, contentType?: string) =>
  new Request('http://localhost/form', { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {} });

const statusOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
};

describe('readFormData', () => {
  it.each([
    ['JSON', post('{"a":1}', 'application/json'), 415],
    ['plain text', post('a=1', 'text/plain'), 415],
    ['no content type', post(new Uint8Array([1, 2, 3])), 415],
    ['broken multipart', post('--x\r\nnot a part', 'multipart/form-data; boundary=x'), 400],
    ['multipart without boundary', post('a', 'multipart/form-data'), 400],
    ['too many fields', post(new URLSearchParams(Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => [`f${i}`, ''])).toString(), 'application/x-www-form-urlencoded'), 413],
    ['a form', post('a=1&b=2', 'application/x-www-form-urlencoded'), 200],
  ])('%s answers %i', async (_name, request, status) => {
    expect(await statusOf(readFormData(request))).toBe(status);
  });

  it('reads 100,000 empty fields in one pass and refuses them, without stalling', async () => {
    const body = Array.from({ length: 100_000 }, () => 'a=').join('&');
    expect(await statusOf(readFormData(post(body, 'application/x-www-form-urlencoded')))).toBe(413);
  });
});

describe('parseFormData', () => {
  const schema = z.object({ title: z.string().trim().min(1).max(10), body: z.string().max(50) });

  it('refuses NUL characters with a message next to the field', () => {
    const data = new FormData();
    data.set('title', 'ok\u0000');
    data.set('body', 'fine');
    const submission = parseFormData(data, schema);
    expect(submission.status).toBe('error');
    if (submission.status !== 'error') return;
    expect(submission.error?.title).toEqual(['common:errors.controlCharacter']);
  });

  it('takes a missing intent from the defaults a hand-made request left out', async () => {
    const withIntent = z.discriminatedUnion('intent', [z.object({ intent: z.literal('save'), name: z.string() })]);
    const submission = await parseSubmission(post('name=x', 'application/x-www-form-urlencoded'), withIntent, { defaults: { intent: 'save' } });
    expect(submission.status).toBe('success');
    expect(submission.formName).toBe('save');
  });
});

describe('capKeptValues', () => {
  const schema = z.object({ title: z.string().max(10), tags: z.array(z.string()).optional(), other: z.string().optional() });

  it('keeps what was typed only up to the field’s limit, so a 10 MB field is not sent back twice', () => {
    const kept = capKeptValues({ title: 'x'.repeat(10_000_000), tags: Array.from({ length: 1000 }, () => 'y'.repeat(100_000)), other: 'z'.repeat(100_000) }, schema);
    expect((kept!.title as string).length).toBe(10);
    expect((kept!.tags as string[]).length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(kept).length).toBeLessThan(2_000_000);
    expect((kept!.other as string).length).toBeLessThan(100_000);
  });

  it('leaves ordinary input untouched', () => {
    expect(capKeptValues({ title: 'Hallo', other: 'Welt' }, schema)).toEqual({ title: 'Hallo', other: 'Welt' });
  });
});
