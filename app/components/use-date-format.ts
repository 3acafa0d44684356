import { useTranslation } from 'react-i18next';

// Building an Intl.DateTimeFormat costs far more than using one: one per language and style, for the process.
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, options);
    formats.set(key, format);
  }
  return format;
}

/** Dates and times in the reader's language (loader data may bring them as Date or as ISO string). */
export function useDateFormat(options?: Intl.DateTimeFormatOptions) {
  const { i18n } = useTranslation();
  const format = dateTimeFormat(i18n.language, options);
  return (date: Date | string) => format.format(new Date(date));
}
