import { afterAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { sql } from '#app/db.server';
import { deliverDueMail, enqueueMail } from './outbox.server';
import { freePort } from '../../../db/testing/free-port';

const port = await freePort();
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
const received: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    let raw = '';
    stream.on('data', (chunk) => (raw += chunk));
    stream.on('end', () => {
      received.push(raw);
      callback();
    });
  },
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

describe('mail outbox', () => {
  it('keeps mail while SMTP is down and delivers it once SMTP is back', async () => {
    await enqueueMail(sql, { to: 'someone@example.org', subject: 'Outbox test', text: 'Hello' });

    expect(await deliverDueMail()).toBe(0); // nothing listens on the port yet
    const [waiting] = await sql`select status, attempts, last_error, next_attempt_at > now() as later from mail_outbox where subject = 'Outbox test'`;
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, later: true });
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);

    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    expect(await deliverDueMail()).toBe(0); // not due yet: back-off is respected
    await sql`update mail_outbox set next_attempt_at = now() where subject = 'Outbox test'`;
    expect(await deliverDueMail()).toBe(1);

    const [sent] = await sql`select status, attempts, sent_at from mail_outbox where subject = 'Outbox test'`;
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/Subject: Outbox test/);
    expect(received[0]).toMatch(/To: someone@example.org/);
  });
});
