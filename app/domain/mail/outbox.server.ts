/**
 * All mail goes into the outbox table inside the caller's transaction, with a delivery job beside it: sent
 * through SMTP when SMTP_URL is set, retried with back-off while SMTP is down, so nothing is lost. Without
 * SMTP the mail stays on this machine for the development mailbox ("local") and is never sent later;
 * mail to reserved domains (.invalid, .example, .test, .localhost) is never sent at all — the demo's
 * addresses are such, so demo mail cannot reach a real inbox.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { sql, type Db } from '#app/database/client.server';
import { settings } from '#app/env.server';
import { enqueue } from '#app/domain/jobs/queue.server';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** e.g. a calendar file and the check-in QR code of an event registration; binary content as base64 */
  attachments?: { filename: string; contentType: string; content: string; encoding?: 'base64' }[];
}

const RESERVED_DOMAIN = /\.(invalid|example|test|localhost)$|^(example\.(com|net|org))$/i;

export const isReservedAddress = (address: string) => RESERVED_DOMAIN.test(address.split('@').pop()?.trim() ?? '');

export const MAIL_ATTEMPTS = 10;

export async function enqueueMail(db: Db, mail: OutgoingMail): Promise<void> {
  const status = isReservedAddress(mail.to) ? 'undeliverable' : settings().smtpUrl ? 'pending' : 'local';
  const [row] = await db`
    insert into mail_outbox (recipient, subject, body_text, status, attachments)
    values (${mail.to}, ${mail.subject}, ${mail.text}, ${status}, ${mail.attachments ? db.json(mail.attachments as never) : null})
    returning id`;
  if (status === 'pending') await enqueue(db, 'deliver-mail', { mailId: Number(row.id) }, { key: `mail:${row.id}`, maxAttempts: MAIL_ATTEMPTS });
}

let transport: Transporter | null = null;
const smtpTransport = () => (transport ??= nodemailer.createTransport(settings().smtpUrl!));

/**
 * The delivery job of one mail. Throws while SMTP refuses, so the queue tries again later (with growing
 * pauses); after the last attempt the mail is marked failed.
 */
export async function deliverMail(input: { mailId: number; attempt: number; maxAttempts: number }): Promise<'sent' | 'skipped'> {
  const [mail] = await sql`select id, recipient, subject, body_text, attachments, status from mail_outbox where id = ${input.mailId}`;
  if (!mail || mail.status !== 'pending') return 'skipped';
  try {
    await smtpTransport().sendMail({
      from: settings().mailFrom,
      to: mail.recipient,
      subject: mail.subject,
      text: mail.bodyText,
      attachments: (mail.attachments as OutgoingMail['attachments']) ?? undefined,
    });
  } catch (error) {
    const last = input.attempt >= input.maxAttempts;
    await sql`update mail_outbox set attempts = ${input.attempt}, last_error = ${String(error).slice(0, 500)}, status = ${last ? 'failed' : 'pending'}
               where id = ${input.mailId}`;
    throw error;
  }
  await sql`update mail_outbox set status = 'sent', sent_at = now(), attempts = ${input.attempt}, last_error = null where id = ${input.mailId}`;
  return 'sent';
}

export interface DevMail {
  id: number;
  recipient: string;
  subject: string;
  bodyText: string;
  createdAt: Date;
}

/** The development mailbox: the newest mail (the route lets only the person at this machine in). */
export async function listDevMail(input: { recipient?: string }): Promise<DevMail[]> {
  return sql<DevMail[]>`
    select id, recipient, subject, body_text, created_at from mail_outbox
     where ${input.recipient ? sql`lower(recipient) = lower(${input.recipient})` : sql`true`}
     order by id desc limit 50`;
}
