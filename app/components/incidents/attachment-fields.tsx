/** The file input for originals (screenshots, PDFs, saved e-mails) with its caption. */
import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { MAX_UPLOAD_FILE_BYTES } from '#app/domain/files';
import { MAX_ATTACHMENTS } from '#app/domain/incidents/schemas';
import { Field, FieldError } from '#app/components/ui/field';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fields of the incident schemas
type AnyField = FieldMetadata<any, any, string[]>;

export function AttachmentFields({ files, caption, accept }: { files: AnyField; caption: AnyField; accept: string }) {
  const { t } = useTranslation('incidents');
  const describedBy = [files.descriptionId, files.errors?.length ? files.errorId : null].filter(Boolean).join(' ');
  return (
    <fieldset className="stack">
      <legend>{t('attachments.legend')}</legend>
      <div className={`field${files.errors?.length ? ' has-error' : ''}`}>
        <label htmlFor={files.id}>{t('attachments.files')}</label>
        <p className="hint" id={files.descriptionId}>
          {t('attachments.hint', { max: MAX_ATTACHMENTS, megabytes: MAX_UPLOAD_FILE_BYTES / 1024 / 1024 })}
        </p>
        <input type="file" id={files.id} name={files.name} multiple accept={accept} aria-describedby={describedBy} aria-invalid={files.errors?.length ? true : undefined} />
        <FieldError id={files.errorId} errors={files.errors} />
      </div>
      <Field field={caption} label={t('attachments.caption')} hint={t('attachments.captionHint')} dir="auto" />
    </fieldset>
  );
}
