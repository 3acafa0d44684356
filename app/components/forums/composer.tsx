import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { RichTextEditor, clearDraft, useHydrated, type EditorLabels } from '#app/editor/rich-text-editor';
import type { RichTextDoc } from '#app/editor/validate';
import { plainTextToDocument } from '#app/editor/plain-text';
import type { FieldError } from '#app/forms';
import { CONTENT_LANGUAGES } from '#app/domain/forums/language';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';

interface ComposerProps {
  /** Where the draft is kept in this browser; cleared after a successful post. */
  draftKey: string;
  label: string;
  error?: FieldError;
  /** What was sent and refused, so nothing is lost. */
  previousBody?: string;
  previousText?: string;
  initialContent?: RichTextDoc;
  language?: string;
  posted?: boolean;
  onTyping?: () => void;
}

/**
 * The post composer: a plain textarea when JavaScript is off (or not yet running), the rich-text editor
 * once the page is hydrated. Either way the form posts normally.
 */
export function Composer({ draftKey, label, error, previousBody, previousText, initialContent, language = 'auto', posted, onTyping }: ComposerProps) {
  const { t } = useTranslation(['editor', 'forums']);
  const hydrated = useHydrated();
  const lastTyping = useRef(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // What was typed into the plain field before the editor took over (read while that field still exists).
  const carried = useMemo(() => {
    if (!hydrated || !textarea.current) return null;
    return { text: textarea.current.value, focused: document.activeElement === textarea.current };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only at the switch
  }, [hydrated]);
  useEffect(() => {
    if (posted) clearDraft(draftKey);
  }, [posted, draftKey]);

  const restored = useMemo(() => {
    if (carried?.text.trim()) return plainTextToDocument(carried.text);
    if (!previousBody) return initialContent;
    try {
      return JSON.parse(previousBody) as RichTextDoc;
    } catch {
      return initialContent;
    }
  }, [previousBody, initialContent, carried]);

  const labels: EditorLabels = {
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
  };
  const errorId = error ? 'composer-error' : undefined;
  return (
    <div className={`composer field${error ? ' has-error' : ''}`}>
      {hydrated ? (
        <RichTextEditor
          name="body"
          label={label}
          labels={labels}
          initialContent={restored}
          draftKey={previousBody || initialContent || carried?.text.trim() ? undefined : draftKey}
          autoFocus={carried?.focused}
          describedBy={errorId}
          invalid={!!error}
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
          <textarea ref={textarea} id="composer-text" name="bodyText" rows={8} defaultValue={previousText} aria-describedby={errorId} aria-invalid={error ? true : undefined} />
        </>
      )}
      {error ? (
        <p className="field-error" id="composer-error">
          {t(error.key, error.params)}
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
