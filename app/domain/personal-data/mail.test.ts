/**
 * The mails of personal data through a real SMTP server (the outbox and its delivery job), in the member's
 * language: "your copy is ready" with the link to it, and "your account will be deleted on …" with the way back.
 * SMTP_URL is read once per module graph, so the app modules are imported after it is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpCapture, type SmtpCapture } from '../../../db/testing/smtp-capture';

let smtp: SmtpCapture;
type App = {
  sql: (typeof import('#app/database/client.server'))['sql'];
  outbox: typeof import('#app/domain/mail/outbox.server');
  accounts: typeof import('#app/domain/auth/accounts.server');
  factories: typeof import('../../../db/testing/factories');
  exports: typeof import('./export.server');
  deletion: typeof import('./deletion.server');
};
let app: App;

beforeAll(async () => {
  smtp = await createSmtpCapture();
  await smtp.start();
  process.env.SMTP_URL = smtp.url;
  app = {
    sql: (await import('#app/database/client.server')).sql,
    outbox: await import('#app/domain/mail/outbox.server'),
    accounts: await import('#app/domain/auth/accounts.server'),
    factories: await import('../../../db/testing/factories'),
    exports: await import('./export.server'),
    deletion: await import('./deletion.server'),
  };
});
afterAll(() => smtp.stop());

/** Delivers every mail waiting for `to`, as the queue's job would, and returns what SMTP received. */
async function deliverTo(to: string) {
  const waiting = await app.sql`select id from mail_outbox where recipient = ${to} and status = 'pending' order by id`;
  for (const row of waiting) await app.outbox.deliverMail({ mailId: row.id, attempt: 1, maxAttempts: 10 });
  return app.sql`select subject, body_text, status from mail_outbox where recipient = ${to} order by id`;
}

describe('personal-data mail', () => {
  it('reaches the member in their language, through the outbox', async () => {
    const email = `arzu-${process.pid}-${Date.now()}@weltoffen-buergerdialog.de`;
    const password = 'correct horse battery';
    await app.accounts.signUp(null, { email, password, displayName: 'Arzu', ...app.factories.testClient({ language: 'tr' }) });
    await deliverTo(email);
    await app.accounts.verifyEmail(null, { token: app.factories.tokenOf(await app.factories.linkFromMail(email, 'verify-email')) });
    const [user] = await app.sql`select id from users where email = ${email}`;
    const actor = await app.factories.actorOf(user.id);

    await app.exports.buildDataExport(await app.exports.requestExport(actor));
    const afterExport = await deliverTo(email);
    const ready = afterExport.at(-1)!;
    expect(ready).toMatchObject({ status: 'sent', subject: 'Verilerinizin kopyası hazır' });
    expect(ready.bodyText).toContain('/account/privacy');
    const received = await smtp.waitFor((mail) => mail.to.includes(email) && mail.raw.includes('/account/privacy'));
    expect(received.raw).toContain('Arzu');

    await app.deletion.requestDeletion(actor, { content: 'remove', currentPassword: password });
    const scheduled = (await deliverTo(email)).at(-1)!;
    expect(scheduled.status).toBe('sent');
    expect(scheduled.subject).toMatch(/^Hesabınız .+ tarihinde silinecek$/);
    expect(scheduled.bodyText).toContain('Hesabımı koru');
  });
});
