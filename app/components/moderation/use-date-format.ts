import { useTranslation } from 'react-i18next';

/** Dates and times in the reader's language (loader data may bring them as Date or as ISO string). */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (date: Date | string) => format.format(new Date(date));
}
