// @vitest-environment happy-dom
/**
 * The contract between the editor and the validator: whatever the editor can produce (typing, pasting
 * HTML, commands) is something validateDocument accepts, and nothing outside the schema gets in.
 */
import { Editor, getSchema } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LINK_REL, editorExtensions } from './extensions';
import { validateDocument } from './validate';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function createEditor(content = ''): Editor {
  editor = new Editor({ extensions: editorExtensions(), content, injectCSS: false });
  return editor;
}

/** Loads HTML through a transaction (as a paste or setContent does), so the editor's plugins see it. */
function load(html: string) {
  const instance = createEditor();
  instance.commands.setContent(html);
  return instance.getJSON();
}

describe('editorExtensions', () => {
  it('builds exactly the allowed schema', () => {
    const schema = getSchema(editorExtensions());
    expect(Object.keys(schema.nodes).sort()).toEqual(['blockquote', 'bulletList', 'doc', 'hardBreak', 'heading', 'listItem', 'orderedList', 'paragraph', 'text']);
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link']);
  });

  it('produces JSON the validator accepts for every feature', () => {
    const json = load(
      '<h2>Title</h2><h3>Sub</h3><p><strong>b</strong> <em>i</em><br><a href="https://example.org/">link</a></p>' +
        '<ul><li><p>one</p><ol start="4"><li><p>two</p></li></ol></li></ul><blockquote><p>quote</p></blockquote>',
    );
    const result = validateDocument(json);
    expect(result.ok).toBe(true);
    expect(result.ok && result.text).toBe('Title\n\nSub\n\nb i\nlink\n\none\n\ntwo\n\nquote');
  });

  it('maps HTML outside the schema onto it instead of keeping it', () => {
    const json = load('<h1>Big</h1><h4>Small</h4><pre><code>code</code></pre><p><s>s</s><u>u</u><code>c</code><img src="x" onerror="alert(1)"></p><hr><table><tr><td>t</td></tr></table>');
    const result = validateDocument(json);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(json)).not.toMatch(/"type":"(?:codeBlock|code|strike|underline|image|horizontalRule|table)"/);
    expect(JSON.stringify(json)).not.toMatch(/onerror|"level":[14]/);
  });

  it('drops unsafe and relative links from pasted HTML, and repairs bare addresses', () => {
    const json = load(
      '<p><a href="javascript:alert(1)">a</a> <a href="/relative">b</a> <a href="data:text/html,x">c</a> ' +
        '<a href="example.org/path">d</a> <a href="https://example.org/x" target="_blank" rel="opener">e</a></p>',
    );
    const links = JSON.stringify(json).match(/"href":"[^"]*"/g);
    expect(links).toEqual(['"href":"https://example.org/path"', '"href":"https://example.org/x"']);
    expect(validateDocument(json).ok).toBe(true);
  });

  it('refuses unsafe links through setLink and accepts safe ones', () => {
    const instance = createEditor('<p>text</p>');
    instance.commands.selectAll();
    expect(instance.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(instance.commands.setLink({ href: ' data:text/html,x' })).toBe(false);
    expect(instance.commands.setLink({ href: 'https://example.org/' })).toBe(true);
    const json = instance.getJSON();
    expect(json.content?.[0]?.content?.[0]?.marks).toEqual([
      { type: 'link', attrs: { href: 'https://example.org/', target: null, rel: LINK_REL, class: null, title: null } },
    ]);
    expect(validateDocument(json).ok).toBe(true);
  });

  it('autolinks typed addresses with https and validates them', () => {
    const instance = createEditor('<p></p>');
    instance.commands.insertContent('see example.org');
    instance.commands.insertContent(' ');
    const json = instance.getJSON();
    expect(JSON.stringify(json)).toContain('"href":"https://example.org"');
    // The server stores the canonical form.
    const result = validateDocument(json);
    expect(result.ok && JSON.stringify(result.doc)).toContain('"href":"https://example.org/"');
  });

  it('autolinks e-mail addresses as mailto, and never a javascript: URL', () => {
    const instance = createEditor('<p></p>');
    // Autolink looks at the word before the whitespace just typed.
    for (const typed of ['mail rathaus@example.org', ' ', 'or javascript:alert(1)', ' ']) instance.commands.insertContent(typed);
    const links = JSON.stringify(instance.getJSON()).match(/"href":"[^"]*"/g);
    expect(links).toEqual(['"href":"mailto:rathaus@example.org"']);
  });

  it('repairs or removes link marks that arrive as JSON, whatever inserted them', () => {
    const instance = createEditor('<p></p>');
    const link = (href: string, text: string) => ({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] });
    instance.commands.insertContent([link('example.org', 'a'), link('javascript:alert(1)', 'b'), link('//evil.example', 'c')]);
    const json = instance.getJSON();
    expect(JSON.stringify(json).match(/"href":"[^"]*"/g)).toEqual(['"href":"https://example.org/"']);
    expect(validateDocument(json).ok).toBe(true);
  });
});
