/**
 * The Tiptap extension list, shared by the browser editor and the server renderer so both build the same
 * schema. It must produce exactly what `validate.ts` allows: doc, paragraph, text, hardBreak, heading
 * (levels 2 and 3), bulletList, orderedList, listItem, blockquote; marks bold, italic, link.
 */
import { Extension, type Extensions } from '@tiptap/core';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { StarterKit } from '@tiptap/starter-kit';
import { Link } from '@tiptap/extension-link';
import { isSafeHref, normalizeLinkInput } from './safe-url';

/** Every rendered link carries this; user-generated links must not pass reputation or window access. */
export const LINK_REL = 'noopener nofollow ugc';

/**
 * Keeps link marks in the editor within what the server accepts, whatever put them there (paste of HTML
 * with a relative href, drag and drop, autolink, a command). Links that can be repaired (a bare
 * `example.org`) get the canonical href; the rest lose the link and keep their text.
 */
const linkHrefGuard = Extension.create({
  name: 'linkHrefGuard',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('linkHrefGuard'),
        appendTransaction: (transactions, _oldState, newState) => {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          const linkType = newState.schema.marks.link;
          if (!linkType) return null;
          const tr = newState.tr;
          // The whole document, not just the changed ranges: it is small (≤ 2,000 nodes) and this cannot miss.
          newState.doc.descendants((node: ProseMirrorNode, pos: number) => {
            if (!node.isInline) return;
            const link = node.marks.find((mark: Mark) => mark.type === linkType);
            if (!link || isSafeHref(link.attrs.href)) return;
            const from = pos;
            const to = pos + node.nodeSize;
            tr.removeMark(from, to, linkType);
            const href = normalizeLinkInput(link.attrs.href);
            if (href) tr.addMark(from, to, linkType.create({ href }));
          });
          // Appended transactions join the triggering one's undo step (prosemirror-history), so one undo
          // reverts the paste and its repair together.
          return tr.docChanged ? tr : null;
        },
      }),
    ];
  },
});

export function editorExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      // Not in the allowed schema.
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      // Kept (editing behaviour, not schema): undoRedo, dropcursor, gapcursor, listKeymap, trailingNode.
      link: false,
    }),
    // A link ends where its words end: text typed right after it is plain (Tiptap makes links "inclusive"
    // while autolink is on, so the next word would join the link).
    Link.extend({ inclusive: () => false }).configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      // Autolinked bare addresses (`example.org`) get https, not http.
      defaultProtocol: 'https',
      // `protocols` would *add* schemes to linkify (http, https and mailto are built in); the allow-list
      // is enforced here instead, for autolink, paste, parsing HTML, setLink and rendering alike.
      // Lenient on purpose (accepts bare `example.org`, which autolink checks before adding https://);
      // linkHrefGuard then stores only the canonical absolute form.
      isAllowedUri: (url) => normalizeLinkInput(url) !== null,
      shouldAutoLink: (url) => normalizeLinkInput(url) !== null,
      HTMLAttributes: { rel: LINK_REL, target: null, class: null },
    }),
    linkHrefGuard,
  ];
}
