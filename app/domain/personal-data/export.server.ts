/**
 * "Download your data" (GDPR arts. 15 and 20): the member asks, a job builds the archive from every
 * section of the registry, the member is told (in the app and by mail), and the archive can be downloaded
 * by that account only — for anyone else it does not exist — for 7 days.
 */
import { sql, type Db } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { Actor, MaybeActor } from '#app/domain/auth/permissions';
import { publish } from '#app/domain/bus.server';
import { enqueue } from '#app/domain/jobs/queue.server';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { settings } from '#app/env.server';
import { SECTIONS } from './registry.server';
import { buildArchive, type ExportedSection } from './archive.server';
import { privacyMail } from './mail.server';
import { EXPORT_DAYS } from './schemas';
import type { Subject } from './sections/section.server';

export interface ExportView {
  id: number;
  status: 'pending' | 'ready' | 'failed';
  requestedAt: Date;
  readyAt: Date | null;
  expiresAt: Date | null;
  sizeBytes: number | null;
}

/** At most this many requests a day: building reads everything the person ever wrote. */
export const EXPORTS_PER_DAY = 5;

function requireSignedIn(actor: MaybeActor): Actor {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  return actor;
}

/** One event per town the member belongs to (or one for none): the counts of capability 5. */
export async function recordEvent(db: Db, kind: 'export' | 'deletion', userId: string): Promise<void> {
  await db`
    insert into personal_data_events (kind, municipality_id)
    select ${kind}, m.municipality_id from memberships m where m.user_id = ${userId}
    union all select ${kind}, null where not exists (select 1 from memberships where user_id = ${userId})`;
}

export async function requestExport(maybeActor: MaybeActor, _input: Record<string, never> = {}): Promise<{ exportId: number }> {
  const actor = requireSignedIn(maybeActor);
  return sql.begin(async (tx) => {
    await tx`select 1 from users where id = ${actor.userId} for update`;
    // A second click while one is being built is the same request.
    const [pending] = await tx`select id from data_exports where user_id = ${actor.userId} and status = 'pending'`;
    if (pending) return { exportId: Number(pending.id) };
    const [recent] = await tx`select count(*)::int as n from data_exports where user_id = ${actor.userId} and requested_at > now() - interval '1 day'`;
    if (recent.n >= EXPORTS_PER_DAY) throw new DomainError('throttled', 'privacy:errors.tooManyExports', { count: EXPORTS_PER_DAY });
    const [row] = await tx`insert into data_exports (user_id) values (${actor.userId}) returning id`;
    const exportId = Number(row.id);
    await recordEvent(tx, 'export', actor.userId);
    await enqueue(tx, 'build-data-export', { exportId }, { key: `data-export:${exportId}`, maxAttempts: 3 });
    return { exportId };
  });
}

/** Every section's rows for one account, read in one snapshot. */
export async function collectSections(subject: Subject): Promise<ExportedSection[]> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const sections: ExportedSection[] = [];
    for (const section of SECTIONS) sections.push({ name: section.name, tables: await section.export(tx, subject) });
    return sections;
  });
}

/** The job: builds the archive, stores it for 7 days, tells the member. */
export async function buildDataExport(input: { exportId: number; now?: Date }): Promise<'ready' | 'skipped'> {
  const [job] = await sql`
    select e.id, e.user_id, u.email, u.display_name, u.language from data_exports e join users u on u.id = e.user_id
     where e.id = ${input.exportId} and e.status = 'pending'`;
  if (!job) return 'skipped';
  const generatedAt = input.now ?? new Date();
  const sections = await collectSections({ userId: job.userId, email: job.email, displayName: job.displayName });
  const archive = await buildArchive({ language: job.language, displayName: job.displayName, generatedAt, sections });
  return sql.begin(async (tx): Promise<'ready' | 'skipped'> => {
    const [done] = await tx`
      update data_exports set status = 'ready', archive = ${archive}, size_bytes = ${archive.length}, ready_at = ${generatedAt},
                              expires_at = ${generatedAt}::timestamptz + make_interval(days => ${EXPORT_DAYS})
       where id = ${input.exportId} and status = 'pending' returning expires_at`;
    if (!done) return 'skipped';
    // Mailed on its own below, so the daily digest leaves it out (emailed_at).
    await tx`insert into notifications (user_id, municipality_id, kind, export_id, emailed_at) values (${job.userId}, null, 'export_ready', ${input.exportId}, now())`;
    await publish(tx, { type: 'notifications:created', userIds: [job.userId] });
    await enqueueMail(tx, privacyMail('exportReady', job.email, job.language, {
      name: job.displayName,
      link: `${settings().publicOrigin}/account/privacy`,
      days: EXPORT_DAYS,
    }));
    return 'ready';
  });
}

/** A job that gave up for good: the request is marked failed, so the member may ask again. */
export async function failDataExport(input: { exportId: number }): Promise<void> {
  await sql`update data_exports set status = 'failed' where id = ${input.exportId} and status = 'pending'`;
}

export async function listExports(maybeActor: MaybeActor): Promise<ExportView[]> {
  const actor = requireSignedIn(maybeActor);
  return sql<ExportView[]>`
    select id, status, requested_at, ready_at, expires_at, size_bytes
      from data_exports where user_id = ${actor.userId} and (expires_at is null or expires_at > now()) order by id desc limit 10`;
}

/** The archive, for its own account only, while it has not expired; otherwise "not found". */
export async function getExportArchive(maybeActor: MaybeActor, input: { exportId: number }): Promise<{ bytes: Buffer; fileName: string }> {
  const actor = requireSignedIn(maybeActor);
  const [row] = await sql`
    select archive, ready_at from data_exports
     where id = ${input.exportId} and user_id = ${actor.userId} and status = 'ready' and archive is not null and expires_at > now()`;
  if (!row) throw new DomainError('not_found', 'privacy:errors.exportNotFound');
  const day = (row.readyAt as Date).toISOString().slice(0, 10);
  return { bytes: row.archive as Buffer, fileName: `weltoffen-data-${day}.zip` };
}
