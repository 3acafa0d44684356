import { useTranslation } from 'react-i18next';
import type { FieldError } from '#app/forms';

interface FieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name'> {
  name: string;
  label: string;
  hint?: string;
  error?: FieldError;
}

/** A labelled input whose translated error sits right under it and is tied to it for screen readers. */
export function Field({ name, label, hint, error, id, ...input }: FieldProps) {
  const { t } = useTranslation();
  const fieldId = id ?? `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {t(error.key, error.params)}
        </p>
      ) : null}
    </div>
  );
}

interface TextAreaProps extends Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'> {
  name: string;
  label: string;
  hint?: string;
  error?: FieldError;
}

export function TextAreaField({ name, label, hint, error, ...input }: TextAreaProps) {
  const { t } = useTranslation();
  const fieldId = `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {t(error.key, error.params)}
        </p>
      ) : null}
    </div>
  );
}

/** A form-wide message (not tied to one field), announced when it appears. */
export function FormAlert({ error }: { error?: FieldError }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {t(error.key, error.params)}
    </div>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
