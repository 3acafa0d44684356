/** Watched-word lists to and from spreadsheets (German Excel included), losslessly and without formula injection. */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { normalisePattern, patternError } from './normalise';
import { isWatchedWordAction, type WatchedWord } from './types';

// What spreadsheet programs treat as the start of a formula; the library prefixes these with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Header `pattern,action`. Cells that a spreadsheet would evaluate (`=cmd|…`) get a leading apostrophe, and so
 * does a pattern that itself starts with one, so that the import can remove exactly that prefix again and the
 * round trip is lossless. `delimiter: ';'` and `bom: true` suit German Excel, which otherwise opens the file in
 * one column and as Windows-1252.
 */
export function watchedWordsToCsv(words: WatchedWord[], options: { delimiter?: ',' | ';'; bom?: boolean } = {}): string {
  const rows = words.map(({ pattern, action }) => [pattern.startsWith("'") ? `'${pattern}` : pattern, action]);
  return stringify([['pattern', 'action'], ...rows], { delimiter: options.delimiter ?? ',', escape_formulas: true, bom: options.bom ?? false });
}

const unprotect = (cell: string) => (cell.startsWith("'") && (FORMULA_START.test(cell.slice(1)) || cell[1] === "'") ? cell.slice(1) : cell);

const cleanCell = (cell: string | undefined) => (cell ?? '').trim();

/**
 * Relaxed parsing keeps stray quotes as text, so a hand-written `idiot, "block"` (a space before the quote)
 * arrives as ` "block"`. Only fields the parser did not unquote itself are unwrapped, or a pattern that is
 * really `"x"` (exported as `"""x"""`) would lose its quotes.
 */
function unwrapLooseQuotes(value: string, { quoting }: { quoting: boolean }): string {
  const quoted = quoting ? null : /^\s*"([\s\S]*)"\s*$/.exec(value);
  return quoted ? quoted[1].replaceAll('""', '"') : value;
}

interface ParsedRow {
  cells: string[];
  line: number;
}

function parseWith(csv: string, delimiter: string): { rows: ParsedRow[]; errors: { line: number; error: string }[] } {
  const errors: { line: number; error: string }[] = [];
  const lines = csv.split('\n');
  const newlines = (value: string) => value.split('\n').length - 1;
  const recordLines: number[] = [];
  let lastEnd = 0;
  const records: string[][] = parse(csv, {
    delimiter,
    bom: true,
    relax_column_count: true,
    // Relaxed quotes and no built-in trimming: with either the parser stops at the first malformed field and
    // silently drops the rest of the file; this way malformed quoting is kept as text instead.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    cast: unwrapLooseQuotes,
    // The parser counts where a record ends; a quoted field may span lines, and an error should name the first.
    on_record: (cells, { lines: end }) => {
      lastEnd = end;
      recordLines.push(end - cells.reduce((sum, cell) => sum + newlines(cell), 0));
      return cells;
    },
    // A skipped record (in practice: a quote never closed, which runs to the end) starts at the first
    // non-blank line after the last good one.
    on_skip: () => {
      let line = lastEnd + 1;
      while (line < lines.length && !lines[line - 1].trim()) line++;
      errors.push({ line, error: 'moderation:words.errors.csvMalformed' });
      return undefined;
    },
  });
  return { rows: records.map((cells, i) => ({ cells, line: recordLines[i] })), errors };
}

/**
 * Reads a list an admin exported or made in a spreadsheet. Tolerant: BOM, `,` `;` or tab as delimiter (German
 * Excel writes `;`), quoted fields, blank lines, an optional header (which may also order the columns
 * differently), actions in any case. A row with an unknown action or an invalid pattern becomes an error with
 * its line number (an i18n key, like `patternError`); patterns that normalise alike collapse to the last one.
 */
export function watchedWordsFromCsv(csv: string): { words: WatchedWord[]; errors: { line: number; error: string }[] } {
  // The parser counts a CRLF inside quotes as two lines.
  const input = csv.replace(/\r\n?/g, '\n');
  const isHeader = (cells: string[]) => ['pattern', 'action'].every((name) => cells.some((c) => cleanCell(c).toLowerCase() === name));
  // The delimiter is the one under which most rows have an action (or the header) where the action belongs —
  // counting delimiter characters would be fooled by phrases with commas in a `;` file.
  const score = ({ rows }: ReturnType<typeof parseWith>) =>
    rows.filter(({ cells }) => isHeader(cells) || cells.slice(1).some((c) => isWatchedWordAction(cleanCell(c).toLowerCase()))).length;
  const { rows, errors } = [',', ';', '\t']
    .map((delimiter) => parseWith(input, delimiter))
    .reduce((best, candidate) => (score(candidate) > score(best) ? candidate : best));

  let patternColumn = 0;
  let actionColumn = 1;
  const header = rows[0] && isHeader(rows[0].cells) ? rows[0].cells.map((c) => cleanCell(c).toLowerCase()) : null;
  if (header) {
    patternColumn = header.indexOf('pattern');
    actionColumn = header.indexOf('action');
  }

  const byCanonical = new Map<string, WatchedWord>();
  for (const { cells, line } of header ? rows.slice(1) : rows) {
    const pattern = unprotect(cleanCell(cells[patternColumn]));
    const action = cleanCell(cells[actionColumn]).toLowerCase();
    if (!pattern && !action) continue;
    const invalid = patternError(pattern);
    if (invalid) errors.push({ line, error: invalid });
    else if (!isWatchedWordAction(action)) errors.push({ line, error: 'moderation:words.errors.unknownAction' });
    else byCanonical.set(normalisePattern(pattern), { pattern, action });
  }
  errors.sort((a, b) => a.line - b.line);
  return { words: [...byCanonical.values()], errors };
}
