/**
 * Building documents without the editor: from the no-JavaScript textarea, and quoting a post in a reply.
 * Shared (no Tiptap import); the results still go through `validateDocument` like any other input.
 */
import {
  RICH_TEXT_LIMITS,
  type RichTextBlock,
  type RichTextDoc,
  type RichTextInline,
  type RichTextListItem,
  type RichTextTextblock,
} from './validate';

/**
 * Characters the validator refuses in text (C0 controls other than tab/newline, lone surrogates): a
 * pasted stray control character should not make a plain-text post fail, so they are replaced here.
 */
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Plain text → document, with no markup interpretation at all (`<b>`, `**`, `# ` stay literal text):
 * paragraphs are separated by blank lines, single newlines become hard breaks.
 */
export function plainTextToDocument(text: string): RichTextDoc {
  const normalized = text.replace(/\r\n?/g, '\n').replace(UNSAFE_TEXT, (char) => (char.length === 1 && char < ' ' ? '' : '\uFFFD'));
  const content: RichTextBlock[] = normalized
    .split(/\n[^\S\n]*\n\s*/)
    .map((block) => block.replace(/^\s+|\s+$/g, ''))
    .filter((block) => block.length > 0)
    .map((block) => {
      const inline: RichTextInline[] = [];
      block.split('\n').forEach((line, index) => {
        if (index > 0) inline.push({ type: 'hardBreak' });
        if (line.length > 0) inline.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content: inline };
    });
  // An empty document is still a document; validateDocument reports it as 'editor:errors.empty'.
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

/** Levels a textblock's text needs below it: the text node itself. */
const TEXT_LEVEL = 1;

/** The paragraphs and headings inside a block, in reading order (used when a list is too deep to keep). */
function textblocksOf(block: RichTextBlock | RichTextListItem): RichTextTextblock[] {
  if (block.type === 'paragraph' || block.type === 'heading') return [block];
  return (block.content as Array<RichTextBlock | RichTextListItem>).flatMap(textblocksOf);
}

/**
 * Copies `block` (placed at `depth`) so that nothing inside goes below RICH_TEXT_LIMITS.maxDepth; quoted
 * blockquotes are dropped entirely (a quote of a quote would show a conversation out of context). A list
 * that cannot fit is flattened into its paragraphs, keeping the words and losing the indentation.
 */
function fitBlock(block: RichTextBlock, depth: number): RichTextBlock[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [block];
    case 'blockquote':
      return [];
    case 'bulletList':
    case 'orderedList': {
      // list → listItem → paragraph → text
      if (depth + 2 + TEXT_LEVEL > RICH_TEXT_LIMITS.maxDepth) return textblocksOf(block);
      // An item starts with a paragraph (schema), which fitBlock keeps, so no item ends up empty.
      const content = block.content.map(
        (item): RichTextListItem => ({ type: 'listItem', content: item.content.flatMap((child) => fitBlock(child, depth + 2)) }),
      );
      return [{ ...block, content }];
    }
  }
}

/**
 * Wraps a post's top-level blocks in one blockquote, to quote it in a reply. Blockquotes inside the quoted
 * post are dropped and over-deep lists flattened so the result stays within the depth limit. A post that
 * was nothing but quotes leaves nothing to quote: the result is then an empty document.
 */
export function blockquoteOf(doc: RichTextDoc): RichTextDoc {
  const blocks = doc.content.flatMap((block) => fitBlock(block, 2));
  if (blocks.length === 0) return { type: 'doc', content: [{ type: 'paragraph' }] };
  return { type: 'doc', content: [{ type: 'blockquote', content: blocks }] };
}
