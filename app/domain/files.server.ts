/** What an uploaded file is, read from its first bytes (file-type), and whether this place accepts it. */
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from './errors';

export interface SniffedFile {
  name: string;
  /** The type its bytes show, not the one the browser claimed. */
  mediaType: string;
  bytes: Buffer;
}

/** Types whose bytes have no magic number to sniff, accepted where a place asks for them by name. */
const TEXT_TYPES: Record<string, RegExp> = {
  'message/rfc822': /^(?:[\w-]+:[^\r\n]*\r?\n)+/, // a saved e-mail (.eml): header lines first
  'text/plain': /^[^\u0000-\u0008\u000e-\u001f]*$/,
};

/**
 * The files with their real types; a file whose bytes are none of `accepted` is refused next to `field`.
 * Names are cut to their last path segment and 200 characters.
 */
export async function sniffFiles(files: File[], accepted: readonly string[], field: string): Promise<SniffedFile[]> {
  const result: SniffedFile[] = [];
  for (const file of files) {
    const bytes = Buffer.from(await file.arrayBuffer());
    const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
    const mediaType =
      sniffed ?? Object.entries(TEXT_TYPES).find(([type, shape]) => accepted.includes(type) && shape.test(bytes.subarray(0, 64 * 1024).toString('utf8')))?.[0];
    const name = file.name.split(/[/\\]/).pop()!.slice(0, 200) || 'file';
    if (!mediaType || !accepted.includes(mediaType)) throw new DomainError('invalid', 'common:errors.fileType', { name }, field);
    result.push({ name, mediaType, bytes });
  }
  return result;
}
