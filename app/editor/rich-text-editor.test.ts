// @vitest-environment happy-dom
/**
 * Smoke test of the React component in happy-dom: accessibility wiring, the hidden form field, the link
 * form and drafts. Real keyboard and screen-reader behaviour is covered by the Playwright journeys.
 */
import type { Editor } from '@tiptap/core';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RichTextEditor, clearDraft, useHydrated, type EditorLabels, type RichTextEditorProps } from './rich-text-editor';
import type { RichTextDoc } from './validate';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const labels: EditorLabels = {
  toolbar: 'Formatting',
  bold: 'Bold',
  italic: 'Italic',
  heading2: 'Heading',
  heading3: 'Subheading',
  bulletList: 'Bullets',
  orderedList: 'Numbers',
  blockquote: 'Quote',
  link: 'Link',
  unlink: 'Unlink',
  linkUrl: 'Address',
  linkApply: 'Apply',
  linkCancel: 'Cancel',
  linkInvalid: 'Not a web address',
  keyboardHint: 'Press Escape, then Tab, to leave the editor',
};

const hello: RichTextDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] };

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  localStorage.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.useRealTimers();
});

async function render(props: Partial<RichTextEditorProps> = {}) {
  await act(async () => {
    root.render(createElement(RichTextEditor, { name: 'body', label: 'Your post', labels, ...props }));
  });
  // useEditor creates the editor in an effect and publishes it on the next tick.
  await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

const textbox = () => container.querySelector<HTMLElement>('[role="textbox"]')!;
const editorOf = () => (textbox() as unknown as { editor: Editor }).editor;
const hidden = () => container.querySelector<HTMLInputElement>('input[type="hidden"]')!;
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('RichTextEditor', () => {
  it('labels the textbox and passes description and invalid state through', async () => {
    await render({ describedBy: 'post-error', invalid: true });
    const label = container.querySelector('.rte-label')!;
    expect(label.textContent).toBe('Your post');
    expect(textbox().getAttribute('aria-labelledby')).toBe(label.id);
    expect(textbox().getAttribute('aria-multiline')).toBe('true');
    // The keyboard hint (how to leave the editor from a list) always describes it, the error after it.
    const hint = container.querySelector('.rte-hint')!;
    expect(hint.textContent).toBe('Press Escape, then Tab, to leave the editor');
    expect(textbox().getAttribute('aria-describedby')).toBe(`${hint.id} post-error`);
    expect(textbox().getAttribute('aria-invalid')).toBe('true');
    expect(textbox().getAttribute('contenteditable')).toBe('true');

    await render({ describedBy: undefined, invalid: false });
    expect(textbox().getAttribute('aria-describedby')).toBe(container.querySelector('.rte-hint')!.id);
    expect(textbox().hasAttribute('aria-invalid')).toBe(false);
  });

  it('has a labelled toolbar with one tab stop and arrow-key navigation', async () => {
    await render();
    const toolbar = container.querySelector('[role="toolbar"]')!;
    expect(toolbar.getAttribute('aria-label')).toBe('Formatting');
    const buttons = [...toolbar.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Bold', 'Italic', 'Heading', 'Subheading', 'Bullets', 'Numbers', 'Quote', 'Link', 'Unlink']);
    expect(buttons.every((b) => b.type === 'button')).toBe(true);
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1]);

    await act(async () => {
      buttons[0]!.focus();
      buttons[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, 0, -1, -1, -1, -1, -1, -1, -1]);
    await act(async () => buttons[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })));
    expect(document.activeElement).toBe(buttons[8]);
    await act(async () => buttons[8]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('keeps the hidden input in sync with the document and reports changes', async () => {
    const onChange = vi.fn();
    await render({ initialContent: hello, onChange });
    expect(hidden().name).toBe('body');
    expect(JSON.parse(hidden().value)).toEqual(hello);

    await act(async () => {
      editorOf().chain().selectAll().toggleBold().run();
    });
    const expected = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello', marks: [{ type: 'bold' }] }] }] };
    expect(JSON.parse(hidden().value)).toEqual(expected);
    expect(onChange).toHaveBeenLastCalledWith(expected);
  });

  it('shows active formats with aria-pressed', async () => {
    await render({ initialContent: hello });
    expect(button('Bold').getAttribute('aria-pressed')).toBe('false');
    // With an empty selection, bold applies to what is typed next: pressed, and released again.
    await act(async () => button('Bold').click());
    expect(button('Bold').getAttribute('aria-pressed')).toBe('true');
    await act(async () => button('Bold').click());
    expect(button('Bold').getAttribute('aria-pressed')).toBe('false');
    await act(async () => {
      editorOf().commands.setTextSelection({ from: 1, to: 6 });
    });
    await act(async () => button('Bold').click());
    expect(button('Bold').getAttribute('aria-pressed')).toBe('true');
    await act(async () => button('Heading').click());
    expect(button('Heading').getAttribute('aria-pressed')).toBe('true');
    expect(button('Unlink').getAttribute('aria-disabled')).toBe('true');
  });

  it('adds links through the inline form, refusing unsafe addresses', async () => {
    await render({ initialContent: hello });
    await act(async () => {
      editorOf().commands.selectAll();
    });
    await act(async () => button('Link').click());
    const input = container.querySelector<HTMLInputElement>('.rte-link-form input')!;
    expect(document.activeElement).toBe(input);
    expect(container.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Address');

    const type = async (value: string) =>
      act(async () => {
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await type('javascript:alert(1)');
    await act(async () => button('Apply').click());
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Not a web address');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(JSON.stringify(editorOf().getJSON())).not.toContain('"link"');

    await type('example.org');
    await act(async () => button('Apply').click());
    expect(container.querySelector('.rte-link-form')).toBeNull();
    const linked = JSON.parse(hidden().value).content[0].content[0];
    expect(linked.marks[0].attrs.href).toBe('https://example.org/');
    // The linked words stay; the cursor is after them, and what is typed next is plain text, not a replacement.
    const editor = editorOf();
    expect(editor.state.selection.empty).toBe(true);
    expect(editor.state.selection.$to.parentOffset).toBe(editor.state.selection.$to.parent.content.size);
    expect(button('Link').getAttribute('aria-pressed')).toBe('false');
    await act(async () => {
      editor.commands.insertContent(' more');
    });
    const after = JSON.parse(hidden().value).content[0].content;
    expect(after[0]).toEqual(linked);
    expect(after[1]).toEqual({ type: 'text', text: ' more' });
  });

  it('saves a draft after a pause, restores it on mount, and clearDraft forgets it', async () => {
    await render({ draftKey: 'reply:1' });
    await act(async () => {
      editorOf().commands.insertContent('Draft text');
    });
    expect(localStorage.getItem('weltoffen:editor-draft:reply:1')).toBeNull();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 600)));
    const saved = JSON.parse(localStorage.getItem('weltoffen:editor-draft:reply:1')!);
    expect(saved).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Draft text' }] }] });

    await act(async () => root.unmount());
    root = createRoot(container);
    await render({ draftKey: 'reply:1', initialContent: hello });
    expect(editorOf().getText()).toBe('Draft text');
    expect(JSON.parse(hidden().value)).toEqual(saved);

    // A pending save is cancelled by clearDraft, so unmounting afterwards cannot bring the draft back.
    await act(async () => {
      editorOf().commands.insertContent(' more');
    });
    clearDraft('reply:1');
    await act(async () => root.unmount());
    root = createRoot(container);
    expect(localStorage.getItem('weltoffen:editor-draft:reply:1')).toBeNull();
  });

  it('text typed before the editor came wins over an older draft and becomes the draft, so a reload keeps it', async () => {
    localStorage.setItem('weltoffen:editor-draft:reply:3', JSON.stringify(hello));
    const typed: RichTextDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Typed early' }] }] };
    await render({ draftKey: 'reply:3', initialContent: typed, initialIsDraft: true });
    expect(editorOf().getText()).toBe('Typed early');
    await act(async () => new Promise((resolve) => setTimeout(resolve, 600)));
    expect(JSON.parse(localStorage.getItem('weltoffen:editor-draft:reply:3')!)).toEqual(typed);
  });

  it('ignores drafts that do not validate', async () => {
    localStorage.setItem('weltoffen:editor-draft:reply:2', JSON.stringify({ type: 'doc', content: [{ type: 'script', text: 'x' }] }));
    await render({ draftKey: 'reply:2', initialContent: hello });
    expect(editorOf().getText()).toBe('Hello');
  });
});

describe('useHydrated', () => {
  function Probe() {
    return createElement('span', null, String(useHydrated()));
  }

  it('is false on the server and true in the browser after mount', async () => {
    expect(renderToString(createElement(Probe))).toBe('<span>false</span>');
    await act(async () => root.render(createElement(Probe)));
    expect(container.textContent).toBe('true');
  });
});
