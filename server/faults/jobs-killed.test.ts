/**
 * Fault: the app process is killed with SIGKILL while scheduled work is waiting or running, and comes back
 * as two processes on the same database. A reminder that fell due meanwhile is sent exactly once; a mail
 * that was being handed to SMTP at the moment of the kill is delivered once, within seconds — not after
 * graphile-worker's four-hour lock expiry — because the survivors see its process is gone and give its
 * jobs back.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { createEvent, publishEvent } from '#app/domain/dialogues/events.server';
import { register } from '#app/domain/dialogues/registrations.server';
import { reminderKey } from '#app/domain/dialogues/waiting-list.server';
import { enqueue } from '#app/domain/jobs/queue.server';
import { buildIfStale } from '../build';
import { startServerProcess, type ServerProcess } from '../testing/live';
import { actorOf, createTownDirectly, createUser, grantRole } from '../../db/testing/factories';
import { eventInput } from '../../db/testing/dialogue-fixtures';
import { freePort } from '../../db/testing/free-port';
import { createSmtpCapture, type SmtpCapture } from '../../db/testing/smtp-capture';

const processes: ServerProcess[] = [];
let smtp: SmtpCapture;
let town: number;
let organiser: Actor;
let resident: Actor;

async function appProcess(): Promise<ServerProcess> {
  const server = await startServerProcess(await freePort(), { DATABASE_URL: process.env.DATABASE_URL!, SMTP_URL: smtp.url });
  processes.push(server);
  return server;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  await buildIfStale(() => {});
  smtp = await createSmtpCapture();
  town = await createTownDirectly('jobs-killed');
  const [o, r] = await Promise.all([createUser({ label: 'jobs-organiser' }), createUser({ label: 'jobs-resident' })]);
  await grantRole(o.userId, town, 'organiser');
  await grantRole(r.userId, town, 'member');
  [organiser, resident] = await Promise.all([actorOf(o.userId), actorOf(r.userId)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((server) => server.kill()));
  await smtp.stop();
});

describe('kill -9 with work on the queue', () => {
  it('sends a reminder that fell due while the app was dead exactly once, with two processes back', async () => {
    const startsAt = new Date(Date.now() + 25 * 3600_000);
    const { id: eventId } = await createEvent(organiser, { townId: town, ...eventInput() });
    await sql`update dialogue_events set starts_at = ${startsAt}, ends_at = ${new Date(startsAt.getTime() + 3600_000)} where id = ${eventId}`;
    await publishEvent(organiser, { townId: town, eventId });
    await register(resident, { townId: town, eventId, answers: {}, language: 'en' });
    const [registration] = await sql`select id from dialogue_registrations where event_id = ${eventId} and user_id = ${resident.userId}`;
    const key = reminderKey(registration.id, '24h');
    const [{ lastMail }] = await sql`select coalesce(max(id), 0)::int as last_mail from mail_outbox`;

    const first = await appProcess();
    await first.kill();
    // Due now: it fell due while no process was there.
    await sql`update graphile_worker._private_jobs set run_at = now() where key = ${key}`;
    await Promise.all([appProcess(), appProcess()]);

    const jobsLeft = async () => (await sql`select count(*)::int as n from graphile_worker.jobs where key = ${key}`)[0].n;
    await until(async () => (await jobsLeft()) === 0, 'the reminder to run');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // a second run would have written by now
    const reminders = await sql`select recipient from mail_outbox where id > ${lastMail} and lower(recipient) = lower(${resident.email})`;
    expect(reminders).toHaveLength(1);
    const [after] = await sql`select reminded_24h_at from dialogue_registrations where id = ${registration.id}`;
    expect(after.reminded24hAt).not.toBeNull();
  }, 120_000);

  it('delivers a mail that was being sent at the kill once, within seconds, and not four hours later', async () => {
    await Promise.all(processes.map((server) => server.kill()));
    // SMTP that takes the connection and never answers: the delivery job stays in the middle of sending.
    const stalled = new Set<net.Socket>();
    const stallingSmtp = net.createServer((socket) => stalled.add(socket));
    await new Promise<void>((resolve) => stallingSmtp.listen(smtp.port, '127.0.0.1', resolve));

    const subject = `Sent at the kill ${Date.now()}`;
    const [mail] = await sql`
      insert into mail_outbox (recipient, subject, body_text, status) values ('someone@weltoffen-mail.org', ${subject}, 'Hallo', 'pending') returning id`;
    const sending = await appProcess();
    await enqueue(sql, 'deliver-mail', { mailId: Number(mail.id) }, { key: `mail:${mail.id}`, maxAttempts: 10 });
    await until(async () => stalled.size > 0, 'the app to connect to SMTP');
    const [held] = await sql`select locked_by from graphile_worker.jobs where key = ${`mail:${mail.id}`}`;
    expect(held.lockedBy).toMatch(/^weltoffen-jobs:/);

    await sending.kill();
    for (const socket of stalled) socket.destroy();
    await new Promise<void>((resolve) => stallingSmtp.close(() => resolve()));
    await smtp.start();
    await Promise.all([appProcess(), appProcess()]);

    await smtp.waitFor((message) => message.raw.includes(subject), { timeoutMs: 30_000 });
    await until(async () => (await sql`select status from mail_outbox where id = ${mail.id}`)[0].status === 'sent', 'the outbox to record the delivery');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(smtp.messages.filter((message) => message.raw.includes(subject))).toHaveLength(1);
    expect((await sql`select count(*)::int as n from graphile_worker.jobs where key = ${`mail:${mail.id}`}`)[0].n).toBe(0);
  }, 120_000);
});
