import { describe, expect, it } from 'vitest';
import { blockquoteOf, plainTextToDocument } from './plain-text';
import { RICH_TEXT_LIMITS, validateDocument, type RichTextBlock, type RichTextDoc } from './validate';

const text = (value: string) => ({ type: 'text' as const, text: value });
const br = { type: 'hardBreak' as const };
const paragraph = (...content: Array<ReturnType<typeof text> | typeof br>): RichTextBlock =>
  content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
const doc = (...content: RichTextBlock[]): RichTextDoc => ({ type: 'doc', content });

describe('plainTextToDocument', () => {
  it('splits paragraphs on blank lines and turns single newlines into hard breaks', () => {
    expect(plainTextToDocument('Hello\nworld\n\nSecond paragraph')).toEqual(
      doc(paragraph(text('Hello'), br, text('world')), paragraph(text('Second paragraph'))),
    );
  });

  it('treats CRLF, CR and whitespace-only lines like newlines and blank lines', () => {
    expect(plainTextToDocument('a\r\nb\r\n \t \r\n\r\n\r\nc\rd')).toEqual(doc(paragraph(text('a'), br, text('b')), paragraph(text('c'), br, text('d'))));
  });

  it('trims surrounding whitespace of the text and of each paragraph', () => {
    expect(plainTextToDocument('\n\n   first  \n\n\n  second\n\n')).toEqual(doc(paragraph(text('first')), paragraph(text('second'))));
  });

  it('interprets no markup at all', () => {
    const source = '# Not a heading\n**not bold** <b>not html</b> [x](javascript:alert(1)) https://example.org';
    const result = plainTextToDocument(source);
    expect(result).toEqual(
      doc(paragraph(text('# Not a heading'), br, text('**not bold** <b>not html</b> [x](javascript:alert(1)) https://example.org'))),
    );
    expect(validateDocument(result).ok).toBe(true);
  });

  it('drops control characters and replaces lone surrogates so the result validates', () => {
    const result = plainTextToDocument('a\u0000b\u0007c \uD800 d\u000Be 👋');
    expect(result).toEqual(doc(paragraph(text('abc \uFFFD de 👋'))));
    expect(validateDocument(result).ok).toBe(true);
  });

  it('returns an empty (invalid-as-empty) document for blank input', () => {
    for (const blank of ['', '   ', '\n\n\n', ' \r\n\t']) {
      const result = plainTextToDocument(blank);
      expect(result).toEqual(doc(paragraph()));
      expect(validateDocument(result)).toEqual({ ok: false, error: 'editor:errors.empty' });
    }
  });

  it('keeps the text searchable: documentText gives back the paragraphs', () => {
    const result = validateDocument(plainTextToDocument('one\ntwo\n\nthree'));
    expect(result.ok && result.text).toBe('one\ntwo\n\nthree');
  });

  it('leaves over-long text to the validator', () => {
    expect(validateDocument(plainTextToDocument('x'.repeat(RICH_TEXT_LIMITS.maxTextLength + 1)))).toEqual({ ok: false, error: 'editor:errors.tooLong' });
  });
});

describe('blockquoteOf', () => {
  const item = (...content: RichTextBlock[]) => ({ type: 'listItem' as const, content });

  it('wraps the top-level blocks in one blockquote', () => {
    const post = doc({ type: 'heading', attrs: { level: 2 }, content: [text('Title')] }, paragraph(text('Body')));
    const quoted = blockquoteOf(post);
    expect(quoted).toEqual(doc({ type: 'blockquote', content: post.content }));
    expect(validateDocument(quoted).ok).toBe(true);
  });

  it('drops quotes inside the quoted post, at any level', () => {
    const post = doc(
      { type: 'blockquote', content: [paragraph(text('older quote'))] },
      paragraph(text('answer')),
      { type: 'bulletList', content: [item(paragraph(text('point')), { type: 'blockquote', content: [paragraph(text('nested quote'))] })] },
    );
    expect(blockquoteOf(post)).toEqual(
      doc({ type: 'blockquote', content: [paragraph(text('answer')), { type: 'bulletList', content: [item(paragraph(text('point')))] }] }),
    );
  });

  it('returns an empty document when the post was only a quote', () => {
    const quoted = blockquoteOf(doc({ type: 'blockquote', content: [paragraph(text('older'))] }));
    expect(quoted).toEqual(doc(paragraph()));
    expect(validateDocument(quoted)).toEqual({ ok: false, error: 'editor:errors.empty' });
  });

  it('stays within the depth limit by flattening lists that would be too deep', () => {
    // Five nested lists put the innermost text exactly at the depth limit; quoting adds one level.
    let list: RichTextBlock = { type: 'bulletList', content: [item(paragraph(text('level 5')))] };
    for (let level = 4; level >= 1; level--) {
      list = { type: 'bulletList', content: [item(paragraph(text(`level ${level}`)), list)] };
    }
    const post = doc(list);
    expect(validateDocument(post).ok).toBe(true);

    const quoted = blockquoteOf(post);
    const result = validateDocument(quoted);
    expect(result.ok).toBe(true);
    // Nothing is lost: the innermost items survive as paragraphs.
    expect(result.ok && result.text).toBe('level 1\n\nlevel 2\n\nlevel 3\n\nlevel 4\n\nlevel 5');
  });

  it('quoted and own content together still validate', () => {
    const quoted = blockquoteOf(doc(paragraph(text('You said this.'))));
    const reply = doc(paragraph(text('And I answer.')));
    const combined = validateDocument({ type: 'doc', content: [...quoted.content, ...reply.content] });
    expect(combined.ok && combined.text).toBe('You said this.\n\nAnd I answer.');
  });
});
