import { useMemo, useRef, useState } from 'react';
import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { useEditorLabels } from '#app/editor/use-editor-labels';
import { RichTextEditor, clearDraft, useHydrated } from '#app/editor/rich-text-editor';
import { plainTextToDocument } from '#app/editor/plain-text';
import { documentText, type RichTextDoc } from '#app/editor/validate';
import { CONTENT_LANGUAGES } from '#app/domain/forums/language';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';
import { errorText } from '#app/components/ui/field';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fields of any composer schema
type AnyField = FieldMetadata<any, any, string[]>;

export interface ComposerFields {
  body: AnyField;
  bodyText: AnyField;
  language: AnyField;
  quotedPostId?: AnyField;
}

interface ComposerProps {
  fields: ComposerFields;
  /** Where the draft is kept in this browser; cleared after a successful post. */
  draftKey: string;
  /** A key for this post (from the loader): a second click sends the same key, and the server keeps one post. */
  clientKey: string;
  label: string;
  initialContent?: RichTextDoc;
  defaultLanguage?: string;
  /** The page was reached by posting successfully: the draft is gone before the editor reads it. */
  posted?: boolean;
  onTyping?: () => void;
}

/**
 * The post composer: a plain textarea when JavaScript is off (or not yet running), the rich-text editor
 * once the page is hydrated. Either way the form posts normally. Mounted afresh after every successful post
 * (the page keys it by the new post), so it starts empty.
 */
export function Composer({ fields, draftKey, clientKey, label, initialContent, defaultLanguage = 'auto', posted, onTyping }: ComposerProps) {
  const { t } = useTranslation(['editor', 'forums', 'common']);
  const hydrated = useHydrated();
  const lastTyping = useRef(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Before the editor mounts and reads the draft: after a successful post there must be none.
  useState(() => {
    if (posted && typeof window !== 'undefined') clearDraft(draftKey);
    return true;
  });
  const previousBody = typeof fields.body.initialValue === 'string' ? fields.body.initialValue : undefined;
  const previousText = typeof fields.bodyText.initialValue === 'string' ? fields.bodyText.initialValue : undefined;
  const errors = fields.body.errors ?? fields.bodyText.errors ?? fields.quotedPostId?.errors;
  // What was typed into the plain field before the editor took over (read while that field still exists).
  const carried = useMemo(() => {
    if (!hydrated || !textarea.current) return null;
    return { text: textarea.current.value, focused: document.activeElement === textarea.current };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only at the switch
  }, [hydrated]);

  // Editing: the plain field starts with the post's text, so that it can be edited without JavaScript too.
  const initialText = previousText ?? (initialContent ? documentText(initialContent) : undefined);
  const restored = useMemo(() => {
    // Typed into the plain field before the editor came: that text, unless it is the untouched original
    // (whose formatting the editor keeps).
    if (carried?.text.trim() && carried.text !== initialText) return plainTextToDocument(carried.text);
    if (previousBody) {
      try {
        return JSON.parse(previousBody) as RichTextDoc;
      } catch {
        return initialContent;
      }
    }
    if (previousText) return plainTextToDocument(previousText);
    return initialContent;
  }, [previousBody, previousText, initialContent, initialText, carried]);

  const labels = useEditorLabels();
  const errorId = errors?.length ? 'composer-error' : undefined;
  const language = typeof fields.language.initialValue === 'string' ? fields.language.initialValue : defaultLanguage;
  return (
    <div className={`composer field${errorId ? ' has-error' : ''}`}>
      <input type="hidden" name="clientKey" value={clientKey} />
      {hydrated ? (
        <RichTextEditor
          name="body"
          label={label}
          labels={labels}
          initialContent={restored}
          draftKey={previousBody || previousText || initialContent ? undefined : draftKey}
          initialIsDraft={!!carried?.text.trim()}
          autoFocus={carried?.focused}
          describedBy={errorId}
          invalid={!!errorId}
          onChange={() => {
            if (onTyping && Date.now() - lastTyping.current > 3000) {
              lastTyping.current = Date.now();
              onTyping();
            }
          }}
        />
      ) : (
        <>
          <label htmlFor="composer-text">{label}</label>
          <textarea ref={textarea} id="composer-text" name="bodyText" rows={8} defaultValue={initialText} aria-describedby={errorId} aria-invalid={errorId ? true : undefined} />
        </>
      )}
      {errorId ? (
        <p className="field-error" id="composer-error">
          {errorText(t, errors![0])}
        </p>
      ) : null}
      <div className="field composer-language">
        <label htmlFor="composer-language">{t('forums:composer.language')}</label>
        <select id="composer-language" name="language" defaultValue={language}>
          <option value="auto">{t('forums:composer.detectLanguage')}</option>
          {CONTENT_LANGUAGES.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {LANGUAGE_NAMES[lng as Language]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
