/**
 * Unsent posts kept in this browser's localStorage, so a reload or a lost connection does not lose them.
 *
 * Writes are debounced per key. The pending write lives at module level (not in a component) so that
 * `clearDraft` after a successful post also cancels a write still waiting, and an editor unmounting after
 * that cannot bring the draft back.
 */
import type { JSONContent } from '@tiptap/core';
import { validateDocument, type RichTextDoc } from './validate';

const PREFIX = 'weltoffen:editor-draft:';
export const DRAFT_DEBOUNCE_MS = 500;

const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; json: JSONContent }>();

/** localStorage, or null where there is none (server) or it is blocked (privacy settings throw on access). */
function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Stores the canonical form of a valid document. An empty one removes the draft; one that does not
 * validate (e.g. over the length limit) keeps the last valid draft instead, since only valid drafts are
 * ever restored.
 */
function write(key: string, json: JSONContent): void {
  const store = storage();
  if (!store) return;
  const result = validateDocument(json);
  try {
    if (result.ok) store.setItem(PREFIX + key, JSON.stringify(result.doc));
    else if (result.error === 'editor:errors.empty') store.removeItem(PREFIX + key);
  } catch {
    // Quota exceeded or storage disabled: a draft is a convenience, never an error for the writer.
  }
}

export function scheduleDraft(key: string, json: JSONContent): void {
  const previous = pending.get(key);
  if (previous) clearTimeout(previous.timer);
  const timer = setTimeout(() => {
    pending.delete(key);
    write(key, json);
  }, DRAFT_DEBOUNCE_MS);
  pending.set(key, { timer, json });
}

/** Writes a waiting draft now (when the editor goes away), if one is waiting. */
export function flushDraft(key: string): void {
  const waiting = pending.get(key);
  if (!waiting) return;
  clearTimeout(waiting.timer);
  pending.delete(key);
  write(key, waiting.json);
}

/** The stored draft if there is one and it still validates; invalid leftovers are removed. */
export function readDraft(key: string): RichTextDoc | null {
  const store = storage();
  if (!store) return null;
  try {
    const raw = store.getItem(PREFIX + key);
    if (raw === null) return null;
    const result = validateDocument(JSON.parse(raw));
    if (result.ok) return result.doc;
    store.removeItem(PREFIX + key);
  } catch {
    // Unparseable or inaccessible: treat as no draft.
  }
  return null;
}

/** Forgets a draft (after it was posted), including a write still waiting. */
export function clearDraft(key: string): void {
  const waiting = pending.get(key);
  if (waiting) clearTimeout(waiting.timer);
  pending.delete(key);
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // Nothing to do.
  }
}

/** Forgets every draft in this browser, e.g. on sign-out (shared computers in libraries and town halls). */
export function clearAllDrafts(): void {
  for (const { timer } of pending.values()) clearTimeout(timer);
  pending.clear();
  const store = storage();
  if (!store) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // Nothing to do.
  }
}
