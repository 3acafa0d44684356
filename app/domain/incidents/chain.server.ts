/**
 * The stored evidence chain of one official: appending a record (sealed at rest, hashed, linked, the new
 * head signed), reading records back, and verifying the whole chain from what the database holds.
 * Only incidents.server.ts and its siblings call this, after their own access checks.
 */
import type { Tx, Db } from '#app/database/client.server';
import { canonicalJson } from './evidence/canonical';
import { buildNextRecord, verifyChain, type ChainVerification, type EvidenceRecord, type NewEvidenceRecord } from './evidence/hash-chain';
import type { EvidenceRecordKind, RecordContentByKind } from './evidence/record-content';
import { signChainHead } from './evidence/signing.server';
import { incidentKeys } from './keys.server';

export const chainName = (chainId: number) => `weltoffen-chain-${chainId}`;
const recordAad = (chainId: number, sequence: number) => `incident-record:${chainId}:${sequence}`;
const blobAad = (chainId: number, sequence: number) => `incident-attachment:${chainId}:${sequence}`;

export interface StoredRecord<K extends EvidenceRecordKind = EvidenceRecordKind> extends EvidenceRecord {
  kind: K;
  chainId: number;
  incidentId: number;
  postId: number | null;
  content: RecordContentByKind[K];
}

/** The official's chain, locked for appending (made on first use). */
export async function lockChain(tx: Tx, ownerId: string): Promise<number> {
  await tx`insert into incident_chains (owner_id) values (${ownerId}) on conflict (owner_id) do nothing`;
  const [chain] = await tx`select id from incident_chains where owner_id = ${ownerId} for update`;
  return Number(chain.id);
}

const COLUMNS = 'chain_id, sequence, incident_id, kind, received_at, content_hash, previous_hash, record_hash, post_id';

const toRecord = (row: Record<string, unknown>): EvidenceRecord => ({
  sequence: Number(row.sequence),
  kind: row.kind as EvidenceRecordKind,
  receivedAt: row.receivedAt as string,
  contentHash: row.contentHash as string,
  previousHash: row.previousHash as string,
  recordHash: row.recordHash as string,
});

/** Appends one record to a locked chain; `bytes` are an attachment's original. */
export async function appendRecord(tx: Tx, chainId: number, incidentId: number, entry: NewEvidenceRecord, extra: { postId?: number; bytes?: Buffer } = {}): Promise<EvidenceRecord> {
  const { cipher, signing, fingerprint } = await incidentKeys();
  const [last] = await tx.unsafe(`select ${COLUMNS} from incident_records where chain_id = $1 order by sequence desc limit 1`, [chainId]);
  const record = await buildNextRecord(last ? toRecord(last) : null, entry);
  const sealed = cipher.encrypt(Buffer.from(canonicalJson(entry.content), 'utf8'), recordAad(chainId, record.sequence));
  await tx`
    insert into incident_records (chain_id, sequence, incident_id, kind, received_at, content_hash, previous_hash, record_hash, content, post_id)
    values (${chainId}, ${record.sequence}, ${incidentId}, ${record.kind}, ${record.receivedAt}, ${record.contentHash}, ${record.previousHash},
            ${record.recordHash}, ${sealed}, ${extra.postId ?? null})`;
  if (extra.bytes) {
    await tx`insert into incident_attachment_blobs (chain_id, sequence, bytes) values (${chainId}, ${record.sequence}, ${cipher.encrypt(extra.bytes, blobAad(chainId, record.sequence))})`;
  }
  const signed = signChainHead(signing, { chain: chainName(chainId), sequence: record.sequence, recordHash: record.recordHash });
  await tx`
    insert into incident_head_signatures (chain_id, sequence, message_text, signature, public_key_fingerprint)
    values (${chainId}, ${record.sequence}, ${signed.messageText}, ${signed.signature}, ${fingerprint})`;
  return record;
}

/** A sealed value opened; `null` when it no longer authenticates (changed in the database). */
async function open(sealed: Buffer, aad: string): Promise<Buffer | null> {
  const { cipher } = await incidentKeys();
  try {
    return cipher.decrypt(sealed, aad);
  } catch {
    return null;
  }
}

const parseContent = (plain: Buffer | null): unknown => {
  if (!plain) return { unreadable: true };
  try {
    return JSON.parse(plain.toString('utf8'));
  } catch {
    return { unreadable: true };
  }
};

/** The records of one incident, in chain order, with their content opened. */
export async function incidentRecords(db: Db, incidentId: number): Promise<StoredRecord[]> {
  const rows = await db.unsafe(`select ${COLUMNS}, content from incident_records where incident_id = $1 order by sequence`, [incidentId]);
  const records: StoredRecord[] = [];
  for (const row of rows) {
    const chainId = Number(row.chainId);
    const record = toRecord(row);
    records.push({ ...record, chainId, incidentId: Number(row.incidentId), postId: row.postId === null ? null : Number(row.postId), content: parseContent(await open(row.content, recordAad(chainId, record.sequence))) as never });
  }
  return records;
}

/** An attachment's original bytes (`null` if they no longer authenticate). */
export async function attachmentBytes(db: Db, chainId: number, sequence: number): Promise<Buffer | null> {
  const [row] = await db`select bytes from incident_attachment_blobs where chain_id = ${chainId} and sequence = ${sequence}`;
  return row ? open(row.bytes, blobAad(chainId, sequence)) : null;
}

/** Every record of a chain in stored order (no content), for the case file and verification. */
export async function chainRecords(db: Db, chainId: number): Promise<Array<EvidenceRecord & { incidentId: number }>> {
  const rows = await db.unsafe(`select ${COLUMNS} from incident_records where chain_id = $1 order by sequence`, [chainId]);
  return rows.map((row) => ({ ...toRecord(row), incidentId: Number(row.incidentId) }));
}

/**
 * Recomputes the whole chain from the database: every content opened and hashed, every original's bytes
 * hashed, every link checked. The answer is "intact" or the first record where it breaks.
 */
export async function verifyStoredChain(db: Db, chainId: number): Promise<ChainVerification & { records: number }> {
  const rows = await db.unsafe(`select ${COLUMNS}, content from incident_records where chain_id = $1 order by sequence`, [chainId]);
  const sealedBySequence = new Map(rows.map((row) => [Number(row.sequence), row.content as Buffer]));
  const result = await verifyChain(rows.map(toRecord), {
    contentOf: async (record) => {
      const sealed = sealedBySequence.get(record.sequence);
      return sealed ? parseContent(await open(sealed, recordAad(chainId, record.sequence))) : null;
    },
    bytesOf: async (record) => {
      const [row] = await db`select bytes from incident_attachment_blobs where chain_id = ${chainId} and sequence = ${record.sequence}`;
      if (!row) return null;
      // Sealed bytes that no longer open were changed: their own bytes never match the recorded SHA-256.
      return (await open(row.bytes, blobAad(chainId, record.sequence))) ?? new Uint8Array(row.bytes as Buffer);
    },
  });
  return { ...result, records: rows.length };
}

/** The latest signed head of a chain. */
export async function latestSignedHead(db: Db, chainId: number) {
  const [row] = await db`select sequence, message_text, signature, public_key_fingerprint from incident_head_signatures where chain_id = ${chainId} order by sequence desc limit 1`;
  return row ? { sequence: Number(row.sequence), messageText: row.messageText as string, signature: row.signature as string, fingerprint: row.publicKeyFingerprint as string } : null;
}
