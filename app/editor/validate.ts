/**
 * The allowed rich-text schema, checked by hand against untrusted JSON (ARCHITECTURE.md, convention 10).
 *
 * Shared by the browser (draft restore) and the server (every write). Pure: no Tiptap import, so the
 * server can validate without building a schema, and so the rules here are the contract the Tiptap
 * extensions in `extensions.ts` must produce.
 *
 * Strict whitelist: an unknown node, mark, key or attribute rejects the whole document instead of being
 * dropped, so nothing a client sends is silently reinterpreted. The few attributes Tiptap itself adds with
 * default values (link target/rel/class/title, orderedList type) are accepted and normalised away, so the
 * stored document is canonical: `validateDocument(result.doc)` returns the same document.
 *
 * Hand-written recursion rather than zod: the walk counts nodes and depth as it goes and stops early, so a
 * hostile document costs at most MAX_NODES steps, and each failure maps to a precise i18n key.
 */
import { MAX_HREF_LENGTH, safeHref } from './safe-url';

export const RICH_TEXT_LIMITS = {
  /** Nesting levels below the doc node; a paragraph's text in the doc is at depth 2. */
  maxDepth: 12,
  /** Sum of all text node lengths (UTF-16 code units, as `String.length` and `maxlength` count). */
  maxTextLength: 20_000,
  /** Every node counts, the doc and text nodes included. */
  maxNodes: 2_000,
  /** UTF-8 size of the canonical JSON. */
  maxBytes: 200 * 1024,
  maxOrderedListStart: 10_000,
} as const;

export type RichTextErrorKey =
  | 'editor:errors.invalid'
  | 'editor:errors.empty'
  | 'editor:errors.tooLong'
  | 'editor:errors.tooLarge'
  | 'editor:errors.tooDeep'
  | 'editor:errors.unsafeLink';

export type RichTextMark = { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string } };

export type RichTextText = { type: 'text'; text: string; marks?: RichTextMark[] };
export type RichTextHardBreak = { type: 'hardBreak'; marks?: RichTextMark[] };
export type RichTextInline = RichTextText | RichTextHardBreak;

export type RichTextParagraph = { type: 'paragraph'; content?: RichTextInline[] };
export type RichTextHeading = { type: 'heading'; attrs: { level: 2 | 3 }; content?: RichTextInline[] };
export type RichTextListItem = { type: 'listItem'; content: RichTextBlock[] };
export type RichTextBulletList = { type: 'bulletList'; content: RichTextListItem[] };
export type RichTextOrderedList = { type: 'orderedList'; attrs: { start: number }; content: RichTextListItem[] };
export type RichTextBlockquote = { type: 'blockquote'; content: RichTextBlock[] };
export type RichTextTextblock = RichTextParagraph | RichTextHeading;
export type RichTextBlock = RichTextTextblock | RichTextBulletList | RichTextOrderedList | RichTextBlockquote;

/** A validated, canonical post body (Tiptap/ProseMirror JSON). */
export type RichTextDoc = { type: 'doc'; content: RichTextBlock[] };

export type ValidationResult = { ok: true; doc: RichTextDoc; text: string } | { ok: false; error: RichTextErrorKey };

/** Thrown inside the walk and turned into a result at the top; never escapes this module. */
class Invalid extends Error {
  constructor(readonly key: RichTextErrorKey) {
    super(key);
  }
}

/** Text a browser would show oddly or a database would refuse: C0 controls (tab/newline aside), lone surrogates. */
const BAD_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Whitespace, including the invisible characters people paste by accident; a doc of only these is empty. */
const BLANK = /^[\s\u200B-\u200D\u2060]*$/;

const HTML_LIST_TYPES = new Set(['1', 'a', 'A', 'i', 'I']);

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function fail(key: RichTextErrorKey = 'editor:errors.invalid'): never {
  throw new Invalid(key);
}

/** Rejects any own key outside `allowed` (this also catches `__proto__` and `constructor` from JSON.parse). */
function onlyKeys(node: Json, allowed: readonly string[]): void {
  for (const key of Object.keys(node)) if (!allowed.includes(key)) fail();
}

class Walker {
  nodes = 0;
  textLength = 0;

