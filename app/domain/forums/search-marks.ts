/** Highlight markers in search snippets; shared, so the page can turn them into <mark> in the browser too. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
