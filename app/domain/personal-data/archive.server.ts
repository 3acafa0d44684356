/**
 * The export archive: one JSON file per section and a readable summary (index.html). The summary is built
 * from escaped text only — nothing a person wrote is ever inserted as markup — and forbids scripts with its
 * own Content-Security-Policy, so opening it from disk is safe whatever the posts contain.
 */
import { ZipArchive } from 'archiver';
import { getFixedT } from '#app/i18n/i18n.server';
import { directionOf } from '#app/i18n/languages';
import type { ExportedRows } from './sections/section.server';

export interface ExportedSection {
  name: string;
  tables: ExportedRows;
}

export interface ArchiveInput {
  language: string;
  displayName: string;
  generatedAt: Date;
  sections: ExportedSection[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function shown(value: unknown): string | null {
  if (value === null || value === undefined) return '—';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return null; // structured values (the editor's JSON) are in the JSON file
  return String(value);
}

export function summaryHtml(input: ArchiveInput): string {
  const t = getFixedT(input.language, 'privacy');
  const parts: string[] = [];
  for (const section of input.sections) {
    parts.push(`<section><h2>${escapeHtml(t(`export.sections.${section.name}`, { defaultValue: section.name }))}</h2>`);
    parts.push(`<p>${escapeHtml(t('export.summary.file', { file: `${section.name}.json` }))}</p>`);
    for (const [table, rows] of Object.entries(section.tables)) {
      parts.push(`<h3>${escapeHtml(t(`export.tables.${table}`, { defaultValue: table }))} (${rows.length})</h3>`);
      if (rows.length === 0) {
        parts.push(`<p>${escapeHtml(t('export.summary.none'))}</p>`);
        continue;
      }
      parts.push('<ol>');
      for (const row of rows) {
        const items = Object.entries(row)
          .map(([key, value]) => [key, shown(value)] as const)
          .filter((entry): entry is readonly [string, string] => entry[1] !== null)
          .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd dir="auto">${escapeHtml(value)}</dd>`);
        parts.push(`<li><dl>${items.join('')}</dl></li>`);
      }
      parts.push('</ol>');
    }
    parts.push('</section>');
  }
  const title = t('export.summary.title', { name: input.displayName });
  return `<!doctype html>
<html lang="${escapeHtml(input.language)}" dir="${directionOf(input.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-inline-size:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}li{margin-block-end:1rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t('export.summary.intro', { date: input.generatedAt.toISOString() }))}</p>
${parts.join('\n')}
</body>
</html>
`;
}

/** The ZIP, in memory: a person's data is small (posts are text), and the bytes are stored in the database. */
export async function buildArchive(input: ArchiveInput): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  const finished = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', () => resolve());
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  const date = input.generatedAt;
  for (const section of input.sections) {
    const json = JSON.stringify({ section: section.name, generatedAt: date.toISOString(), tables: section.tables }, null, 2);
    archive.append(Buffer.from(json + '\n', 'utf8'), { name: `${section.name}.json`, date });
  }
  archive.append(Buffer.from(summaryHtml(input), 'utf8'), { name: 'index.html', date });
  await archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}
