/**
 * The privacy notice and the legal notice of this installation: the operator's files in LEGAL_TEXTS_DIR
 * (`privacy.<language>.md`, then the language it falls back to, then `privacy.md`; the same for `legal`),
 * or the sample texts of the locale files, marked as samples.
 */
import fs from 'node:fs';
import path from 'node:path';
import { settings } from '#app/env.server';
import { getFixedT } from '#app/i18n/i18n.server';
import { parseLegalText, type LegalBlock } from './legal-text';

export type LegalPage = 'privacy' | 'legal';

export interface LegalText {
  blocks: LegalBlock[];
  /** False while the page shows the sample text. */
  fromOperator: boolean;
}

/** At most this much of a file is read: a notice is a few pages of text. */
const MAX_BYTES = 256 * 1024;

function operatorFile(page: LegalPage, language: string): string | null {
  const dir = settings().legalTextsDir;
  if (!dir) return null;
  const candidates = [language, language.split('-')[0], ''].map((lng) => path.join(dir, lng ? `${page}.${lng}.md` : `${page}.md`));
  for (const file of candidates) {
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) continue;
      const handle = fs.openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(stat.size, MAX_BYTES));
        fs.readSync(handle, buffer, 0, buffer.length, 0);
        return buffer.toString('utf8');
      } finally {
        fs.closeSync(handle);
      }
    } catch {
      // not there: try the next one
    }
  }
  return null;
}

export function legalText(page: LegalPage, language: string): LegalText {
  const own = operatorFile(page, language);
  if (own !== null) return { blocks: parseLegalText(own), fromOperator: true };
  const t = getFixedT(language, 'privacy');
  return { blocks: parseLegalText(t(page === 'privacy' ? 'legal.privacyDefault' : 'legal.legalDefault')), fromOperator: false };
}
