import type { TFunction } from 'i18next';

// Private-use characters: they never occur in a translation, so they mark where each value went.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/;

/**
 * A translated sentence with words people wrote in it (names, thread titles, watched patterns). Each such
 * value is set in its own <bdi>, so an Arabic name cannot reorder an English sentence around it, nor a Latin
 * title an Arabic one — without changing the translations. Counts, dates and other plain values go in `values`.
 */
export function isolated(t: TFunction, key: string, isolate: Record<string, string>, values: Record<string, unknown> = {}) {
  const names = Object.keys(isolate);
  const placeholders = Object.fromEntries(names.map((name, index) => [name, `${OPEN}${index}${CLOSE}`]));
  const parts = String(t(key, { ...values, ...placeholders })).split(PLACEHOLDER);
  // split() with a capturing group: text, index, text, index, …, text
  return (
    <>
      {parts.map((part, index) => (index % 2 === 1 ? <bdi key={index}>{isolate[names[Number(part)]]}</bdi> : part))}
    </>
  );
}
