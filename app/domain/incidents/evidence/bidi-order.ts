/**
 * Just enough of the Unicode bidirectional algorithm to print Arabic and Persian evidence text with pdfkit,
 * which lays out every text left to right (fontkit only reverses each word's glyphs). We decide the order of
 * whole words on a line: runs of right-to-left words are reversed, and in a right-to-left paragraph so is the
 * order of the runs. No nested embeddings — enough for a report, while chain.json keeps the exact text.
 */

export type TextDirection = 'ltr' | 'rtl';

const RTL_CHARACTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LTR_CHARACTER = /[\p{L}\p{N}]/u;

export const hasRightToLeft = (text: string): boolean => RTL_CHARACTER.test(text);

/** The direction of the first strong character, as the Unicode algorithm decides a paragraph's direction. */
export function paragraphDirection(text: string): TextDirection {
  for (const character of text) {
    if (RTL_CHARACTER.test(character)) return 'rtl';
    if (/\p{L}/u.test(character)) return 'ltr';
  }
  return 'ltr';
}

function wordDirection(word: string): TextDirection | null {
  if (RTL_CHARACTER.test(word)) return 'rtl';
  if (LTR_CHARACTER.test(word)) return 'ltr';
  return null;
}

/** The words of one line, from left to right as they are to be drawn. */
export function visualOrder(words: readonly string[], paragraph: TextDirection): string[] {
  const own = words.map(wordDirection);
  // A neutral word (a dash, a lone punctuation mark) joins its neighbours if they agree, else the paragraph.
  const resolved = own.map((direction, index) => {
    if (direction) return direction;
    const before = own.slice(0, index).reverse().find(Boolean) ?? paragraph;
    const after = own.slice(index + 1).find(Boolean) ?? paragraph;
    return before === after ? before : paragraph;
  });
  const runs: Array<{ direction: TextDirection; words: string[] }> = [];
  words.forEach((word, index) => {
    const last = runs.at(-1);
    if (last && last.direction === resolved[index]) last.words.push(word);
    else runs.push({ direction: resolved[index], words: [word] });
  });
  const ordered = paragraph === 'rtl' ? runs.reverse() : runs;
  return ordered.flatMap((run) => (run.direction === 'rtl' ? [...run.words].reverse() : run.words));
}