  /** Every node passes here first, so the count and depth limits hold before any work on its children. */
  private enter(value: unknown, depth: number): Json {
    if (depth > RICH_TEXT_LIMITS.maxDepth) fail('editor:errors.tooDeep');
    if (++this.nodes > RICH_TEXT_LIMITS.maxNodes) fail('editor:errors.tooLarge');
    if (!isPlainObject(value) || typeof value.type !== 'string') fail();
    return value;
  }

  private children(node: Json, required: boolean): unknown[] {
    const content = node.content;
    if (content === undefined) {
      if (required) fail();
      return [];
    }
    if (!Array.isArray(content)) fail();
    if (required && content.length === 0) fail();
    // A hostile array can be enormous; the node budget bounds how much of it is ever looked at.
    if (content.length > RICH_TEXT_LIMITS.maxNodes) fail('editor:errors.tooLarge');
    return content;
  }

  doc(value: unknown): RichTextDoc {
    const node = this.enter(value, 0);
    if (node.type !== 'doc') fail();
    onlyKeys(node, ['type', 'content']);
    const content = this.children(node, false).map((child) => this.block(child, 1));
    return { type: 'doc', content };
  }

  /** A block: paragraph, heading, lists or blockquote. `listItem` is handled by the lists only. */
  private block(value: unknown, depth: number): RichTextBlock {
    const node = this.enter(value, depth);
    switch (node.type) {
      case 'paragraph': {
        onlyKeys(node, ['type', 'content']);
        const content = this.inlineContent(node, depth);
        return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
      }
      case 'heading': {
        onlyKeys(node, ['type', 'content', 'attrs']);
        if (!isPlainObject(node.attrs)) fail(); // no default: Tiptap's default level (1) is not allowed
        onlyKeys(node.attrs, ['level']);
        const level = node.attrs.level;
        if (level !== 2 && level !== 3) fail();
        const content = this.inlineContent(node, depth);
        return content.length ? { type: 'heading', attrs: { level }, content } : { type: 'heading', attrs: { level } };
      }
      case 'blockquote': {
        onlyKeys(node, ['type', 'content']);
        return { type: 'blockquote', content: this.children(node, true).map((child) => this.block(child, depth + 1)) };
      }
      case 'bulletList': {
        onlyKeys(node, ['type', 'content']);
        return { type: 'bulletList', content: this.listItems(node, depth) };
      }
      case 'orderedList': {
        onlyKeys(node, ['type', 'content', 'attrs']);
        let start = 1;
        if (node.attrs !== undefined) {
          if (!isPlainObject(node.attrs)) fail();
          onlyKeys(node.attrs, ['start', 'type']);
          const { start: rawStart, type } = node.attrs;
          if (rawStart !== undefined) {
            if (!Number.isInteger(rawStart) || (rawStart as number) < 1 || (rawStart as number) > RICH_TEXT_LIMITS.maxOrderedListStart) fail();
            start = rawStart as number;
          }
          // Tiptap fills `type` from pasted <ol type="a">; the plain HTML numbering styles are dropped, not refused.
          if (type !== undefined && type !== null && !(typeof type === 'string' && HTML_LIST_TYPES.has(type))) fail();
        }
        return { type: 'orderedList', attrs: { start }, content: this.listItems(node, depth) };
      }
      default:
        return fail();
    }
  }

  private listItems(list: Json, depth: number): RichTextListItem[] {
    return this.children(list, true).map((value) => {
      const item = this.enter(value, depth + 1);
      if (item.type !== 'listItem') fail();
      onlyKeys(item, ['type', 'content']);
      const content = this.children(item, true).map((child) => this.block(child, depth + 2));
      // Tiptap's listItem content expression is `paragraph block*`.
      if (content[0]?.type !== 'paragraph') fail();
      return { type: 'listItem', content };
    });
  }

  private inlineContent(block: Json, depth: number): RichTextInline[] {
    return this.children(block, false).map((child) => this.inline(child, depth + 1));
  }

