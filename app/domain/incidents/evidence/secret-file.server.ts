/** Secret files for demo mode (signing and encryption keys kept in the data directory). */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a secret file (mode 0600) only if none exists, atomically: it is written aside and hard-linked into
 * place, so a concurrent reader never sees it half-written and an existing file is never replaced.
 * Returns false if the file was already there.
 */
export async function createFileOnce(filePath: string, contents: string): Promise<boolean> {
  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const draft = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(draft, contents, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(draft, filePath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(draft, { force: true });
  }
}
