/**
 * The incident log as personal data (decision 022): what an official's own export holds of it (opened with the
 * chain's own reading, never as ciphertext), what a trust person's export holds (references only — the
 * content is the owner's data), and the erasure of an official's log with their account. Called by the
 * personal-data registry only, inside its transactions.
 */
import type { Db, Tx } from '#app/database/client.server';
import type { AttachmentContent, IncidentRevisionContent, StatusFollowUpContent } from './evidence/record-content';
import { chainName, incidentRecords } from './chain.server';
import { incidentReference } from './schemas';

/** The official's own incidents, opened: every revision, follow-up, attachment (metadata), the reads of each. */
export async function ownIncidentLog(db: Db, ownerId: string): Promise<Record<string, unknown>[]> {
  const rows = await db`
    select i.id, i.number, i.created_at, i.kind as first_kind, m.slug as town
      from incidents i join municipalities m on m.id = i.municipality_id where i.owner_id = ${ownerId} order by i.id`;
  const log: Record<string, unknown>[] = [];
  for (const row of rows) {
    const records = await incidentRecords(db, Number(row.id));
    const reads = await db`
      select case when reader_id = ${ownerId} then 'you' when reader_id is null then 'former member' else 'a person you trust' end as reader,
             action, created_at
        from incident_access_log where incident_id = ${row.id} order by id`;
    log.push({
      reference: incidentReference(row.createdAt, row.number),
      town: row.town,
      createdAt: row.createdAt,
      revisions: records.filter((r) => r.kind === 'incident_revision').map((r) => ({ receivedAt: r.receivedAt, ...(r.content as IncidentRevisionContent) })),
      followUps: records.filter((r) => r.kind === 'status_follow_up').map((r) => ({ receivedAt: r.receivedAt, ...(r.content as StatusFollowUpContent) })),
      // Name, type, size and SHA-256 of each original; the bytes are in the case file.
      attachments: records.filter((r) => r.kind === 'attachment').map((r) => {
        const { fileName, mimeType, size, sha256, caption } = r.content as AttachmentContent;
        return { receivedAt: r.receivedAt, fileName, mimeType, size, sha256, caption };
      }),
      // Secured posts are other people's words and names: here only that and when; the case file has them.
      securedPosts: records.filter((r) => r.kind === 'evidence_snapshot').map((r) => ({ receivedAt: r.receivedAt, postId: r.postId })),
      chainRecords: records.map((r) => ({ sequence: r.sequence, kind: r.kind, recordHash: r.recordHash })),
      reads,
    });
  }
  return log;
}

export async function ownChain(db: Db, ownerId: string): Promise<Record<string, unknown>[]> {
  const rows = await db`select id, created_at from incident_chains where owner_id = ${ownerId}`;
  return rows.map((row) => ({ chain: chainName(Number(row.id)), createdAt: row.createdAt }));
}

/** The account's own reads of incidents (its own, or shared with it): by reference, never by owner. */
export async function readsBy(db: Db, readerId: string): Promise<Record<string, unknown>[]> {
  const rows = await db`
    select i.number, i.created_at as incident_created_at, m.slug as town, (i.owner_id = ${readerId}) as own, l.action, l.created_at
      from incident_access_log l join incidents i on i.id = l.incident_id join municipalities m on m.id = i.municipality_id
     where l.reader_id = ${readerId} order by l.id`;
  return rows.map((row) => ({
    incident: incidentReference(row.incidentCreatedAt, row.number), town: row.town, whose: row.own ? 'yours' : 'shared with you', action: row.action, at: row.createdAt,
  }));
}

/**
 * Trust: whom the official named (when, until when — not who: that is the other person's identity), and who
 * named this account, with the incidents it may read now, by reference only.
 */
export async function trustOf(db: Db, userId: string): Promise<Record<string, unknown>[]> {
  const rows = await db`select id, owner_id, created_at, revoked_at from incident_trust_persons where owner_id = ${userId} or trustee_id = ${userId} order by id`;
  const out: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (row.ownerId === userId) {
      out.push({ role: 'you named a trust person', since: row.createdAt, revokedAt: row.revokedAt });
      continue;
    }
    const readable = row.revokedAt
      ? []
      : await db`select i.number, i.created_at, m.slug as town from incidents i join municipalities m on m.id = i.municipality_id where i.owner_id = ${row.ownerId} order by i.id`;
    out.push({
      role: 'an official named you as trust person',
      since: row.createdAt,
      revokedAt: row.revokedAt,
      incidentsYouMayRead: readable.map((i) => ({ reference: incidentReference(i.createdAt, i.number), town: i.town })),
    });
  }
  return out;
}

/** The official's own incidents, for the notice on the deletion page (with links to their case files). */
export async function ownIncidentReferences(db: Db, ownerId: string): Promise<{ id: number; reference: string; townSlug: string }[]> {
  const rows = await db`
    select i.id, i.number, i.created_at, m.slug from incidents i join municipalities m on m.id = i.municipality_id
     where i.owner_id = ${ownerId} order by i.id`;
  return rows.map((row) => ({ id: Number(row.id), reference: incidentReference(row.createdAt, row.number), townSlug: row.slug }));
}

/**
 * The erasure of an account: its own incident log goes (records, originals, signatures, reads, the chain), and
 * in other officials' access logs it stays as a reader under its pseudonym. The one exception to the evidence
 * tables' append-only rule, made by the database function `erase_incident_log` (migration 00011).
 */
export async function eraseIncidentLog(tx: Tx, ownerId: string, pseudonym: string): Promise<number> {
  const [row] = await tx`select erase_incident_log(${ownerId}, ${pseudonym}) as removed`;
  return Number(row.removed);
}
