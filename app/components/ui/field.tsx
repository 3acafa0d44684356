import { useTranslation } from 'react-i18next';
import type { FieldError } from '#app/forms';

interface ShellProps {
  fieldId: string;
  label: string;
  hint?: string;
  error?: FieldError;
  children: (describedBy: string | undefined) => React.ReactNode;
}

/** Label, optional hint, the control, and its translated error right under it, tied together for screen readers. */
function FieldShell({ fieldId, label, hint, error, children }: ShellProps) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {children(describedBy)}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {t(error.key, error.params)}
        </p>
      ) : null}
    </div>
  );
}

interface CommonProps {
  name: string;
  label: string;
  hint?: string;
  error?: FieldError;
}

export function Field({ name, label, hint, error, id, ...input }: CommonProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldShell fieldId={fieldId} label={label} hint={hint} error={error}>
      {(describedBy) => <input id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />}
    </FieldShell>
  );
}

export function TextAreaField({ name, label, hint, error, ...input }: CommonProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const fieldId = `field-${name}`;
  return (
    <FieldShell fieldId={fieldId} label={label} hint={hint} error={error}>
      {(describedBy) => <textarea id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />}
    </FieldShell>
  );
}

interface SelectFieldProps extends CommonProps, Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'name'> {
  options: { value: string; label: string; lang?: string }[];
}

export function SelectField({ name, label, hint, error, options, id, ...select }: SelectFieldProps) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldShell fieldId={fieldId} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
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

interface RadioGroupProps {
  name: string;
  legend: string;
  options: { value: string; label: string; disabled?: boolean }[];
  defaultValue?: string;
  error?: FieldError;
}

/** A fieldset of radio buttons with its translated error, tied to the group for screen readers. */
export function RadioGroup({ name, legend, options, defaultValue, error }: RadioGroupProps) {
  const { t } = useTranslation();
  const errorId = `field-${name}-error`;
  return (
    <fieldset className={error ? 'has-error' : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox-label">
          <input type="radio" name={name} value={option.value} defaultChecked={defaultValue === option.value} disabled={option.disabled} /> {option.label}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={errorId}>
          {t(error.key, error.params)}
        </p>
      ) : null}
    </fieldset>
  );
}
