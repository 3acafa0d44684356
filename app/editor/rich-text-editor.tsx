/**
 * The rich-text editor for posts. Progressive enhancement: the caller renders a plain <textarea> until
 * `useHydrated()` is true, then this component, which posts the document JSON through a hidden input
 * of an ordinary <form>. Nothing here is rendered on the server (`immediatelyRender: false`).
 *
 * Accessibility: a labelled role="textbox" editing area, a toolbar with one tab stop and arrow-key
 * navigation (WAI-ARIA toolbar pattern, mirrored in RTL), toggle buttons with aria-pressed, an inline
 * link form instead of window.prompt. All text comes from the caller, already translated.
 */
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from '@tiptap/react';
import { TextSelection } from '@tiptap/pm/state';
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import { flushDraft, readDraft, scheduleDraft } from './drafts';
import { editorExtensions } from './extensions';
import { normalizeLinkInput } from './safe-url';
import type { RichTextDoc } from './validate';

// Drafts are cleared by the caller after a successful post, or all at once on sign-out.
export { clearAllDrafts, clearDraft } from './drafts';

/** Every visible or announced string of the editor, translated by the caller (namespace `editor`). */
export interface EditorLabels {
  /** Accessible name of the toolbar (toolbar.label). */
  toolbar: string;
  bold: string;
  italic: string;
  heading2: string;
  heading3: string;
  bulletList: string;
  orderedList: string;
  blockquote: string;
  link: string;
  unlink: string;
  /** Label of the URL field in the link form (link.url). */
  linkUrl: string;
  linkApply: string;
  linkCancel: string;
  /** Shown when the URL is not an http(s) or mailto address (link.invalid). */
  linkInvalid: string;
  /** How a keyboard user leaves the editor, since Tab indents inside lists (keyboardHint). */
  keyboardHint: string;
}

export interface RichTextEditorProps {
  /** Form field name of the hidden input carrying the document JSON. */
  name: string;
  /** Visible label of the editing area. */
  label: string;
  labels: EditorLabels;
  /** Content to start from (editing a post, a quote, a refused submission). Read once, on mount. */
  initialContent?: RichTextDoc | null;
  /** Called after every content change with the editor's (unvalidated) JSON. */
  onChange?: (json: JSONContent) => void;
  /** id(s) of the element(s) describing the field, typically its error message. */
  describedBy?: string;
  invalid?: boolean;
  /** Focus the editing area (cursor at the end) when it appears. */
  autoFocus?: boolean;
  /** When given, the content is kept in localStorage under this key and restored on mount; wins over initialContent. */
  draftKey?: string;
  /**
   * The initial content is newer than any stored draft (typed into the plain field before the editor came):
   * it wins over the draft and becomes the draft at once, so a reload keeps it.
   */
  initialIsDraft?: boolean;
}

const noSubscription = () => () => {};

/** Moves focus to the next (or previous) focusable element of the page after (or before) `from`. */
function moveFocusOut(from: HTMLElement, direction: 1 | -1) {
  const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]')].filter(
    (element) => element === from || (!from.contains(element) && element.tabIndex >= 0 && element.offsetParent !== null),
  );
  const here = focusable.indexOf(from);
  focusable[here + direction]?.focus();
}

/**
 * False on the server and during hydration, true in the browser afterwards (also on the first render of
 * components mounted by client-side navigation, so they do not flash the fallback).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

type ToggleName = 'bold' | 'italic' | 'heading2' | 'heading3' | 'bulletList' | 'orderedList' | 'blockquote';

interface ToggleAction {
  name: ToggleName;
  /** aria-keyshortcuts: Tiptap's Mod is Control, or Command (Meta) on Apple systems. */
  shortcut: string;
  run: (editor: Editor) => void;
}

