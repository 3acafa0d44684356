/** Selbstcheck mail texts (invitations, advice status), in the recipient's language, through the outbox. */
import type { TFunction } from 'i18next';
import type { Db } from '#app/database/client.server';
import { getFixedT } from '#app/i18n/i18n.server';
import { enqueueMail } from '#app/domain/mail/outbox.server';

type Values = Record<string, string | number>;
type SelfcheckMail = 'invited' | 'adviceUpdated';

export async function sendSelfcheckMail(db: Db, template: SelfcheckMail, to: { email: string; language: string }, given: Values | ((t: TFunction) => Values)) {
  const t = getFixedT(to.language, ['selfcheck', 'mail']);
  const values = typeof given === 'function' ? given(t) : given;
  await enqueueMail(db, {
    to: to.email,
    subject: t(`selfcheck:mail.${template}.subject`, values),
    text: `${t(`selfcheck:mail.${template}.body`, values)}\n\n-- \n${t('mail:signature')}`,
  });
}
