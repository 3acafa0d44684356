/**
 * The outbox against a real SMTP server. SMTP_URL is read once per module graph (settings() caches), so the
 * app modules are imported only after it is set — once without SMTP, once with the capture server's address.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSmtpCapture, type SmtpCapture } from '../../../db/testing/smtp-capture';

import type { TaskName } from '#app/domain/jobs/tasks';

type OutboxModule = typeof import('./outbox.server');
/** The queue task that delivers one mail (typed, so a rename shows up in tsc). */
const DELIVER: TaskName = 'deliver-mail';
type Db = (typeof import('#app/database/client.server'))['sql'];

const pools: Db[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

/** A fresh module graph whose configuration has `smtpUrl` (or no SMTP at all). */
async function loadApp(smtpUrl: string | null): Promise<{ sql: Db; outbox: OutboxModule }> {
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  vi.resetModules();
  const { sql } = await import('#app/database/client.server');
  const outbox = await import('./outbox.server');
  pools.push(sql);
  return { sql, outbox };
}

async function mailRow(sql: Db, subject: string) {
  const [row] = await sql`select id, status, attempts, last_error, sent_at from mail_outbox where subject = ${subject}`;
  return row;
}

const deliveryJobs = (sql: Db, mailId: number) =>
  sql`select j.task_identifier, j.key, j.max_attempts, json_typeof(p.payload) as payload_type, p.payload
        from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
       where j.task_identifier = ${DELIVER} and j.key = ${`mail:${mailId}`}`;

const deliveryJobCount = async (sql: Db) =>
  (await sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = ${DELIVER}`)[0].n as number;

describe('without SMTP', () => {
  let sql: Db;
  let outbox: OutboxModule;
  beforeAll(async () => {
    ({ sql, outbox } = await loadApp(null));
  });

  it('keeps mail on this machine for the development mailbox and queues no delivery', async () => {
    const jobsBefore = await deliveryJobCount(sql);
    await outbox.enqueueMail(sql, { to: 'resident@weltoffen-buergerdialog.de', subject: 'Local mail', text: 'Hello' });
    const mail = await mailRow(sql, 'Local mail');
    expect(mail.status).toBe('local');
    expect(await deliveryJobCount(sql)).toBe(jobsBefore);
    expect((await outbox.listDevMail({ recipient: 'resident@weltoffen-buergerdialog.de' })).map((m) => m.subject)).toEqual(['Local mail']);
  });
});

describe('with SMTP', () => {
  let smtp: SmtpCapture;
  let sql: Db;
  let outbox: OutboxModule;
  beforeAll(async () => {
    smtp = await createSmtpCapture();
    ({ sql, outbox } = await loadApp(smtp.url));
  });
  afterAll(() => smtp.stop());

  it('queues one delivery job per mail, keyed by the mail, with the outbox attempt limit', async () => {
    await outbox.enqueueMail(sql, { to: 'queued@weltoffen-buergerdialog.de', subject: 'Queued mail', text: 'Hello' });
    const mail = await mailRow(sql, 'Queued mail');
    expect(mail.status).toBe('pending');
    const jobs = await deliveryJobs(sql, mail.id);
    expect(jobs.map(({ taskIdentifier, key, maxAttempts }) => ({ taskIdentifier, key, maxAttempts }))).toEqual([
      { taskIdentifier: DELIVER, key: `mail:${mail.id}`, maxAttempts: outbox.MAIL_ATTEMPTS },
    ]);
    // What server/jobs/tasks.ts parses: a JSON object with the mail's id.
    expect(jobs[0]).toMatchObject({ payloadType: 'object', payload: { mailId: mail.id } });
  });

  it('keeps mail while SMTP is down and delivers it once SMTP is back', async () => {
    await smtp.stop();
    await outbox.enqueueMail(sql, { to: 'someone@weltoffen-buergerdialog.de', subject: 'Outbox test', text: 'Hello' });
    const { id: mailId } = await mailRow(sql, 'Outbox test');
    const [job] = await deliveryJobs(sql, mailId);
    const run = (attempt: number) => outbox.deliverMail({ mailId, attempt, maxAttempts: job.maxAttempts });

    // Nothing listens on the port yet: the job fails (the queue retries it later) and the mail waits.
    await expect(run(1)).rejects.toThrow(/ECONNREFUSED/);
    const waiting = await mailRow(sql, 'Outbox test');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);

    await smtp.start();
    await expect(run(2)).resolves.toBe('sent');
    expect(await mailRow(sql, 'Outbox test')).toMatchObject({ status: 'sent', attempts: 2, lastError: null, sentAt: expect.any(Date) });
    const received = await smtp.waitFor((mail) => mail.to.includes('someone@weltoffen-buergerdialog.de'));
    expect(received.raw).toMatch(/^Subject: Outbox test$/m);
    expect(received.raw).toMatch(/^To: someone@weltoffen-buergerdialog\.de$/m);
    // A job that runs again after success sends nothing twice.
    await expect(run(3)).resolves.toBe('skipped');
    expect(smtp.messages.filter((mail) => mail.to.includes('someone@weltoffen-buergerdialog.de'))).toHaveLength(1);
  });

  it('marks the mail failed after the last attempt', async () => {
    await smtp.stop();
    await outbox.enqueueMail(sql, { to: 'unlucky@weltoffen-buergerdialog.de', subject: 'Last attempt', text: 'Hello' });
    const { id: mailId } = await mailRow(sql, 'Last attempt');
    const maxAttempts = outbox.MAIL_ATTEMPTS;
    await expect(outbox.deliverMail({ mailId, attempt: maxAttempts - 1, maxAttempts })).rejects.toThrow(/ECONNREFUSED/);
    expect(await mailRow(sql, 'Last attempt')).toMatchObject({ status: 'pending', attempts: maxAttempts - 1 });
    await expect(outbox.deliverMail({ mailId, attempt: maxAttempts, maxAttempts })).rejects.toThrow(/ECONNREFUSED/);
    expect(await mailRow(sql, 'Last attempt')).toMatchObject({ status: 'failed', attempts: maxAttempts });

    // A failed mail stays failed: SMTP coming back later sends nothing.
    await smtp.start();
    await expect(outbox.deliverMail({ mailId, attempt: maxAttempts, maxAttempts })).resolves.toBe('skipped');
    expect(smtp.messages.some((mail) => mail.to.includes('unlucky@weltoffen-buergerdialog.de'))).toBe(false);
  });

  it('never sends mail to reserved domains such as the demo addresses, and queues nothing for them', async () => {
    const jobsBefore = await deliveryJobCount(sql);
    await outbox.enqueueMail(sql, { to: 'someone@demo.weltoffen.example', subject: 'Demo mail', text: 'Hello' });
    const mail = await mailRow(sql, 'Demo mail');
    expect(mail.status).toBe('undeliverable');
    expect(await deliveryJobCount(sql)).toBe(jobsBefore);
    await smtp.start();
    await expect(outbox.deliverMail({ mailId: mail.id, attempt: 1, maxAttempts: outbox.MAIL_ATTEMPTS })).resolves.toBe('skipped');
    expect(smtp.messages.some((m) => m.to.includes('someone@demo.weltoffen.example'))).toBe(false);
  });
});
