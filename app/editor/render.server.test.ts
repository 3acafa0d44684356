import { describe, expect, it } from 'vitest';
import { UnsafeDocumentError, assertSafeHtml, renderDocument } from './render.server';
import type { RichTextDoc } from './validate';

describe('renderDocument', () => {
  it('renders every allowed node and mark', () => {
    const doc: RichTextDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Sub' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'italic', marks: [{ type: 'italic' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b=2' } }] },
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }] },
        { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }] },
        { type: 'orderedList', attrs: { start: 7 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'c' }] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'q' }] }] },
      ],
    };
    expect(renderDocument(doc)).toBe(
      '<h2>Title</h2><h3>Sub</h3>' +
        '<p><strong>bold</strong> <em>italic</em><br><a rel="noopener nofollow ugc" href="https://example.org/?a=1&amp;b=2">site</a></p>' +
        '<ul><li><p>a</p></li></ul><ol><li><p>b</p></li></ol><ol start="7"><li><p>c</p></li></ol>' +
        '<blockquote><p>q</p></blockquote>',
    );
  });

  it('escapes text', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>alert("x")</script> & <b>' }] }] };
    expect(renderDocument(doc as RichTextDoc)).toBe('<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;</p>');
  });

  it('gives links rel="noopener nofollow ugc" and no target, whatever the stored attributes said', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'mailto:a@example.org', target: '_blank', rel: 'opener', class: 'c', title: 't' } }] }],
        },
      ],
    };
    expect(renderDocument(doc as unknown as RichTextDoc)).toBe('<p><a rel="noopener nofollow ugc" href="mailto:a@example.org">x</a></p>');
  });

  it('throws on documents that do not validate', () => {
    const unsafe = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] };
    expect(() => renderDocument(unsafe as RichTextDoc)).toThrow(UnsafeDocumentError);
    expect(() => renderDocument({ type: 'doc', content: [] })).toThrow(/editor:errors.empty/);
  });
});

describe('assertSafeHtml', () => {
  it('passes rendered output', () => {
    expect(() => assertSafeHtml('<p>a &lt;b&gt; <a rel="noopener nofollow ugc" href="https://example.org/">x</a><br></p><ol start="3"><li><p>x</p></li></ol>')).not.toThrow();
  });

  it.each([
    '<script>alert(1)</script>',
    '<p onclick="alert(1)">x</p>',
    '<p class="x">x</p>',
    '<img src="x">',
    '<svg></svg>',
    '<a rel="noopener nofollow ugc" href="javascript:alert(1)">x</a>',
    '<a rel="noopener nofollow ugc" href="https://example.org">x</a>',
    '<a href="https://example.org/">x</a>',
    '<a rel="noopener nofollow ugc" href="https://example.org/" target="_blank">x</a>',
    '<a rel="noopener nofollow ugc" rel="noopener nofollow ugc" href="https://example.org/">x</a>',
    '<ol start="-1"><li>x</li></ol>',
    '<p>x</p onclick="y">',
    '<p>a < b</p>',
    '<p <img src=x>',
    '<!-- comment -->',
  ])('refuses %s', (html) => {
    expect(() => assertSafeHtml(html)).toThrow(UnsafeDocumentError);
  });
});