  private inline(value: unknown, depth: number): RichTextInline {
    const node = this.enter(value, depth);
    if (node.type === 'text') {
      onlyKeys(node, ['type', 'text', 'marks']);
      const text = node.text;
      // ProseMirror refuses empty text nodes; NUL and friends would break storage or display.
      if (typeof text !== 'string' || text.length === 0 || BAD_TEXT.test(text)) fail();
      this.textLength += text.length;
      if (this.textLength > RICH_TEXT_LIMITS.maxTextLength) fail('editor:errors.tooLong');
      const marks = this.marks(node.marks);
      return marks ? { type: 'text', text, marks } : { type: 'text', text };
    }
    if (node.type === 'hardBreak') {
      // Tiptap keeps the surrounding marks on a hard break (keepMarks), so marks are allowed here too.
      onlyKeys(node, ['type', 'marks']);
      const marks = this.marks(node.marks);
      return marks ? { type: 'hardBreak', marks } : { type: 'hardBreak' };
    }
    return fail();
  }

  /** Each allowed mark at most once; returns undefined for "no marks" so the canonical form omits the key. */
  private marks(value: unknown): RichTextMark[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length > 3) fail();
    const seen = new Set<string>();
    const marks = value.map((raw): RichTextMark => {
      if (!isPlainObject(raw) || typeof raw.type !== 'string' || seen.has(raw.type)) fail();
      seen.add(raw.type);
      switch (raw.type) {
        case 'bold':
        case 'italic':
          onlyKeys(raw, ['type']);
          return { type: raw.type };
        case 'link':
          onlyKeys(raw, ['type', 'attrs']);
          return { type: 'link', attrs: { href: this.linkHref(raw.attrs) } };
        default:
          return fail();
      }
    });
    return marks.length ? marks : undefined;
  }

  /**
   * Link attributes: `href` is the only one kept. target/rel/class are what Tiptap emits with its defaults
   * (the renderer sets rel itself); title comes from pasted HTML. All are dropped so nothing a client
   * sends reaches the rendered <a> except the checked href.
   */
  private linkHref(attrs: unknown): string {
    if (!isPlainObject(attrs)) fail();
    onlyKeys(attrs, ['href', 'target', 'rel', 'class', 'title']);
    for (const key of ['target', 'rel', 'class', 'title'] as const) {
      const extra = attrs[key];
      if (extra !== undefined && extra !== null && (typeof extra !== 'string' || extra.length > MAX_HREF_LENGTH)) fail();
    }
    if (typeof attrs.href !== 'string') fail();
    return safeHref(attrs.href) ?? fail('editor:errors.unsafeLink');
  }
}

/** Plain text of a document: blocks separated by a blank line, hard breaks as newlines. */
export function documentText(doc: RichTextDoc): string {
  const blocks: string[] = [];
  const visit = (block: RichTextBlock | RichTextListItem): void => {
    if (block.type === 'paragraph' || block.type === 'heading') {
      const text = (block.content ?? []).map((inline) => (inline.type === 'text' ? inline.text : '\n')).join('');
      if (!BLANK.test(text)) blocks.push(text.trim());
      return;
    }
    for (const child of block.content) visit(child);
  };
  for (const block of doc.content) visit(block);
  return blocks.join('\n\n');
}

function isEmptyParagraph(block: RichTextBlock): boolean {
  return block.type === 'paragraph' && !block.content?.length;
}

/**
 * Validates untrusted input (already JSON-parsed) against the allowed schema and returns a canonical copy
 * plus its plain text. Empty paragraphs at the start and end are trimmed (the editor keeps a trailing one
 * to type into), so stored posts do not end in blank space.
 */
export function validateDocument(input: unknown): ValidationResult {
  let doc: RichTextDoc;
  try {
    doc = new Walker().doc(input);
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.key };
    throw error;
  }
  let start = 0;
  let end = doc.content.length;
  while (start < end && isEmptyParagraph(doc.content[start]!)) start++;
  while (end > start && isEmptyParagraph(doc.content[end - 1]!)) end--;
  doc = { type: 'doc', content: doc.content.slice(start, end) };

  const text = documentText(doc);
  if (BLANK.test(text)) return { ok: false, error: 'editor:errors.empty' };
  if (new TextEncoder().encode(JSON.stringify(doc)).length > RICH_TEXT_LIMITS.maxBytes) {
    return { ok: false, error: 'editor:errors.tooLarge' };
  }
  return { ok: true, doc, text };
}
