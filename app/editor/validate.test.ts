import { describe, expect, it } from 'vitest';
import { RICH_TEXT_LIMITS, validateDocument, type RichTextDoc } from './validate';

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });
const bullets = (...items: unknown[]) => ({ type: 'bulletList', content: items });
const quote = (...content: unknown[]) => ({ type: 'blockquote', content });
const linkTo = (href: unknown, extra: Record<string, unknown> = {}) => doc(paragraph(text('link', [{ type: 'link', attrs: { href, ...extra } }])));

function errorOf(input: unknown): string | null {
  const result = validateDocument(input);
  return result.ok ? null : result.error;
}

describe('validateDocument: accepted documents', () => {
  const everything: RichTextDoc = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'both', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'hardBreak' },
          { type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: 'https://example.org/path?q=1#x' } }] },
        ],
      },
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Sub' }] },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: 'two' }] },
              { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }] }] },
            ],
          },
        ],
      },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted' }] }] },
    ],
  };

  it('accepts every allowed node and mark, and returns the same canonical document', () => {
    const result = validateDocument(everything);
    expect(result).toEqual({ ok: true, doc: everything, text: 'Title\n\nBold and both\na link\n\nSub\n\none\n\ntwo\n\nthree\n\nquoted' });
  });

  it('is idempotent', () => {
    const first = validateDocument(everything);
    if (!first.ok) throw new Error(first.error);
    expect(validateDocument(first.doc)).toEqual(first);
  });

  it('returns a copy, not the input', () => {
    const input = doc(paragraph(text('x')));
    const result = validateDocument(input);
    expect(result.ok && result.doc).not.toBe(input);
  });

  it('accepts JSON as the Tiptap editor emits it and normalises the default attributes away', () => {
    const fromEditor = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'site',
              marks: [{ type: 'link', attrs: { href: 'https://example.org', target: null, rel: 'noopener nofollow ugc', class: null, title: null } }],
            },
          ],
        },
        { type: 'orderedList', attrs: { start: 1, type: null }, content: [item(paragraph(text('x')))] },
        { type: 'orderedList', attrs: { start: 2, type: 'a' }, content: [item(paragraph(text('y')))] },
        paragraph(),
      ],
    };
    const result = validateDocument(fromEditor);
    expect(result.ok && result.doc).toEqual({
      type: 'doc',
      content: [
        paragraph(text('site', [{ type: 'link', attrs: { href: 'https://example.org/' } }])),
        { type: 'orderedList', attrs: { start: 1 }, content: [item(paragraph(text('x')))] },
        { type: 'orderedList', attrs: { start: 2 }, content: [item(paragraph(text('y')))] },
      ],
    });
  });

  it('drops target, rel, class and title from links', () => {
    const result = validateDocument(linkTo('https://example.org/', { target: '_blank', rel: 'opener', class: 'evil', title: 'hi' }));
    expect(result.ok && result.doc.content[0]).toEqual(paragraph(text('link', [{ type: 'link', attrs: { href: 'https://example.org/' } }])));
  });

  it('trims empty paragraphs at the start and end but keeps inner ones', () => {
    const result = validateDocument(doc(paragraph(), paragraph(text('a')), paragraph(), paragraph(text('b')), paragraph(), paragraph()));
    expect(result.ok && result.doc).toEqual(doc(paragraph(text('a')), paragraph(), paragraph(text('b'))));
  });

  it('allows marks on hard breaks (Tiptap keeps them when splitting bold text)', () => {
    expect(errorOf(doc(paragraph(text('a', [{ type: 'bold' }]), { type: 'hardBreak', marks: [{ type: 'bold' }] }, text('b'))))).toBeNull();
  });

  it('accepts tabs, newlines, emoji and right-to-left text', () => {
    expect(errorOf(doc(paragraph(text('a\tb\nc 👋🏽 مرحبا שלום'))))).toBeNull();
  });

  it('accepts an ordered list start from 1 to 10000', () => {
    for (const start of [1, 2, 10_000]) {
      expect(errorOf(doc({ type: 'orderedList', attrs: { start }, content: [item(paragraph(text('x')))] }))).toBeNull();
    }
  });

  it('accepts a list item with more blocks after its paragraph', () => {
    expect(errorOf(doc(bullets(item(paragraph(text('a')), quote(paragraph(text('b'))), paragraph(text('c'))))))).toBeNull();
  });

  it('extracts plain text: blank lines between blocks, newlines for hard breaks, empty blocks skipped', () => {
    const result = validateDocument(doc(paragraph(text('  one '), { type: 'hardBreak' }, text('two')), paragraph(), bullets(item(paragraph(text('three'))))));
    expect(result.ok && result.text).toBe('one \ntwo\n\nthree');
  });
});

