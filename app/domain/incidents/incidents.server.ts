/**
 * The incident log: an official records what happened, corrects it (a new revision), adds follow-ups and
 * originals, and reads it back with the people they trust. Everything written is a record in the official's
 * append-only evidence chain (chain.server.ts). Readability is one SQL rule (`incidentReadable`): the owner
 * and their current trust persons; for everyone else an incident does not exist. Every read is logged.
 */
import { sql, type Db, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { isOfficial, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import type { SniffedFile } from '#app/domain/files.server';
import { describeAttachment } from './evidence/hash-chain';
import type {
  AttachmentContent,
  EvidenceSnapshotContent,
  IncidentRevisionContent,
  IncidentStatus,
  StatusFollowUpContent,
} from './evidence/record-content';
import { appendRecord, attachmentBytes, chainName, incidentRecords, latestSignedHead, lockChain, verifyStoredChain, type StoredRecord } from './chain.server';
import { incidentKeys } from './keys.server';
import { incidentReference, zonedToUtc, type FollowUpInput, type IncidentInput } from './schemas';

const notFound = () => new DomainError('not_found', 'incidents:errors.notFound');

/** `incidents` row under `alias` is readable by the actor: its owner, or someone the owner trusts now. */
export function incidentReadable(actor: MaybeActor, alias = 'i') {
  if (!actor) return sql`false`;
  const i = sql(alias);
  return sql`(${i}.owner_id = ${actor.userId} or exists (
    select 1 from incident_trust_persons tp where tp.owner_id = ${i}.owner_id and tp.trustee_id = ${actor.userId} and tp.revoked_at is null))`;
}

/** Only officials (and town admins, who speak for the town) keep an incident log in a town. */
export function requireOfficial(actor: MaybeActor, townId: number): Actor {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!isOfficial(actor, townId)) throw new DomainError('forbidden', 'incidents:errors.notOfficial');
  return actor;
}

export interface IncidentRow {
  id: number;
  chainId: number;
  ownerId: string;
  ownerName: string;
  townId: number;
  townSlug: string;
  townName: string;
  townState: string;
  reference: string;
  createdAt: string;
}

async function findIncident(db: Db, actor: MaybeActor, incidentId: number, townId?: number): Promise<IncidentRow> {
  const [row] = await db`
    select i.id, i.chain_id, i.owner_id, u.display_name as owner_name, i.municipality_id as town_id, m.slug as town_slug, m.name as town_name,
           m.state as town_state, i.number, i.created_at
      from incidents i join users u on u.id = i.owner_id join municipalities m on m.id = i.municipality_id
     where i.id = ${incidentId} and ${townId === undefined ? db`true` : db`i.municipality_id = ${townId}`} and ${incidentReadable(actor)}`;
  if (!row) throw notFound();
  return {
    id: Number(row.id), chainId: Number(row.chainId), ownerId: row.ownerId, ownerName: row.ownerName, townId: Number(row.townId), townSlug: row.townSlug,
    townName: row.townName, townState: row.townState, reference: incidentReference(row.createdAt, row.number), createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** The incident, readable by the actor and owned by them (trust persons read, never write). */
async function ownIncident(tx: Tx, actor: MaybeActor, incidentId: number, townId?: number): Promise<IncidentRow> {
  const incident = await findIncident(tx, actor, incidentId, townId);
  if (incident.ownerId !== actor?.userId) throw new DomainError('forbidden', 'incidents:errors.ownerOnly');
  return incident;
}

const revisionContent = (incidentId: number, revision: number, input: IncidentInput): IncidentRevisionContent => ({
  incident: String(incidentId),
  revision,
  occurredAt: input.occurredAt ? zonedToUtc(input.occurredAt).toISOString() : null,
  foundAt: zonedToUtc(input.foundAt).toISOString(),
  foundBy: input.foundBy,
  channel: input.channel,
  kind: input.kind,
  description: input.description,
  contentUrls: input.contentUrls,
  author: input.author,
  authorProfileUrl: input.authorProfileUrl,
  severity: input.severity,
});

/** Creates an incident in `ownerId`'s log with its first revision (inside the caller's transaction). */
export async function createIncident(tx: Tx, ownerId: string, townId: number, input: IncidentInput): Promise<{ incidentId: number; chainId: number; reference: string }> {
  await incidentKeys(); // a missing key is refused before anything is written
  const chainId = await lockChain(tx, ownerId);
  const [{ next }] = await tx`select coalesce(max(number), 0) + 1 as next from incidents where owner_id = ${ownerId}`;
  const [row] = await tx`
    insert into incidents (chain_id, owner_id, municipality_id, number, kind)
    values (${chainId}, ${ownerId}, ${townId}, ${next}, ${input.kind}) returning id, created_at`;
  const incidentId = Number(row.id);
  await appendRecord(tx, chainId, incidentId, { kind: 'incident_revision', content: revisionContent(incidentId, 1, input), receivedAt: new Date() });
  return { incidentId, chainId, reference: incidentReference(row.createdAt, Number(next)) };
}

/** A new incident in the official's log (and its first originals, if given). */
export async function recordIncident(
  actor: MaybeActor,
  input: IncidentInput & { townId: number; files?: SniffedFile[]; caption?: string | null },
): Promise<{ incidentId: number; reference: string }> {
  const official = requireOfficial(actor, input.townId);
  await incidentKeys();
  return sql.begin(async (tx) => {
    const { incidentId, chainId, reference } = await createIncident(tx, official.userId, input.townId, input);
    for (const file of input.files ?? []) await appendAttachment(tx, chainId, incidentId, file, input.caption ?? null);
    return { incidentId, reference };
  });
}

async function appendAttachment(tx: Tx, chainId: number, incidentId: number, file: SniffedFile, caption: string | null) {
  const bytes = new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  const content = await describeAttachment(bytes, { incident: String(incidentId), fileName: file.name, mimeType: file.mediaType, caption });
  await appendRecord(tx, chainId, incidentId, { kind: 'attachment', content, receivedAt: new Date() }, { bytes: file.bytes });
}

/** A correction: a new revision; the earlier ones stay in the chain. */
export async function reviseIncident(actor: MaybeActor, input: IncidentInput & { incidentId: number; townId?: number }): Promise<void> {
  await sql.begin(async (tx) => {
    const incident = await ownIncident(tx, actor, input.incidentId, input.townId);
    await lockChain(tx, incident.ownerId);
    const [{ revisions }] = await tx`select count(*)::int as revisions from incident_records where incident_id = ${incident.id} and kind = 'incident_revision'`;
    await appendRecord(tx, incident.chainId, incident.id, { kind: 'incident_revision', content: revisionContent(incident.id, revisions + 1, input), receivedAt: new Date() });
  });
}

export async function addFollowUp(actor: MaybeActor, input: Omit<FollowUpInput, 'intent'> & { incidentId: number; townId?: number }): Promise<void> {
  // A report to the police is only worth recording with the file number it was given (for the case file).
  if (input.status === 'reported' && !input.policeFileNumber?.trim()) {
    throw new DomainError('invalid', 'incidents:errors.policeFileNumber', {}, 'policeFileNumber');
  }
  await sql.begin(async (tx) => {
    const incident = await ownIncident(tx, actor, input.incidentId, input.townId);
    await lockChain(tx, incident.ownerId);
    const content: StatusFollowUpContent = {
      incident: String(incident.id),
      at: zonedToUtc(input.at).toISOString(),
      status: input.status,
      policeFileNumber: input.policeFileNumber,
      authority: input.authority,
      note: input.note,
    };
    await appendRecord(tx, incident.chainId, incident.id, { kind: 'status_follow_up', content, receivedAt: new Date() });
  });
}

export async function addAttachments(actor: MaybeActor, input: { incidentId: number; townId?: number; files: SniffedFile[]; caption: string | null }): Promise<void> {
  if (input.files.length === 0) throw new DomainError('invalid', 'incidents:errors.noFile', {}, 'files');
  await sql.begin(async (tx) => {
    const incident = await ownIncident(tx, actor, input.incidentId, input.townId);
    await lockChain(tx, incident.ownerId);
    for (const file of input.files) await appendAttachment(tx, incident.chainId, incident.id, file, input.caption);
  });
}

/** Adds a frozen snapshot (built by evidence-posts.server.ts) to an incident the actor owns. */
export async function appendSnapshot(tx: Tx, actor: MaybeActor, incidentId: number, content: EvidenceSnapshotContent, postId: number): Promise<void> {
  const incident = await ownIncident(tx, actor, incidentId);
  await appendSnapshotTo(tx, incident.ownerId, incident.chainId, incident.id, content, postId);
}

export async function appendSnapshotTo(tx: Tx, ownerId: string, chainId: number, incidentId: number, content: EvidenceSnapshotContent, postId: number): Promise<void> {
  await lockChain(tx, ownerId);
  await appendRecord(tx, chainId, incidentId, { kind: 'evidence_snapshot', content, receivedAt: new Date() }, { postId });
}

export interface TimelineEntry {
  sequence: number;
  kind: StoredRecord['kind'];
  receivedAt: string;
  recordHash: string;
  postId: number | null;
  content: StoredRecord['content'];
}

export interface IncidentView {
  id: number;
  reference: string;
  town: { id: number; slug: string; name: string; state: string };
  owner: { name: string; isActor: boolean };
  current: IncidentRevisionContent;
  status: IncidentStatus;
  policeFileNumber: string | null;
  timeline: TimelineEntry[];
  attachments: Array<{ sequence: number; content: AttachmentContent }>;
  snapshots: Array<{ sequence: number; postId: number | null; content: EvidenceSnapshotContent }>;
  /** For the owner only: who read it when. */
  reads: Array<{ reader: string; action: string; at: string }> | null;
}

export type ReadAction = 'view' | 'case_file' | 'verify' | 'attachment' | 'list';

async function logRead(db: Db, actor: Actor, incidentId: number, action: ReadAction) {
  await db`insert into incident_access_log (incident_id, reader_id, action) values (${incidentId}, ${actor.userId}, ${action})`;
}

function summarise(records: StoredRecord[]) {
  const revisions = records.filter((r) => r.kind === 'incident_revision');
  const followUps = records.filter((r) => r.kind === 'status_follow_up').map((r) => r.content as StatusFollowUpContent);
  const last = followUps.at(-1);
  return {
    current: revisions.at(-1)!.content as IncidentRevisionContent,
    status: (last?.status ?? 'recorded') as IncidentStatus,
    policeFileNumber: [...followUps].reverse().find((f) => f.policeFileNumber)?.policeFileNumber ?? null,
  };
}

/** Not found unless the actor may read the incident (a check before an action; not logged as a read). */
export async function assertIncidentReadable(actor: MaybeActor, { incidentId, townId }: { incidentId: number; townId?: number }): Promise<void> {
  await findIncident(sql, actor, incidentId, townId);
}

/** Whether the town's incident area has anything for the actor: their own log, or incidents shared with them there. */
export async function hasIncidentLog(actor: MaybeActor, { townId }: { townId: number }): Promise<boolean> {
  if (!actor) return false;
  if (isOfficial(actor, townId)) return true;
  const [row] = await sql`select 1 from incidents i where i.municipality_id = ${townId} and ${incidentReadable(actor)} limit 1`;
  return !!row;
}

/** One incident with its whole timeline, for its owner or a trust person; the read is logged. */
export async function getIncident(actor: MaybeActor, { incidentId, townId }: { incidentId: number; townId?: number }): Promise<IncidentView> {
  const incident = await findIncident(sql, actor, incidentId, townId);
  const reader = actor!;
  await logRead(sql, reader, incident.id, 'view');
  const records = await incidentRecords(sql, incident.id);
  const isOwner = incident.ownerId === reader.userId;
  const reads = isOwner
    ? (
        await sql`select coalesce(u.display_name, l.reader_pseudonym) as display_name, l.action, l.created_at from incident_access_log l left join users u on u.id = l.reader_id
                   where l.incident_id = ${incident.id} order by l.id desc limit 50`
      ).map((row) => ({ reader: row.displayName as string, action: row.action as string, at: new Date(row.createdAt).toISOString() }))
    : null;
  return {
    id: incident.id,
    reference: incident.reference,
    town: { id: incident.townId, slug: incident.townSlug, name: incident.townName, state: incident.townState },
    owner: { name: incident.ownerName, isActor: isOwner },
    ...summarise(records),
    timeline: records.map(({ sequence, kind, receivedAt, recordHash, postId, content }) => ({ sequence, kind, receivedAt, recordHash, postId, content })),
    attachments: records.filter((r) => r.kind === 'attachment').map((r) => ({ sequence: r.sequence, content: r.content as AttachmentContent })),
    snapshots: records.filter((r) => r.kind === 'evidence_snapshot').map((r) => ({ sequence: r.sequence, postId: r.postId, content: r.content as EvidenceSnapshotContent })),
    reads,
  };
}

export interface IncidentListItem {
  id: number;
  reference: string;
  kind: string;
  severity: string;
  status: IncidentStatus;
  excerpt: string;
  foundAt: string;
  ownerName: string;
  mine: boolean;
}

/**
 * The actor's own incidents in a town, and those of officials who trust them there. Each item carries an excerpt
 * of the description, so for an incident of someone else (a trust person's list) the listing is a read: logged
 * as 'list', one row per incident shown, visible to its owner.
 */
export async function listIncidents(actor: MaybeActor, { townId }: { townId: number }): Promise<IncidentListItem[]> {
  if (!actor) return [];
  const rows = await sql`
    select i.id, i.owner_id, u.display_name as owner_name, i.number, i.created_at
      from incidents i join users u on u.id = i.owner_id
     where i.municipality_id = ${townId} and ${incidentReadable(actor)}
     order by i.id desc limit 200`;
  const items: IncidentListItem[] = [];
  for (const row of rows) {
    const summary = summarise(await incidentRecords(sql, Number(row.id)));
    items.push({
      id: Number(row.id),
      reference: incidentReference(row.createdAt, row.number),
      kind: summary.current.kind,
      severity: summary.current.severity,
      status: summary.status,
      excerpt: summary.current.description.slice(0, 200),
      foundAt: summary.current.foundAt,
      ownerName: row.ownerName,
      mine: row.ownerId === actor.userId,
    });
  }
  const shared = items.filter((item) => !item.mine).map((item) => item.id);
  if (shared.length) {
    await sql`insert into incident_access_log (incident_id, reader_id, action)
              select id, ${actor.userId}, 'list' from unnest(${sql.array(shared)}::bigint[]) as id`;
  }
  return items;
}

export interface ChainCheck {
  reference: string;
  chain: string;
  records: number;
  intact: boolean;
  firstBrokenSequence: number | null;
  reason: string | null;
  head: { sequence: number; recordHash: string; signedAt: string; signatureValid: boolean } | null;
  publicKeyPem: string;
  fingerprint: string;
}

/** Checks the chain the incident belongs to, from the stored bytes up; logged as a read. */
export async function verifyIncidentChain(actor: MaybeActor, { incidentId, townId }: { incidentId: number; townId?: number }): Promise<ChainCheck> {
  const incident = await findIncident(sql, actor, incidentId, townId);
  await logRead(sql, actor!, incident.id, 'verify');
  const { publicKeyPem, fingerprint } = await incidentKeys();
  const { verifyChainHead } = await import('./evidence/signing.server');
  const result = await verifyStoredChain(sql, incident.chainId);
  const signed = await latestSignedHead(sql, incident.chainId);
  let head: ChainCheck['head'] = null;
  if (signed) {
    const message = JSON.parse(signed.messageText) as { sequence: number; recordHash: string; signedAt: string };
    const matchesChain = result.intact && result.head !== null && result.head.sequence === message.sequence && result.head.recordHash === message.recordHash;
    head = { sequence: message.sequence, recordHash: message.recordHash, signedAt: message.signedAt, signatureValid: verifyChainHead(publicKeyPem, signed) && (matchesChain || !result.intact) };
  }
  return {
    reference: incident.reference,
    chain: chainName(incident.chainId),
    records: result.records,
    intact: result.intact,
    firstBrokenSequence: result.intact ? null : result.firstBrokenSequence,
    reason: result.intact ? null : result.reason,
    head,
    publicKeyPem,
    fingerprint,
  };
}

/** One original, byte for byte, for the owner or a trust person; logged as a read. */
export async function attachmentOriginal(
  actor: MaybeActor,
  { incidentId, townId, sequence }: { incidentId: number; townId?: number; sequence: number },
): Promise<{ bytes: Buffer; fileName: string; mimeType: string }> {
  const incident = await findIncident(sql, actor, incidentId, townId);
  const record = (await incidentRecords(sql, incident.id)).find((r) => r.sequence === sequence && r.kind === 'attachment');
  if (!record) throw notFound();
  const bytes = await attachmentBytes(sql, incident.chainId, sequence);
  const content = record.content as AttachmentContent;
  if (!bytes) throw new DomainError('conflict', 'incidents:caseFile.errors.attachmentChanged', { fileName: content.fileName });
  await logRead(sql, actor!, incident.id, 'attachment');
  return { bytes, fileName: content.fileName, mimeType: content.mimeType };
}

/** The key that signs every chain head, as the app shows it (no incident needed). */
export async function signingPublicKey(): Promise<{ publicKeyPem: string; fingerprint: string }> {
  const { publicKeyPem, fingerprint } = await incidentKeys();
  return { publicKeyPem, fingerprint };
}

export { findIncident as _findIncidentForCaseFile, logRead as _logRead };