const TOGGLES: readonly ToggleAction[] = [
  { name: 'bold', shortcut: 'Control+B Meta+B', run: (e) => e.chain().focus().toggleBold().run() },
  { name: 'italic', shortcut: 'Control+I Meta+I', run: (e) => e.chain().focus().toggleItalic().run() },
  { name: 'heading2', shortcut: 'Control+Alt+2 Meta+Alt+2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { name: 'heading3', shortcut: 'Control+Alt+3 Meta+Alt+3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { name: 'bulletList', shortcut: 'Control+Shift+8 Meta+Shift+8', run: (e) => e.chain().focus().toggleBulletList().run() },
  { name: 'orderedList', shortcut: 'Control+Shift+7 Meta+Shift+7', run: (e) => e.chain().focus().toggleOrderedList().run() },
  { name: 'blockquote', shortcut: 'Control+Shift+B Meta+Shift+B', run: (e) => e.chain().focus().toggleBlockquote().run() },
];

const LINK_SHORTCUT = 'Control+K Meta+K';

/** Which formats apply at the selection; drives aria-pressed. */
function activeFormats(editor: Editor | null) {
  return {
    bold: !!editor?.isActive('bold'),
    italic: !!editor?.isActive('italic'),
    heading2: !!editor?.isActive('heading', { level: 2 }),
    heading3: !!editor?.isActive('heading', { level: 3 }),
    bulletList: !!editor?.isActive('bulletList'),
    orderedList: !!editor?.isActive('orderedList'),
    blockquote: !!editor?.isActive('blockquote'),
    link: !!editor?.isActive('link'),
  };
}

export function RichTextEditor({ name, label, labels, initialContent, onChange, describedBy, invalid, draftKey, initialIsDraft, autoFocus }: RichTextEditorProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const editableId = `${id}-editable`;
  const linkInputId = `${id}-link-url`;
  const linkErrorId = `${id}-link-error`;
  const hintId = `${id}-keyboard-hint`;

  const toolbarRef = useRef<HTMLDivElement>(null);
  const linkButtonRef = useRef<HTMLButtonElement>(null);
  const linkInputRef = useRef<HTMLInputElement>(null);

  // Stable across renders: useEditor compares options by identity and would otherwise reconfigure the
  // editor on every render. Read once: the editor owns the content after mount.
  const [extensions] = useState(editorExtensions);
  const [startContent] = useState(() => (draftKey && !initialIsDraft ? readDraft(draftKey) : null) ?? initialContent ?? undefined);
  // The form field. React state rather than a DOM write: React re-applies a hidden input's value
  // attribute on every render, which would undo writes made behind its back.
  const [json, setJson] = useState(() => (startContent ? JSON.stringify(startContent) : ''));

  const [linkOpen, setLinkOpen] = useState(false);
  const [linkValue, setLinkValue] = useState('');
  const [linkError, setLinkError] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);

  // Ctrl/Cmd+K comes from ProseMirror's key handling, which is configured once; the ref keeps it current.
  const openLinkRef = useRef<() => void>(() => {});
  // Escape, then Tab: leave the editor even inside a list, where Tab alone indents the item.
  const leavingRef = useRef(false);

  const editorProps = useMemo(
    () => ({
      attributes: {
        id: editableId,
        class: 'rte-editable',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        'aria-keyshortcuts': LINK_SHORTCUT,
        'aria-describedby': [hintId, describedBy].filter(Boolean).join(' '),
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
      },
      handleKeyDown: (view: { dom: HTMLElement }, event: KeyboardEvent) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          openLinkRef.current();
          return true;
        }
        if (event.key === 'Escape') {
          leavingRef.current = true;
          return false;
        }
        if (event.key === 'Tab' && leavingRef.current) {
          leavingRef.current = false;
          moveFocusOut(view.dom, event.shiftKey ? -1 : 1);
          return true;
        }
        leavingRef.current = false;
        return false;
      },
    }),
    [editableId, labelId, describedBy, invalid, hintId],
  );

  const editor = useEditor({
    extensions,
    content: startContent,
    editorProps,
    immediatelyRender: false,
    // Taking over from the textarea someone was typing in: keep their cursor at the end of their text.
    autofocus: autoFocus ? 'end' : false,
    shouldRerenderOnTransaction: false,
    // Tiptap would add a <style> element, which the Content-Security-Policy refuses; editor.css has the rules.
    injectCSS: false,
    onCreate: ({ editor }) => {
      setJson(JSON.stringify(editor.getJSON()));
      if (draftKey && initialIsDraft) scheduleDraft(draftKey, editor.getJSON());
    },
    onUpdate: ({ editor }) => {
      const content = editor.getJSON();
      setJson(JSON.stringify(content));
      if (draftKey) scheduleDraft(draftKey, content);
      onChange?.(content);
    },
  });

  // Keep the last keystrokes when the editor goes away (navigation); clearDraft beforehand still wins.
  useEffect(() => {
    if (!draftKey) return;
    return () => flushDraft(draftKey);
  }, [draftKey]);

  const active = useEditorState({ editor, selector: ({ editor }) => activeFormats(editor) }) ?? activeFormats(null);

  const openLinkForm = () => {
    if (!editor) return;
    setLinkValue(editor.isActive('link') ? String(editor.getAttributes('link').href ?? '') : '');
    setLinkError(false);
    setLinkOpen(true);
  };
  openLinkRef.current = openLinkForm;

  const closeLinkForm = (focus: 'editor' | 'button') => {
    setLinkOpen(false);
    setLinkError(false);
    if (focus === 'editor') editor?.commands.focus();
    else linkButtonRef.current?.focus();
  };

  const applyLink = () => {
    if (!editor) return;
    const href = normalizeLinkInput(linkValue);
    if (!href) {
      setLinkError(true);
      linkInputRef.current?.focus();
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: insert the address itself as the link text, and stop the link there so
      // typing continues as plain text.
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: linkValue.trim(), marks: [{ type: 'link', attrs: { href } }] })
        .unsetMark('link')
        .run();
    } else {
      // The linked words stay as they are; the cursor goes after them and typing goes on unlinked, so the
      // next key does not replace the selection.
      editor
        .chain()
        .focus()
        .extendMarkRange('link')
        .setLink({ href })
        .command(({ tr, state }) => {
          // The nearest cursor position at or before the selection's end (a whole-document selection ends outside any paragraph).
          tr.setSelection(TextSelection.near(tr.doc.resolve(tr.selection.to), -1));
          tr.setStoredMarks((tr.storedMarks ?? tr.selection.$to.marks()).filter((mark) => mark.type !== state.schema.marks.link));
          return true;
        })
        .run();
    }
    closeLinkForm('editor');
  };

  useEffect(() => {
    if (linkOpen) linkInputRef.current?.focus();
  }, [linkOpen]);

  const onLinkKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter would submit the surrounding post form.
      event.preventDefault();
      applyLink();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeLinkForm('button');
    }
  };

  // Roving tabindex: the toolbar is one tab stop; arrows, Home and End move within it.
  const buttonCount = TOGGLES.length + 2;
  const onToolbarKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const toolbar = toolbarRef.current;
    if (!toolbar) return;
    const rtl = getComputedStyle(toolbar).direction === 'rtl';
    const next = rtl ? 'ArrowLeft' : 'ArrowRight';
    const previous = rtl ? 'ArrowRight' : 'ArrowLeft';
    let index: number;
    if (event.key === next) index = (focusIndex + 1) % buttonCount;
    else if (event.key === previous) index = (focusIndex - 1 + buttonCount) % buttonCount;
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = buttonCount - 1;
    else return;
    event.preventDefault();
    setFocusIndex(index);
    toolbar.querySelectorAll<HTMLButtonElement>('button')[index]?.focus();
  };

  const toolbarButtonProps = (index: number) => ({
    type: 'button' as const,
    className: 'rte-button',
    tabIndex: index === focusIndex ? 0 : -1,
    onFocus: () => setFocusIndex(index),
    // Keep the editor's selection when a button is clicked with the mouse.
    onMouseDown: (event: ReactMouseEvent) => event.preventDefault(),
  });

  const unlinkDisabled = !editor || !active.link;

  return (
    <div className={invalid ? 'rte rte-invalid' : 'rte'}>
      {/* A <label> cannot point at a contenteditable; this span names the textbox via aria-labelledby. */}
      <span id={labelId} className="rte-label" onClick={() => editor?.commands.focus()}>
        {label}
      </span>
      <div
        ref={toolbarRef}
        role="toolbar"
        aria-label={labels.toolbar}
        aria-controls={editableId}
        className="rte-toolbar"
        onKeyDown={onToolbarKeyDown}
      >
        {TOGGLES.map((action, index) => (
          <button
            key={action.name}
            {...toolbarButtonProps(index)}
            aria-pressed={active[action.name]}
            aria-keyshortcuts={action.shortcut}
            aria-disabled={editor ? undefined : true}
            onClick={() => editor && action.run(editor)}
          >
            {labels[action.name]}
          </button>
        ))}
        <button
          ref={linkButtonRef}
          {...toolbarButtonProps(TOGGLES.length)}
          aria-pressed={active.link}
          aria-keyshortcuts={LINK_SHORTCUT}
          aria-disabled={editor ? undefined : true}
          onClick={() => (linkOpen ? closeLinkForm('editor') : openLinkForm())}
        >
          {labels.link}
        </button>
        <button
          {...toolbarButtonProps(TOGGLES.length + 1)}
          // aria-disabled rather than disabled: the button stays reachable in the toolbar's arrow order.
          aria-disabled={unlinkDisabled ? true : undefined}
          onClick={() => {
            if (!unlinkDisabled) editor.chain().focus().extendMarkRange('link').unsetLink().run();
          }}
        >
          {labels.unlink}
        </button>
      </div>
      {linkOpen ? (
        <div className="rte-link-form">
          <label htmlFor={linkInputId}>{labels.linkUrl}</label>
          {/* type="text", not "url": a half-typed address must not block the surrounding form's submit. */}
          <input
            ref={linkInputRef}
            id={linkInputId}
            type="text"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            dir="ltr"
            value={linkValue}
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? linkErrorId : undefined}
            onChange={(event) => {
              setLinkValue(event.target.value);
              setLinkError(false);
            }}
            onKeyDown={onLinkKeyDown}
          />
          <button type="button" className="rte-button" onClick={applyLink}>
            {labels.linkApply}
          </button>
          <button type="button" className="rte-button" onClick={() => closeLinkForm('button')}>
            {labels.linkCancel}
          </button>
          {linkError ? (
            <p id={linkErrorId} className="rte-link-error" role="alert">
              {labels.linkInvalid}
            </p>
          ) : null}
        </div>
      ) : null}
      <EditorContent editor={editor} className="rte-content" />
      <p id={hintId} className="hint rte-hint">
        {labels.keyboardHint}
      </p>
      <input type="hidden" name={name} value={json} />
    </div>
  );
}
