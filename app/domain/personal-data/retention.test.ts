/**
 * Each row of the retention table (docs/retention.md, RETENTION in retention.server.ts): what is older than
 * its period goes, what is younger stays; the daily job runs every rule it owns; the document lists every rule.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { createUser, createTownDirectly } from '../../../db/testing/factories';
import { createResident, createTownWithStaff, type Resident, type Town } from '../../../db/testing/personal-data-fixtures';
import { pruneRetained, RETENTION } from './retention.server';
import { buildDataExport, requestExport } from './export.server';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const rule = (key: string) => {
  const found = RETENTION.find((r) => r.key === key);
  if (!found) throw new Error(`no rule ${key}`);
  return found;
};

let town: Town;
let resident: Resident;

beforeAll(async () => {
  town = await createTownWithStaff('retention-town');
  resident = await createResident(town, 'Rita Retention');
});

describe('the retention table', () => {
  it('lists every rule in docs/retention.md', () => {
    const doc = fs.readFileSync('docs/retention.md', 'utf8');
    for (const r of RETENTION) expect(doc, r.key).toContain(`\`${r.key}\``);
  });

  it('unverified sign-ups: deleted 7 days after sign-up, confirmed accounts stay', async () => {
    const old = await createUser({ label: 'unverified-old', verified: false });
    const fresh = await createUser({ label: 'unverified-new', verified: false });
    await sql`update users set created_at = ${ago(8)} where id in (${old.userId}, ${resident.userId})`;
    await rule('unverified-sign-ups').prune(new Date());
    const left = await sql`select id from users where id in (${old.userId}, ${fresh.userId}, ${resident.userId})`;
    expect(left.map((r) => r.id).sort()).toEqual([fresh.userId, resident.userId].sort());
  });

  it('sessions: until they expire', async () => {
    await sql`insert into user_sessions (id, user_id, expires_at) values ('expired-session', ${resident.userId}, ${ago(1)}), ('live-session', ${resident.userId}, ${new Date(Date.now() + DAY)})`;
    await rule('sessions').prune(new Date());
    const left = await sql`select id from user_sessions where id in ('expired-session', 'live-session')`;
    expect(left.map((r) => r.id)).toEqual(['live-session']);
  });

  it('one-time links: 1 day after they expire', async () => {
    await sql`insert into user_tokens (token_hash, user_id, purpose, expires_at) values ('old-hash', ${resident.userId}, 'sign_in', ${ago(2)}), ('young-hash', ${resident.userId}, 'sign_in', ${ago(0.5)})`;
    await rule('one-time-links').prune(new Date());
    const left = await sql`select token_hash from user_tokens where token_hash in ('old-hash', 'young-hash')`;
    expect(left.map((r) => r.tokenHash)).toEqual(['young-hash']);
  });

  it('known devices: 400 days after last use', async () => {
    await sql`insert into known_devices (token_hash, user_id, last_used_at) values ('old-device', ${resident.userId}, ${ago(401)}), ('used-device', ${resident.userId}, ${ago(399)})`;
    await rule('known-devices').prune(new Date());
    const left = await sql`select token_hash from known_devices where token_hash in ('old-device', 'used-device')`;
    expect(left.map((r) => r.tokenHash)).toEqual(['used-device']);
  });

  it('mail outbox: 30 days, but never mail still waiting for delivery', async () => {
    const rows = await sql`
      insert into mail_outbox (recipient, subject, body_text, status, created_at) values
        ('a@example.org', 'old sent', 'x', 'sent', ${ago(31)}), ('b@example.org', 'old waiting', 'x', 'pending', ${ago(31)}),
        ('c@example.org', 'young', 'x', 'local', ${ago(29)}), ('d@example.org', 'old failed', 'x', 'failed', ${ago(31)})
      returning id, subject`;
    await rule('mail-outbox').prune(new Date());
    const left = await sql`select subject from mail_outbox where id in ${sql(rows.map((r) => r.id))} order by subject`;
    expect(left.map((r) => r.subject)).toEqual(['old waiting', 'young']);
  });

  it('throttling rows: 1 day', async () => {
    await sql`insert into throttle_events (bucket, occurred_at) values ('test:old', ${ago(1.1)}), ('test:young', ${ago(0.5)})`;
    await rule('throttling').prune(new Date());
    const left = await sql`select bucket from throttle_events where bucket like 'test:%'`;
    expect(left.map((r) => r.bucket)).toEqual(['test:young']);
  });

  it("guest reports: the address goes after 180 days, the report stays", async () => {
    const guest = await sql`select id from reports where reporter_email = ${resident.email}`;
    expect(guest).toHaveLength(1);
    const young = await sql`insert into reports (municipality_id, case_id, target_kind, post_id, reporter_email, category)
                             select municipality_id, case_id, target_kind, post_id, 'young@example.org', 'other' from reports where id = ${guest[0].id} returning id`;
    await sql`update reports set created_at = ${ago(181)} where id = ${guest[0].id}`;
    await rule('guest-report-addresses').prune(new Date());
    const rows = await sql`select id, reporter_email from reports where id in (${guest[0].id}, ${young[0].id}) order by id`;
    expect(rows.map((r) => r.reporterEmail)).toEqual([null, 'young@example.org']);
  });

  it('audit log: 3 years; younger rows still cannot be deleted', async () => {
    const townId = await createTownDirectly('retention-audit');
    await sql`insert into moderation_audit_log (municipality_id, action, created_at) values (${townId}, 'old', ${new Date(Date.now() - (3 * 365 + 2) * DAY)}), (${townId}, 'young', ${ago(2 * 365)})`;
    await rule('audit-log').prune(new Date());
    const left = await sql`select action from moderation_audit_log where municipality_id = ${townId}`;
    expect(left.map((r) => r.action)).toEqual(['young']);
    await expect(sql`delete from moderation_audit_log where municipality_id = ${townId}`).rejects.toThrow(/cannot be changed/);
  });

  it('exports: 7 days after they are ready', async () => {
    const { exportId } = await requestExport(resident.actor);
    await buildDataExport({ exportId });
    const second = await requestExport(resident.actor);
    await rule('exports').prune(new Date(Date.now() + 6 * DAY));
    expect((await sql`select id from data_exports where id in (${exportId}, ${second.exportId})`).length).toBe(2);
    await rule('exports').prune(new Date(Date.now() + 7 * DAY + 60_000));
    expect(await sql`select id from data_exports where id in (${exportId}, ${second.exportId})`).toEqual([]);
  });

  it('event answers: 30 days after the event; the registration stays', async () => {
    const pastEvent = (title: string, endedDaysAgo: number) => sql`
      insert into dialogue_events (municipality_id, format, mode, default_language, title, description_doc, description_html, description_text, starts_at, ends_at, time_zone, status)
      values (${town.townId}, 'workshop', 'in_person', 'de', ${title}, '{}', '', '', ${ago(endedDaysAgo + 0.1)}, ${ago(endedDaysAgo)}, 'Europe/Berlin', 'published') returning id`;
    const [[event], [recent]] = await Promise.all([pastEvent('Retention evening', 31), pastEvent('Recent evening', 29)]);
    await sql`insert into dialogue_registrations (event_id, user_id, status, code, answers) values
      (${event.id}, ${resident.userId}, 'confirmed', 'RETAKKK01', ${sql.json({ diet: 'vegetarisch' })}),
      (${recent.id}, ${resident.userId}, 'confirmed', 'RETAKKK02', ${sql.json({ diet: 'vegan' })})`;
    await rule('event-answers').prune(new Date());
    const rows = await sql`select code, answers from dialogue_registrations where code in ('RETAKKK01', 'RETAKKK02') order by code`;
    expect(rows).toEqual([{ code: 'RETAKKK01', answers: null }, { code: 'RETAKKK02', answers: { diet: 'vegan' } }]);
  });

  it('each scheduled job runs exactly the rules that name it, and the table names only scheduled jobs', async () => {
    const { CRONTAB } = await import('../../../server/jobs/tasks');
    for (const job of new Set(RETENTION.map((r) => r.job))) {
      expect(CRONTAB, job).toMatch(new RegExp(` ${job}(\\n|$)`));
      const pruned = await pruneRetained({ job });
      expect(Object.keys(pruned).sort(), job).toEqual(RETENTION.filter((r) => r.job === job).map((r) => r.key).sort());
    }
  });

  it('prune-expired as scheduled: expired sessions, stale devices and old throttling rows go, the rest stays', async () => {
    await sql`insert into throttle_events (bucket, occurred_at) values ('job:old', ${ago(2)}), ('job:young', ${ago(0.5)})`;
    await sql`insert into user_sessions (id, user_id, expires_at) values ('job-expired', ${resident.userId}, ${ago(1)}), ('job-live', ${resident.userId}, ${new Date(Date.now() + DAY)})`;
    await sql`insert into known_devices (token_hash, user_id, last_used_at) values ('job-stale', ${resident.userId}, ${ago(401)}), ('job-used', ${resident.userId}, ${ago(1)})`;
    const { TASK_LIST } = await import('../../../server/jobs/tasks');
    await (TASK_LIST['prune-expired'] as (payload: unknown, helpers: unknown) => Promise<unknown>)({}, { job: { attempts: 1, max_attempts: 1 }, logger: console });
    expect((await sql`select bucket from throttle_events where bucket like 'job:%'`).map((r) => r.bucket)).toEqual(['job:young']);
    expect((await sql`select id from user_sessions where id like 'job-%'`).map((r) => r.id)).toEqual(['job-live']);
    expect((await sql`select token_hash from known_devices where token_hash like 'job-%'`).map((r) => r.tokenHash)).toEqual(['job-used']);
  });
});