describe('validateDocument: links', () => {
  it.each([
    ['https://example.org', 'https://example.org/'],
    ['http://example.org/a?b=c&d=e#f', 'http://example.org/a?b=c&d=e#f'],
    ['HTTPS://Example.ORG/Path', 'https://example.org/Path'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['https://münchen.de/', 'https://xn--mnchen-3ya.de/'],
    ['https://example.org/straße', 'https://example.org/stra%C3%9Fe'],
    ['https://example.org:8443/x', 'https://example.org:8443/x'],
    ['mailto:rathaus@example.org', 'mailto:rathaus@example.org'],
    ['MAILTO:rathaus@example.org?subject=Hallo', 'mailto:rathaus@example.org?subject=Hallo'],
    ['https://example.org/javascript:alert(1)', 'https://example.org/javascript:alert(1)'],
  ])('accepts %j as %j', (href, canonical) => {
    const result = validateDocument(linkTo(href));
    expect(result.ok && result.doc.content[0]).toEqual(paragraph(text('link', [{ type: 'link', attrs: { href: canonical } }])));
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'javascript:void(0)',
    ' javascript:alert(1)',
    '\u0000javascript:alert(1)',
    'java\u0000script:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    'java\u00ADscript:alert(1)',
    'java\u200Bscript:alert(1)',
    '\u202Ejavascript:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript%3Aalert(1)',
    '%6Aavascript:alert(1)',
    '\\u006Aavascript:alert(1)',
    '\uFF4Aavascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/png;base64,iVBORw0KGgo=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/',
    'tel:+49301234567',
    'blob:https://example.org/uuid',
    'about:blank',
    '/relative/path',
    'relative/path',
    'example.org',
    '#anchor',
    '?q=1',
    '//evil.example/',
    '/\\evil.example',
    'https:evil.example',
    'https:/evil.example',
    'https:\\\\evil.example',
    'https://',
    'https:///path',
    'https://example.org/a b',
    'https://exa mple.org/',
    'https://example.org/a\u00A0b',
    'https://example.org/"onmouseover="alert(1)',
    'https://example.org/<script>',
    'https://example.org/`x`',
    'https://user:pass@example.org/',
    'https://trusted.example@evil.example/',
    'mailto:',
    'mailto:?subject=x',
    '\uD800https://example.org/',
    `https://example.org/${'a'.repeat(2048)}`,
    '',
    '   ',
  ])('refuses %j', (href) => {
    expect(errorOf(linkTo(href))).toBe('editor:errors.unsafeLink');
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object', { toString: () => 'https://example.org/' }],
  ])('refuses an href that is %s', (_name, href) => {
    expect(errorOf(linkTo(href))).toBe('editor:errors.invalid');
  });

  it('refuses a link without attrs or href, and unknown link attributes', () => {
    expect(errorOf(doc(paragraph(text('x', [{ type: 'link' }]))))).toBe('editor:errors.invalid');
    expect(errorOf(doc(paragraph(text('x', [{ type: 'link', attrs: {} }]))))).toBe('editor:errors.invalid');
    expect(errorOf(linkTo('https://example.org/', { onclick: 'alert(1)' }))).toBe('editor:errors.invalid');
    expect(errorOf(linkTo('https://example.org/', { download: '' }))).toBe('editor:errors.invalid');
    expect(errorOf(linkTo('https://example.org/', { target: 1 }))).toBe('editor:errors.invalid');
  });
});

describe('validateDocument: refused structure', () => {
  it.each([
    ['null', null],
    ['a string', '{"type":"doc","content":[]}'],
    ['a number', 1],
    ['an array', [doc(paragraph(text('x')))]],
    ['a non-doc root', paragraph(text('x'))],
    ['a doc with attrs', { type: 'doc', attrs: {}, content: [paragraph(text('x'))] }],
    ['a doc with non-array content', { type: 'doc', content: { 0: paragraph(text('x')) } }],
    ['a class instance', Object.assign(new (class Doc {})(), doc(paragraph(text('x'))))],
    ['a missing type', doc({ content: [text('x')] })],
    ['a non-string type', doc({ type: ['paragraph'], content: [text('x')] })],
  ])('refuses %s', (_name, input) => {
    expect(errorOf(input)).toBe('editor:errors.invalid');
  });

  it.each(['codeBlock', 'code', 'horizontalRule', 'image', 'table', 'taskList', 'iframe', 'html', 'Paragraph', 'doc', 'text', 'listItem'])(
    'refuses a %s block',
    (type) => {
      expect(errorOf(doc({ type, content: [paragraph(text('x'))] }))).toBe('editor:errors.invalid');
    },
  );

  it.each(['code', 'strike', 'underline', 'highlight', 'textStyle', 'subscript', 'Bold', ''])('refuses a %j mark', (type) => {
    expect(errorOf(doc(paragraph(text('x', [{ type }]))))).toBe('editor:errors.invalid');
  });

  it('refuses inline nodes other than text and hardBreak', () => {
    for (const type of ['image', 'mention', 'emoji', 'paragraph']) {
      expect(errorOf(doc(paragraph({ type })))).toBe('editor:errors.invalid');
    }
  });

  it('refuses unknown or misplaced attributes and keys', () => {
    const refused = [
      doc({ type: 'paragraph', attrs: { textAlign: 'left' }, content: [text('x')] }),
      doc({ type: 'paragraph', attrs: {}, content: [text('x')] }),
      doc({ type: 'paragraph', content: [text('x')], id: 'p1' }),
      doc({ type: 'paragraph', text: 'x' }),
      doc(paragraph({ type: 'text', text: 'x', attrs: {} })),
      doc(paragraph({ type: 'hardBreak', text: '\n' })),
      doc(paragraph({ type: 'hardBreak', content: [] })),
      doc(paragraph(text('x', [{ type: 'bold', attrs: {} }]))),
      doc({ type: 'blockquote', attrs: { cite: 'x' }, content: [paragraph(text('x'))] }),
      doc({ type: 'bulletList', attrs: { tight: true }, content: [item(paragraph(text('x')))] }),
      doc({ type: 'bulletList', content: [{ type: 'listItem', attrs: { checked: true }, content: [paragraph(text('x'))] }] }),
      doc({ type: 'paragraph', marks: [{ type: 'bold' }], content: [text('x')] }),
      JSON.parse('{"type":"doc","content":[{"type":"paragraph","__proto__":{},"content":[{"type":"text","text":"x"}]}]}'),
      JSON.parse('{"type":"doc","content":[{"type":"paragraph","constructor":{},"content":[{"type":"text","text":"x"}]}]}'),
    ];
    for (const input of refused) expect(errorOf(input), JSON.stringify(input)).toBe('editor:errors.invalid');
  });

  it('refuses heading levels other than 2 and 3, and headings without a level', () => {
    for (const attrs of [undefined, {}, { level: 1 }, { level: 4 }, { level: '2' }, { level: 2.5 }, { level: 2, id: 'x' }]) {
      expect(errorOf(doc({ type: 'heading', ...(attrs ? { attrs } : {}), content: [text('x')] }))).toBe('editor:errors.invalid');
    }
  });

  it('refuses bad ordered list attributes', () => {
    for (const attrs of [{ start: 0 }, { start: -1 }, { start: 1.5 }, { start: 10_001 }, { start: '3' }, { start: null }, { type: 'disc' }, { type: 'x' }, { type: 1 }, { reversed: true }, null]) {
      expect(errorOf(doc({ type: 'orderedList', attrs, content: [item(paragraph(text('x')))] })), JSON.stringify(attrs)).toBe('editor:errors.invalid');
    }
  });

  it('refuses list items outside lists and lists without list items', () => {
    expect(errorOf(doc(item(paragraph(text('x')))))).toBe('editor:errors.invalid');
    expect(errorOf(doc(quote(item(paragraph(text('x'))))))).toBe('editor:errors.invalid');
    expect(errorOf(doc(bullets(paragraph(text('x')))))).toBe('editor:errors.invalid');
    expect(errorOf(doc(bullets()))).toBe('editor:errors.invalid');
    expect(errorOf(doc({ type: 'bulletList' }))).toBe('editor:errors.invalid');
  });

  it('refuses list items that do not start with a paragraph, and empty ones', () => {
    expect(errorOf(doc(bullets(item(quote(paragraph(text('x')))))))).toBe('editor:errors.invalid');
    expect(errorOf(doc(bullets(item(bullets(item(paragraph(text('x'))))))))).toBe('editor:errors.invalid');
    expect(errorOf(doc(bullets(item())))).toBe('editor:errors.invalid');
  });

  it('refuses empty blockquotes, and blocks or text in the wrong place', () => {
    expect(errorOf(doc(quote()))).toBe('editor:errors.invalid');
    expect(errorOf(doc(quote(text('x'))))).toBe('editor:errors.invalid');
    expect(errorOf(doc(text('x')))).toBe('editor:errors.invalid');
    expect(errorOf(doc({ type: 'hardBreak' }))).toBe('editor:errors.invalid');
    expect(errorOf(doc(paragraph(paragraph(text('x')))))).toBe('editor:errors.invalid');
  });

  it('refuses bad text nodes', () => {
    for (const node of [
      { type: 'text', text: '' },
      { type: 'text' },
      { type: 'text', text: 42 },
      { type: 'text', text: ['x'] },
      { type: 'text', text: 'a\u0000b' },
      { type: 'text', text: 'a\u0007b' },
      { type: 'text', text: 'a\u001Bb' },
      { type: 'text', text: 'a\uD800b' },
      { type: 'text', text: 'a\uDC00' },
      { type: 'text', text: 'x', content: [] },
    ]) {
      expect(errorOf(doc(paragraph(node))), JSON.stringify(node)).toBe('editor:errors.invalid');
    }
  });

  it('refuses malformed or repeated marks', () => {
    for (const marks of [null, 'bold', [{}], ['bold'], [{ type: 'bold' }, { type: 'bold' }], [{ type: 'bold' }, { type: 'italic' }, { type: 'link', attrs: { href: 'https://a.example/' } }, { type: 'bold' }]]) {
      expect(errorOf(doc(paragraph({ type: 'text', text: 'x', marks }))), JSON.stringify(marks)).toBe('editor:errors.invalid');
    }
  });
});

describe('validateDocument: empty documents', () => {
  it.each([
    ['no content', { type: 'doc', content: [] }],
    ['no content key', { type: 'doc' }],
    ['one empty paragraph', doc(paragraph())],
    ['several empty paragraphs and headings', doc(paragraph(), { type: 'heading', attrs: { level: 2 } }, paragraph())],
    ['spaces', doc(paragraph(text('   ')))],
    ['whitespace of all kinds', doc(paragraph(text(' \t\n\u00A0\u2003\u3000\u200B\u2060\uFEFF')))],
    ['hard breaks only', doc(paragraph({ type: 'hardBreak' }, { type: 'hardBreak' }))],
    ['an empty quote', doc(quote(paragraph()))],
    ['an empty list', doc(bullets(item(paragraph(text(' ')))))],
    ['a bold space', doc(paragraph(text(' ', [{ type: 'bold' }])))],
  ])('reports %s as empty', (_name, input) => {
    expect(errorOf(input)).toBe('editor:errors.empty');
  });
});

describe('validateDocument: limits', () => {
  /** `levels` blockquotes around a paragraph: the text sits at depth levels + 2. */
  const nestedQuotes = (levels: number): unknown => {
    let node: unknown = paragraph(text('deep'));
    for (let i = 0; i < levels; i++) node = quote(node);
    return doc(node);
  };

  it(`accepts nesting up to depth ${RICH_TEXT_LIMITS.maxDepth} and refuses deeper`, () => {
    expect(errorOf(nestedQuotes(RICH_TEXT_LIMITS.maxDepth - 2))).toBeNull();
    expect(errorOf(nestedQuotes(RICH_TEXT_LIMITS.maxDepth - 1))).toBe('editor:errors.tooDeep');
  });

  it('counts list levels towards the depth', () => {
    // list → item → paragraph → text adds 3 levels per top list, 2 per nested list.
    const nestedLists = (levels: number): unknown => {
      let list: unknown = bullets(item(paragraph(text('x'))));
      for (let i = 1; i < levels; i++) list = bullets(item(paragraph(text('x')), list));
      return doc(list);
    };
    expect(errorOf(nestedLists(5))).toBeNull(); // text at depth 12
    expect(errorOf(nestedLists(6))).toBe('editor:errors.tooDeep');
  });

  it('stops at absurd depth without exhausting the stack', () => {
    expect(errorOf(nestedQuotes(100_000))).toBe('editor:errors.tooDeep');
  });

  it(`accepts ${RICH_TEXT_LIMITS.maxTextLength} characters of text and refuses one more`, () => {
    const max = RICH_TEXT_LIMITS.maxTextLength;
    expect(errorOf(doc(paragraph(text('a'.repeat(max)))))).toBeNull();
    expect(errorOf(doc(paragraph(text('a'.repeat(max - 10))), paragraph(text('b'.repeat(10)))))).toBeNull();
    expect(errorOf(doc(paragraph(text('a'.repeat(max + 1)))))).toBe('editor:errors.tooLong');
    expect(errorOf(doc(paragraph(text('a'.repeat(max))), paragraph(text('b')))))
      .toBe('editor:errors.tooLong');
  });

  it(`refuses more than ${RICH_TEXT_LIMITS.maxNodes} nodes`, () => {
    // doc + paragraph + n text/hardBreak nodes
    const inline = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? { type: 'hardBreak' } : text('x')));
    expect(errorOf(doc({ type: 'paragraph', content: inline(RICH_TEXT_LIMITS.maxNodes - 2) }))).toBeNull();
    expect(errorOf(doc({ type: 'paragraph', content: inline(RICH_TEXT_LIMITS.maxNodes - 1) }))).toBe('editor:errors.tooLarge');
  });

  it('refuses a huge content array without walking it', () => {
    const content = new Array(5_000_000).fill(paragraph(text('x')));
    expect(errorOf({ type: 'doc', content })).toBe('editor:errors.tooLarge');
  });

  it(`refuses documents whose JSON exceeds ${RICH_TEXT_LIMITS.maxBytes / 1024} KB`, () => {
    const href = `https://example.org/${'a'.repeat(1900)}`;
    const paragraphs = Array.from({ length: 120 }, () => paragraph(text('x', [{ type: 'link', attrs: { href } }])));
    expect(errorOf(doc(...paragraphs))).toBe('editor:errors.tooLarge');
    expect(errorOf(doc(...paragraphs.slice(0, 90)))).toBeNull();
  });
});
