/**
 * All mail goes into the outbox table inside the caller's transaction, then a worker delivers it: through
 * SMTP when SMTP_URL is set, otherwise it stays readable in the development mailbox (demo mode only).
 * Failed deliveries are retried with back-off, so nothing is lost while SMTP is down.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { sql, type Db } from '#app/db.server';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export async function enqueueMail(db: Db, mail: OutgoingMail): Promise<void> {
  await db`insert into mail_outbox (recipient, subject, body_text) values (${mail.to}, ${mail.subject}, ${mail.text})`;
}

let transport: Transporter | null = null;
const smtpTransport = () => (transport ??= nodemailer.createTransport(process.env.SMTP_URL!));
const MAIL_FROM = () => process.env.MAIL_FROM ?? 'Weltoffen <no-reply@weltoffen.invalid>';
const MAX_ATTEMPTS = 8;

/** Sends what is due. Returns how many were sent. Safe to run in several processes at once. */
export async function deliverDueMail(limit = 20): Promise<number> {
  if (!process.env.SMTP_URL) return 0;
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const delivered = await sql.begin(async (tx) => {
      const [mail] = await tx`
        select id, recipient, subject, body_text, attempts from mail_outbox
         where status = 'pending' and next_attempt_at <= now()
         order by next_attempt_at limit 1 for update skip locked`;
      if (!mail) return null;
      try {
        await smtpTransport().sendMail({ from: MAIL_FROM(), to: mail.recipient, subject: mail.subject, text: mail.bodyText });
        await tx`update mail_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null where id = ${mail.id}`;
        return true;
      } catch (error) {
        const attempts = mail.attempts + 1;
        await tx`
          update mail_outbox
             set attempts = ${attempts}, last_error = ${String(error).slice(0, 500)},
                 status = ${attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'},
                 next_attempt_at = now() + make_interval(secs => ${Math.min(3600, 15 * 2 ** attempts)})
           where id = ${mail.id}`;
        return false;
      }
    });
    if (delivered === null) break;
    if (delivered) sent++;
  }
  return sent;
}

export interface DevMail {
  id: number;
  recipient: string;
  subject: string;
  bodyText: string;
  createdAt: Date;
}

/** The development mailbox: the newest mail, for demo mode only (the route checks). */
export async function listDevMail(recipient?: string): Promise<DevMail[]> {
  return sql<DevMail[]>`
    select id, recipient, subject, body_text, created_at from mail_outbox
     where ${recipient ? sql`lower(recipient) = lower(${recipient})` : sql`true`}
     order by id desc limit 50`;
}
