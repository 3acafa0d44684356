/**
 * Every attack document is either refused by validateDocument or renders to HTML that, parsed the way a
 * browser parses it (and parsed again after re-serialisation, to catch mutation XSS), holds no script,
 * no event handler, no dangerous URL, no foreign or embedding element, and only rel'd links.
 */
import { scriptlessWindow } from './scriptless-window';
import { afterAll, describe, expect, it } from 'vitest';
import { LINK_REL } from './extensions';
import { renderDocument } from './render.server';
import { validateDocument } from './validate';
import { XSS_PAYLOADS, payloadDocuments } from './xss-corpus';

const window = scriptlessWindow();
afterAll(async () => {
  await window.happyDOM.close();
});

const FORBIDDEN_ELEMENTS = ['script', 'svg', 'math', 'iframe', 'object', 'embed', 'style', 'img', 'base', 'meta', 'link', 'form', 'template', 'noscript'];
const ALLOWED_ELEMENTS = new Set(['p', 'h2', 'h3', 'ul', 'ol', 'li', 'blockquote', 'strong', 'em', 'a', 'br']);
const DANGEROUS_URL = /^(?:javascript|data|vbscript):/;

/** Parses `html` as the body of a page (as dangerouslySetInnerHTML would place it) and lists what is unsafe. */
function findProblems(html: string): string[] {
  const parsed = new window.DOMParser().parseFromString(`<!DOCTYPE html><html><body><div id="post">${html}</div></body></html>`, 'text/html');
  const root = parsed.getElementById('post');
  if (!root) return ['post container lost: the markup escaped its parent'];
  const problems: string[] = [];
  if (parsed.body.children.length !== 1) problems.push('markup outside the post container');
  for (const tag of FORBIDDEN_ELEMENTS) if (parsed.querySelector(tag)) problems.push(`<${tag}> present`);
  for (const element of Array.from(root.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    if (!ALLOWED_ELEMENTS.has(tag)) problems.push(`unexpected <${tag}>`);
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${name} handler on <${tag}>`);
      // Browsers ignore leading whitespace/control characters and embedded tabs/newlines in schemes.
      const value = (attribute.value ?? '').replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (DANGEROUS_URL.test(value)) problems.push(`${name}="${attribute.value}" on <${tag}>`);
      if (name === 'style' || name === 'srcdoc' || name === 'formaction' || name.includes(':')) problems.push(`${name} on <${tag}>`);
    }
    if (tag === 'a') {
      if (element.getAttribute('rel') !== LINK_REL) problems.push(`<a> with rel="${element.getAttribute('rel')}"`);
      if (element.hasAttribute('target')) problems.push('<a> with target');
    }
  }
  return problems;
}

function check(input: unknown): { accepted: boolean; html?: string } {
  const result = validateDocument(input);
  if (!result.ok) return { accepted: false };
  // A validated document must render; a throw here would mean validator and renderer disagree.
  const html = renderDocument(result.doc);
  const problems = findProblems(html);
  // Mutation XSS: what the browser re-serialises must also be safe when parsed again.
  const reparsed = new window.DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html').body.innerHTML;
  problems.push(...findProblems(reparsed).map((problem) => `after re-parse: ${problem}`));
  expect(problems, html).toEqual([]);
  return { accepted: true, html };
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

describe('the checker itself', () => {
  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<p onclick="alert(1)">x</p>',
    '<a href=" java\tscript:alert(1)" rel="noopener nofollow ugc">x</a>',
    '<a href="https://example.org/" rel="noopener nofollow ugc" target="_blank">x</a>',
    '<a href="https://example.org/">x</a>',
    '<svg></svg>',
    '<math></math>',
    '<p style="color:red">x</p>',
    '</div><p>x</p>',
  ])('flags %s', (html) => {
    expect(findProblems(html)).not.toEqual([]);
  });

  it('passes what the renderer produces', () => {
    expect(findProblems('<p><a rel="noopener nofollow ugc" href="https://example.org/">x</a><br>&lt;script&gt;</p>')).toEqual([]);
  });
});

describe('XSS corpus', () => {
  it('has at least 40 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
  });

  describe.each(XSS_PAYLOADS.map((payload) => [JSON.stringify(payload), payload] as const))('payload %s', (_name, payload) => {
    it('is refused or rendered harmlessly in every document', () => {
      for (const document of payloadDocuments(payload)) check(document);
    });

    it('survives as literal text when written as text', () => {
      const [asText] = payloadDocuments(payload);
      const outcome = check(asText);
      // Text is refused only for control characters; everything else is kept and escaped, not dropped.
      expect(outcome.accepted).toBe(!CONTROL.test(payload));
      if (outcome.html) {
        const parsed = new window.DOMParser().parseFromString(`<!DOCTYPE html><html><body>${outcome.html}</body></html>`, 'text/html');
        expect(parsed.body.textContent).toBe(payload);
      }
    });

    it('is never accepted as a link target', () => {
      const [, , , asHref, asEditorHref] = payloadDocuments(payload);
      expect(validateDocument(asHref)).toEqual({ ok: false, error: 'editor:errors.unsafeLink' });
      expect(validateDocument(asEditorHref)).toEqual({ ok: false, error: 'editor:errors.unsafeLink' });
    });
  });
});
