/**
 * "Download your data" against a real PostgreSQL: the archive holds every covered table's rows of the
 * member and nothing of anyone else; only that account can download it, for 7 days; the member is told in
 * the app and by mail; the summary escapes whatever people wrote.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { listNotifications } from '#app/domain/forums/notifications.server';
import { createThread } from '#app/domain/posting/posting.server';
import { createResident, createTownWithStaff, doc, unzipText, type Resident, type Town } from '../../../db/testing/personal-data-fixtures';
import { SECTIONS } from './registry.server';
import { buildDataExport, EXPORTS_PER_DAY, getExportArchive, listExports, requestExport } from './export.server';

let town: Town;
let alice: Resident;
let bruno: Resident;
let files: Record<string, string>;
let exportId: number;
const expected = new Map<string, number>();

const notFound = { code: 'not_found', i18nKey: 'privacy:errors.exportNotFound' };

beforeAll(async () => {
  town = await createTownWithStaff('export-town');
  alice = await createResident(town, 'Alice Quellwasser');
  bruno = await createResident(town, 'Bruno Kieselstein', alice);
  // Markup in what a person wrote must come out as text in the summary.
  await createThread(alice.actor, { townId: town.townId, forumId: town.forum.id, title: '<script>alert(1)</script><img src=x onerror=alert(2)>', body: doc('<b>bold?</b>'), language: 'en' });
  ({ exportId } = await requestExport(alice.actor));
  // What the database holds of her when the job runs (building it then adds a notice and a mail).
  for (const section of SECTIONS) {
    for (const [table, rules] of Object.entries(section.tables)) {
      const columns = Object.entries(rules).filter(([, rule]) => rule.exported).map(([column]) => column);
      if (columns.length === 0) continue;
      const where = columns.map((c) => `"${c}" = $1 or lower("${c}") = lower($2)`).join(' or ');
      const [row] = await sql.unsafe(`select count(*)::int as n from "${table}" where ${where}`, [alice.userId, alice.email]);
      expected.set(table, row.n);
    }
  }
  expect(await buildDataExport({ exportId })).toBe('ready');
  files = await unzipText((await getExportArchive(alice.actor, { exportId })).bytes);
});

describe('the archive', () => {
  it('has one JSON file per section and a readable summary', () => {
    expect(Object.keys(files).sort()).toEqual([...SECTIONS.map((s) => `${s.name}.json`), 'index.html'].sort());
  });

  it("contains every covered table's rows of the member", () => {
    const empty: string[] = [];
    for (const section of SECTIONS) {
      const json = JSON.parse(files[`${section.name}.json`]) as { tables: Record<string, unknown[]> };
      for (const [table, rules] of Object.entries(section.tables)) {
        const columns = Object.entries(rules).filter(([, rule]) => rule.exported).map(([column]) => column);
        if (columns.length === 0) {
          expect(json.tables[table], `${table} has no exported column`).toBeUndefined();
          continue;
        }
        expect(json.tables[table], `${section.name}.json lacks ${table}`).toBeDefined();
        expect(json.tables[table].length, `${table}: rows in the database vs. in the export`).toBe(expected.get(table));
        if (expected.get(table) === 0) empty.push(table);
      }
    }
    // The fixture leaves something in every table but a deletion request (none was made); dialogue events,
    // incidents and self-check have their own fixture with rows in every table (sections-areas.test.ts).
    const areaTables = new Set(SECTIONS.filter((s) => ['dialogues', 'incidents', 'selfcheck'].includes(s.name)).flatMap((s) => Object.keys(s.tables)));
    expect(empty.filter((table) => !areaTables.has(table))).toEqual(['account_deletions']);
  });

  it('holds what the member wrote, with its history, and the reasons of decisions about them', () => {
    const forums = JSON.parse(files['forums.json']).tables;
    expect(forums.posts.map((p: { bodyText: string }) => p.bodyText)).toEqual(expect.arrayContaining(['Opening words by Alice Quellwasser, edited', 'Alice Quellwasser answers']));
    expect(forums.post_revisions[0].bodyHtml).toContain('Opening words by Alice Quellwasser');
    const moderation = JSON.parse(files['moderation.json']).tables;
    expect(moderation.moderation_decisions.map((d: { action: string }) => d.action).sort()).toEqual(['hide', 'warn']);
    expect(moderation.moderation_decisions[0].facts).toBe('The post insults another resident by name.');
    expect(moderation.appeals[0].text).toContain('disagree');
  });

  it('contains nothing of anyone else', () => {
    const everything = Object.values(files).join('\n');
    for (const value of [bruno.userId, bruno.email, 'Bruno Kieselstein', town.moderator.userId, town.moderator.displayName, town.moderator.email]) {
      expect(everything, value).not.toContain(value);
    }
    // No secrets either: no session ids, token or device hashes, password hash.
    expect(everything).not.toMatch(/argon2|passwordHash|tokenHash/i);
  });

  it('the summary shows what people wrote as text, never as markup', () => {
    const html = files['index.html'];
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Alice Quellwasser');
  });
});

describe('who may download, and for how long', () => {
  it('only the account itself: for everyone else it does not exist', async () => {
    for (const someone of [bruno.actor, town.moderator, town.admin, town.network]) {
      await expect(getExportArchive(someone, { exportId })).rejects.toMatchObject(notFound);
    }
    await expect(getExportArchive(null, { exportId })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(getExportArchive(alice.actor, { exportId: exportId + 1000 })).rejects.toMatchObject(notFound);
    expect(await listExports(bruno.actor)).toEqual([]);
    expect((await listExports(alice.actor)).map((e) => e.id)).toEqual([exportId]);
  });

  it('for 7 days', async () => {
    const [row] = await sql`select extract(epoch from expires_at - ready_at)::int as kept from data_exports where id = ${exportId}`;
    expect(row.kept).toBe(7 * 86_400);
    await sql`update data_exports set expires_at = now() - interval '1 second' where id = ${exportId}`;
    await expect(getExportArchive(alice.actor, { exportId })).rejects.toMatchObject(notFound);
    expect(await listExports(alice.actor)).toEqual([]);
    await sql`update data_exports set expires_at = now() + interval '7 days' where id = ${exportId}`;
  });

  it('the member is told in the app and by mail', async () => {
    expect((await listNotifications(alice.actor)).some((n) => n.kind === 'export_ready' && n.townName === null)).toBe(true);
    expect((await listNotifications(bruno.actor)).some((n) => n.kind === 'export_ready')).toBe(false);
    const mails = await sql`select body_text from mail_outbox where recipient = ${alice.email} and body_text like '%/account/privacy%'`;
    expect(mails).toHaveLength(1);
    // The notice's own mail is that one: the daily digest does not repeat it.
    const [notice] = await sql`select emailed_at from notifications where user_id = ${alice.userId} and kind = 'export_ready'`;
    expect(notice.emailedAt).not.toBeNull();
  });

  it('a second request while one is being built is the same request; a few a day at most', async () => {
    const first = await requestExport(bruno.actor);
    expect(await requestExport(bruno.actor)).toEqual(first);
    await buildDataExport(first);
    expect(await buildDataExport(first)).toBe('skipped');
    for (let i = 1; i < EXPORTS_PER_DAY; i++) await buildDataExport(await requestExport(bruno.actor));
    await expect(requestExport(bruno.actor)).rejects.toMatchObject({ code: 'throttled', i18nKey: 'privacy:errors.tooManyExports' });
    await expect(requestExport(null)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
