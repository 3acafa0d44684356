/** Forms with files: what is kept, what is refused, and that a refusal keeps the rest of the form. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_UPLOAD_FILE_BYTES, uploadedFiles } from '#app/domain/files';
import { sniffFiles } from '#app/domain/files.server';
import { parseFormData } from './form.server';
import { readUploadFormData } from './upload.server';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001', 'hex');
const upload = (entries: [string, string | File][]) => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return new Request('http://localhost/upload', { method: 'POST', body: form });
};
const statusOf = (promise: Promise<unknown>) => promise.then(() => 200, (error) => (error instanceof Response ? error.status : Promise.reject(error)));
const schema = z.object({ title: z.string().min(1), files: uploadedFiles({ max: 3 }) });

describe('readUploadFormData', () => {
  it('keeps text fields and files byte for byte', async () => {
    const data = await readUploadFormData(upload([['title', 'Drohbrief'], ['files', new File([PNG], 'brief.png', { type: 'image/png' })]]));
    expect(data.get('title')).toBe('Drohbrief');
    const file = data.get('files') as File;
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('drops a file over the limit but keeps the form, so the page can say which file and keep the rest', async () => {
    const big = new File([new Uint8Array(MAX_UPLOAD_FILE_BYTES + 1)], 'video.mp4', { type: 'video/mp4' });
    const submission = parseFormData(await readUploadFormData(upload([['title', 'Video'], ['files', big]])), schema);
    expect(submission.status).toBe('error');
    if (submission.status !== 'error') return;
    expect(submission.error?.files?.[0]).toMatch(/^common:errors\.fileTooLarge\|.*video\.mp4/);
    expect(submission.payload.title).toBe('Video');
  });

  it('counts files against the field’s maximum, and an empty file input is no file', async () => {
    const one = () => new File([PNG], 'a.png', { type: 'image/png' });
    const four = parseFormData(await readUploadFormData(upload([['title', 'x'], ['files', one()], ['files', one()], ['files', one()], ['files', one()]])), schema);
    expect(four.status).toBe('error');
    const none = parseFormData(await readUploadFormData(upload([['title', 'x'], ['files', new File([], '')]])), schema);
    expect(none.status).toBe('success');
    if (none.status === 'success') expect(none.value.files).toEqual([]);
  });

  it.each([
    ['a plain form', new Request('http://localhost/u', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415],
    ['JSON', new Request('http://localhost/u', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }), 415],
    ['broken multipart', new Request('http://localhost/u', { method: 'POST', body: '--b\r\ngarbage', headers: { 'content-type': 'multipart/form-data; boundary=b' } }), 400],
  ])('%s answers %i', async (_name, request, status) => {
    expect(await statusOf(readUploadFormData(request))).toBe(status);
  });
});

describe('sniffFiles', () => {
  it('takes the type from the bytes, not from the name or the browser', async () => {
    const [file] = await sniffFiles([new File([PNG], 'looks-like.pdf', { type: 'application/pdf' })], ['image/png', 'application/pdf'], 'files');
    expect(file.mediaType).toBe('image/png');
    await expect(sniffFiles([new File([PNG], 'x.png', { type: 'image/png' })], ['application/pdf'], 'files')).rejects.toMatchObject({ code: 'invalid', i18nKey: 'common:errors.fileType', field: 'files' });
    await expect(sniffFiles([new File(['MZ\u0090\u0000'], 'tool.exe')], ['image/png'], 'files')).rejects.toMatchObject({ i18nKey: 'common:errors.fileType' });
  });

  it('recognises a saved e-mail by its header lines where e-mails are asked for', async () => {
    const eml = new File(['From: x@example.org\r\nSubject: Drohung\r\n\r\nText'], 'mail.eml');
    expect((await sniffFiles([eml], ['message/rfc822'], 'files'))[0].mediaType).toBe('message/rfc822');
  });
});
