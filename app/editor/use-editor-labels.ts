import { useFixedLabels } from '#app/i18n/fixed-labels';
import type { EditorLabels } from './rich-text-editor';

/** The editor's labels in the reader's language (namespace `editor`), for every form that holds an editor. */
export function useEditorLabels(): EditorLabels {
  return useFixedLabels('editor', ['editor'], (t) => ({
    toolbar: t('toolbar.label'),
    bold: t('toolbar.bold'),
    italic: t('toolbar.italic'),
    heading2: t('toolbar.heading2'),
    heading3: t('toolbar.heading3'),
    bulletList: t('toolbar.bulletList'),
    orderedList: t('toolbar.orderedList'),
    blockquote: t('toolbar.blockquote'),
    link: t('toolbar.link'),
    unlink: t('toolbar.unlink'),
    linkUrl: t('link.url'),
    linkApply: t('link.apply'),
    linkCancel: t('link.cancel'),
    linkInvalid: t('link.invalid'),
    keyboardHint: t('keyboardHint'),
  }));
}
