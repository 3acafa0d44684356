/**
 * Forms with files (evidence for an incident, documents of a dialogue event): multipart, read part by part.
 * Each file is kept in memory up to its limit; a larger one is read to its end and dropped, and arrives as an
 * empty "oversized" file, so the form still comes back with everything else typed and a message next to the
 * file field (see `uploadedFiles` in app/domain/files.ts). The whole body is capped before this by
 * server/http/limits.ts.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES, OVERSIZED_FILE_TYPE } from '#app/domain/files';
import { MAX_FORM_FIELDS } from './form.server';

const MAX_TEXT_FIELD_BYTES = 1024 * 1024;

async function collect(data: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array[] | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    // Past the limit the rest is still read (the parser needs the next part) but no longer kept.
    if (size <= limit) chunks.push(chunk);
  }
  return size <= limit ? chunks : null;
}

/** The form of a multipart post: 415 for any other body, 413 for too many fields or files, 400 when it cannot be read. */
export async function readUploadFormData(request: Request): Promise<FormData> {
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(request.headers.get('content-type') ?? '')) {
    throw new Response('This form takes files: send it as multipart/form-data.', { status: 415 });
  }
  let parts = 0;
  let files = 0;
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    if (++parts > MAX_FORM_FIELDS) throw new Response('The form has too many fields.', { status: 413 });
    if (filename === undefined) {
      const chunks = await collect(data, MAX_TEXT_FIELD_BYTES);
      if (!chunks) throw new Response('A field of the form is too large.', { status: 413 });
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    if (!filename) {
      await collect(data, 0); // an empty file input
      return null;
    }
    if (++files > MAX_UPLOAD_FILES) throw new Response('The form has too many files.', { status: 413 });
    const chunks = await collect(data, MAX_UPLOAD_FILE_BYTES);
    return chunks ? new File([Buffer.concat(chunks)], filename, { type: contentType || 'application/octet-stream' }) : new File([], filename, { type: OVERSIZED_FILE_TYPE });
  };
  try {
    return await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response('The form could not be read.', { status: 400 });
  }
}
