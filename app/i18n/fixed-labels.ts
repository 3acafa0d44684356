import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

const kept = new Map<string, unknown>();

/**
 * A component's fixed words in the reader's language, translated once per language for the life of the
 * process instead of on every render (the server renders a thread page's twenty posts for every reader).
 * Kept only once every namespace it reads is loaded (`alsoReads`: those named in a key, `incidents:…`), so a
 * browser still fetching one never keeps the bare keys.
 */
export function useFixedLabels<L>(name: string, namespaces: string[], build: (t: TFunction) => L, alsoReads: string[] = []): L {
  const { t, i18n } = useTranslation(namespaces);
  const key = `${name}\u0000${i18n.language}`;
  const known = kept.get(key) as L | undefined;
  if (known) return known;
  const labels = build(t);
  if ([...namespaces, ...alsoReads].every((ns) => i18n.hasLoadedNamespace(ns))) kept.set(key, labels);
  return labels;
}
