/**
 * The mails of a registration, written into the outbox inside the registration's own transaction (so a mail
 * exists exactly when the change committed). Each mail carries a fresh link token: the link opens the
 * registration's page, where the person confirms (a guest) or cancels without signing in. Only hashes are
 * stored.
 */
import type { Db } from '#app/database/client.server';
import { settings } from '#app/env.server';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { hashToken, newToken } from '#app/domain/auth/tokens.server';
import { getFixedT } from '#app/i18n/i18n.server';
import { isSupportedLanguage } from '#app/i18n/languages';
import { registrantCalendar } from './ics.server';
import { registrationCheckInUrl, registrationQrPng } from './qr.server';
import { formatCode } from './registration-code';
import { eventPath, pickLanguage, type EventTranslations } from './texts';
import { formatEventRange } from './time';

export type RegistrationMail = 'confirmed' | 'waiting' | 'promoted' | 'guestConfirm' | 'eventCancelled' | 'reminder24h' | 'reminder1h';

/** Mails that mean "you have a seat": they carry the calendar file with the join link and the QR code for the door. */
const WITH_CALENDAR: RegistrationMail[] = ['confirmed', 'promoted'];

export async function issueRegistrationToken(db: Db, registrationId: number): Promise<string> {
  const token = newToken();
  await db`insert into dialogue_registration_tokens (token_hash, registration_id) values (${hashToken(token)}, ${registrationId})`;
  return token;
}

export const registrationLink = (token: string) => `${settings().publicOrigin}/registration?token=${encodeURIComponent(token)}`;

export async function sendRegistrationMail(db: Db, registrationId: number, kind: RegistrationMail): Promise<void> {
  const [row] = await db`
    select r.id, r.code, r.language as registration_language, r.guest_name, r.guest_email, u.email, u.display_name, u.language as user_language,
           e.id as event_id, e.title, e.default_language, e.translations, e.starts_at, e.ends_at, e.time_zone, m.slug as town_slug
      from dialogue_registrations r join dialogue_events e on e.id = r.event_id
      left join users u on u.id = r.user_id left join municipalities m on m.id = e.municipality_id
     where r.id = ${registrationId}`;
  if (!row) return;
  const to: string = row.email ?? row.guestEmail;
  const language = isSupportedLanguage(row.userLanguage) ? row.userLanguage : isSupportedLanguage(row.registrationLanguage) ? row.registrationLanguage : 'de';
  const t = getFixedT(language, ['dialogues', 'mail']);
  const translations = row.translations as EventTranslations;
  const title = translations[pickLanguage({ defaultLanguage: row.defaultLanguage, translations }, language)]?.title ?? row.title;
  const token = await issueRegistrationToken(db, registrationId);
  const values = {
    name: row.displayName ?? row.guestName,
    title,
    when: formatEventRange(row.startsAt, row.endsAt, language, row.timeZone, { withZoneName: true }),
    code: formatCode(row.code),
    eventLink: `${settings().publicOrigin}${eventPath({ id: row.eventId, townSlug: row.townSlug })}`,
    link: registrationLink(token),
  };
  await enqueueMail(db, {
    to,
    subject: t(`mail.${kind}.subject`, values),
    text: `${t(`mail.${kind}.body`, values)}\n\n-- \n${t('mail:signature')}`,
    attachments: WITH_CALENDAR.includes(kind)
      ? [
          { filename: 'event.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: await registrantCalendar(db, row.eventId, language) },
          {
            filename: `check-in-${formatCode(row.code)}.png`,
            contentType: 'image/png',
            content: (await registrationQrPng(registrationCheckInUrl(eventPath({ id: row.eventId, townSlug: row.townSlug }), row.code))).toString('base64'),
            encoding: 'base64',
          },
        ]
      : undefined,
  });
}
