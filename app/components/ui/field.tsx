/**
 * Form controls for conform fields: label, optional hint, the control, and its translated error right under
 * it, tied together for screen readers. Errors are i18n keys (app/web/form.ts).
 *
 * conform's `key` is left out on purpose: it is random, so the server's and the browser's differ, and React
 * would remount every control at hydration — dropping whatever someone typed before the scripts ran. The
 * controls are uncontrolled and keep what was typed; a new page brings new defaults.
 */
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { decodeError } from '#app/web/form';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any schema
type AnyField = FieldMetadata<any, any, string[]>;

export const errorText = (t: TFunction, encoded: string) => {
  const { key, params } = decodeError(encoded);
  return t(key, params) as string;
};

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errorText(t, errors[0])}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p className="hint" id={id}>
      {hint}
    </p>
  ) : null;
}

interface CommonProps {
  field: AnyField;
  label: string;
  hint?: string;
}

type InputType = 'text' | 'email' | 'password' | 'number' | 'url' | 'date' | 'time' | 'datetime-local' | 'search' | 'tel';

export function Field({ field, label, hint, type = 'text', ...input }: CommonProps & { type?: InputType } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name' | 'type' | 'id' | 'defaultValue'>) {
  const { key: _key, ...props } = getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <div className={`field${field.errors?.length ? ' has-error' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.descriptionId} hint={hint} />
      <input {...props} {...input} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({ field, label, hint, ...textarea }: CommonProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'defaultValue'>) {
  const { key: _key, ...props } = getTextareaProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <div className={`field${field.errors?.length ? ' has-error' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.descriptionId} hint={hint} />
      <textarea {...props} {...textarea} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

interface SelectFieldProps extends CommonProps, Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id' | 'defaultValue'> {
  options: { value: string; label: string; lang?: string }[];
}

export function SelectField({ field, label, hint, options, ...select }: SelectFieldProps) {
  const { key: _key, ...props } = getSelectProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <div className={`field${field.errors?.length ? ' has-error' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.descriptionId} hint={hint} />
      <select {...props} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function CheckboxField({ field, label, hint }: CommonProps) {

  const { key: _key, ...props } = getInputProps(field, { type: 'checkbox', ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <div className={`field checkbox${field.errors?.length ? ' has-error' : ''}`}>
      <input {...props} />
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.descriptionId} hint={hint} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

interface ChoiceOption {
  value: string;
  label: string;
  lang?: string;
  disabled?: boolean;
}

/** A fieldset of radio buttons (`type="radio"`) or checkboxes (`type="checkbox"`, several values). */
export function ChoiceGroup({ field, legend, hint, options, type = 'radio', className }: { field: AnyField; legend: string; hint?: string; options: ChoiceOption[]; type?: 'radio' | 'checkbox'; className?: string }) {
  const controls = getCollectionProps(field, { type, options: options.map((option) => option.value), ariaAttributes: false });
  const describedBy = [hint ? field.descriptionId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={field.errors?.length ? 'has-error' : undefined} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <Hint id={field.descriptionId} hint={hint} />
      <div className={className}>
        {controls.map(({ key: _key, ...props }, index) => (
          <label key={options[index].value} className="checkbox-label">
            <input {...props} disabled={options[index].disabled} /> <span lang={options[index].lang}>{options[index].label}</span>
          </label>
        ))}
      </div>
      <FieldError id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** A form-wide message (not tied to one field), announced when it appears. */
export function FormAlert({ errors }: { errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div className="alert alert-error" role="alert">
      {errorText(t, errors[0])}
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
