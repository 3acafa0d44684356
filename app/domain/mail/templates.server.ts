/** Mail texts, translated into the recipient's language. */
import { getFixedT } from '#app/i18n/i18n.server';
import type { OutgoingMail } from './outbox.server';

type Template = 'verifyEmail' | 'alreadyRegistered' | 'resetPassword' | 'signInLink' | 'invitation' | 'accessibilityFeedback' | 'notificationDigest'
  | 'reportReceived'
  | 'moderationDecision'
  | 'appealOutcome'
  | 'reportOutcomeGuest'
  | 'questionDecisionGuest';

export function renderMail(template: Template, to: string, language: string, values: Record<string, string | number>): OutgoingMail {
  const t = getFixedT(language, 'mail');
  return {
    to,
    subject: t(`${template}.subject`, values),
    text: `${t(`${template}.body`, values)}\n\n-- \n${t('signature')}`,
  };
}
