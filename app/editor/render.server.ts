/**
 * Stored post JSON → HTML, on the server only (`@tiptap/html/server` needs happy-dom; STACK.md pitfall 4).
 *
 * Two independent guards: the document is validated against the allowed schema first, and the produced
 * HTML is checked against an allow-list of tags and attributes before it leaves. The second check does
 * not trust the first or Tiptap's serialiser; if they ever disagree, rendering fails closed.
 */
import { getSchema } from '@tiptap/core';
import { DOMSerializer, Node } from '@tiptap/pm/model';
import { scriptlessWindow } from './scriptless-window';
import { editorExtensions, LINK_REL } from './extensions';
import { safeHref } from './safe-url';
import { validateDocument, type RichTextDoc } from './validate';

export class UnsafeDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeDocumentError';
  }
}

/**
 * Built once per process: the schema, its serialiser and one script-less DOM document to serialise into.
 * Tiptap's `generateHTML` rebuilds the schema and a whole happy-dom window for every call (about 6 ms a
 * post, inside the writing transaction); this is the same serialisation for about 0.1 ms.
 */
const schema = getSchema(editorExtensions());
const serializer = DOMSerializer.fromSchema(schema);
const { document } = scriptlessWindow();

function serialise(doc: RichTextDoc): string {
  const wrap = document.createElement('div');
  serializer.serializeFragment(Node.fromJSON(schema, doc).content, { document: document as unknown as Document }, wrap as unknown as HTMLElement);
  return wrap.innerHTML;
}

/** Tags the schema can produce, and the attributes each may carry. */
const ALLOWED_TAGS: Record<string, readonly string[]> = {
  p: [],
  h2: [],
  h3: [],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  strong: [],
  em: [],
  a: ['href', 'rel'],
  br: [],
};

/** A tag as happy-dom serialises it: lower-case name, attributes always `name="value"` (quotes escaped). */
const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[^\s"'=<>/]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)="([^"]*)"/g;

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00A0')
    .replace(/&amp;/g, '&');
}

/**
 * Fails unless every `<` in `html` opens an allowed tag with allowed attributes. Text content cannot
 * contain a raw `<` (the serialiser escapes it), so a `<` not consumed by an allowed tag means markup we
 * did not intend.
 */
export function assertSafeHtml(html: string): void {
  let tags = 0;
  for (const match of html.matchAll(TAG)) {
    tags++;
    const [, closing, name, attributes] = match as unknown as [string, string, string, string];
    const allowed = ALLOWED_TAGS[name];
    if (!allowed) throw new UnsafeDocumentError(`renderDocument: unexpected <${name}>`);
    if (closing && attributes) throw new UnsafeDocumentError(`renderDocument: attributes on </${name}>`);
    const seen = new Map<string, string>();
    for (const [, attribute, raw] of attributes.matchAll(ATTRIBUTE) as IterableIterator<[string, string, string]>) {
      if (!allowed.includes(attribute) || seen.has(attribute)) {
        throw new UnsafeDocumentError(`renderDocument: unexpected attribute ${attribute} on <${name}>`);
      }
      seen.set(attribute, decodeAttribute(raw));
    }
    if (name === 'a' && !closing) {
      const href = seen.get('href');
      if (href === undefined || safeHref(href) !== href) throw new UnsafeDocumentError('renderDocument: unsafe link');
      if (seen.get('rel') !== LINK_REL) throw new UnsafeDocumentError('renderDocument: link without rel');
    }
    if (name === 'ol' && seen.has('start') && !/^[1-9][0-9]{0,4}$/.test(seen.get('start')!)) {
      throw new UnsafeDocumentError('renderDocument: bad list start');
    }
  }
  const opened = html.split('<').length - 1;
  if (opened !== tags) throw new UnsafeDocumentError('renderDocument: unexpected markup');
}

/**
 * Renders a stored document to HTML safe to insert as-is. Throws UnsafeDocumentError when the document
 * does not validate or the output fails the final allow-list check.
 */
export function renderDocument(doc: RichTextDoc): string {
  const result = validateDocument(doc);
  if (!result.ok) throw new UnsafeDocumentError(`renderDocument: invalid document (${result.error})`);
  const html = serialise(result.doc);
  assertSafeHtml(html);
  return html;
}
