/** This area's mail, in the recipient's language (texts in locales/<lng>/privacy.json). */
import { getFixedT } from '#app/i18n/i18n.server';
import type { OutgoingMail } from '#app/domain/mail/outbox.server';

export function privacyMail(template: 'exportReady' | 'deletionScheduled', to: string, language: string, values: Record<string, string | number>): OutgoingMail {
  const t = getFixedT(language, ['privacy', 'mail']);
  return { to, subject: t(`privacy:mail.${template}.subject`, values), text: `${t(`privacy:mail.${template}.body`, values)}\n\n-- \n${t('mail:signature')}` };
}
