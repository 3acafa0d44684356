/**
 * The append-only evidence chain of one official. Each record commits to its content (`contentHash`) and to
 * the record before it (`previousHash`), so changing, removing or reordering anything already recorded breaks
 * every later link; signing the head (signing.server.ts) then pins the whole chain.
 *
 * Browser-safe: hashing uses Web Crypto (built into Node ≥ 20 and every browser), hence async.
 */
import { CanonicalJsonError, canonicalJson } from './canonical';
import type { AttachmentContent, EvidenceRecordKind, RecordContentByKind } from './record-content';

export { EVIDENCE_RECORD_KINDS, type EvidenceRecordKind } from './record-content';

export interface EvidenceRecord {
  sequence: number;
  kind: EvidenceRecordKind;
  /** Server time in UTC, `Date#toISOString()` form. Store it as this exact text: a re-rendered timestamp breaks the hash. */
  receivedAt: string;
  contentHash: string;
  previousHash: string;
  recordHash: string;
}

/** The `previousHash` of record 1. */
export const GENESIS_PREVIOUS_HASH = '0'.repeat(64);

const HEX_HASH = /^[0-9a-f]{64}$/;

export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  // Our bytes never sit on a SharedArrayBuffer; the cast only satisfies TypeScript's stricter BufferSource.
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of the canonical JSON of `content`. */
export const hashContent = async (content: unknown): Promise<string> => sha256Hex(canonicalJson(content));

// Content that no longer has a canonical form (say, a NaN read back from storage) has changed, by definition.
const hashContentOrNull = (content: unknown) =>
  hashContent(content).catch((error: unknown) => {
    if (error instanceof CanonicalJsonError) return null;
    throw error;
  });

/** The hash over the record's own fields: what `previousHash` of the next record points to. */
export function computeRecordHash(record: Omit<EvidenceRecord, 'recordHash'>): Promise<string> {
  const { sequence, kind, receivedAt, contentHash, previousHash } = record;
  return hashContent({ sequence, kind, receivedAt, contentHash, previousHash });
}

/** The chained metadata of an uploaded original; hashes the bytes so the caller cannot get it wrong. */
export async function describeAttachment(
  bytes: Uint8Array,
  metadata: Omit<AttachmentContent, 'sha256' | 'size'>,
): Promise<AttachmentContent> {
  const { incident, fileName, mimeType, caption } = metadata;
  return { incident, fileName, mimeType, caption, size: bytes.byteLength, sha256: await sha256Hex(bytes) };
}

export type NewEvidenceRecord = {
  [K in EvidenceRecordKind]: { kind: K; content: RecordContentByKind[K]; receivedAt: Date };
}[EvidenceRecordKind];

/**
 * The record that follows `previous` (`null` for a chain's first record). Appends must be serialised per
 * chain (lock the head row, or a unique (chain, sequence) constraint and retry), or two records share a place.
 */
export async function buildNextRecord(previous: EvidenceRecord | null, next: NewEvidenceRecord): Promise<EvidenceRecord> {
  if (Number.isNaN(next.receivedAt.getTime())) throw new RangeError('receivedAt is an invalid Date');
  if (next.kind === 'attachment' && !HEX_HASH.test(next.content.sha256)) {
    throw new RangeError('attachment content needs the SHA-256 of its bytes (use describeAttachment)');
  }
  const fields = {
    sequence: previous ? previous.sequence + 1 : 1,
    kind: next.kind,
    receivedAt: next.receivedAt.toISOString(),
    contentHash: await hashContent(next.content),
    previousHash: previous ? previous.recordHash : GENESIS_PREVIOUS_HASH,
  };
  return { ...fields, recordHash: await computeRecordHash(fields) };
}

export type ChainBreakReason =
  | 'sequence-gap'
  | 'link-broken'
  | 'record-hash-mismatch'
  | 'content-changed'
  | 'attachment-bytes-changed'
  | 'content-missing';

export type ChainVerification =
  | { intact: true; head: EvidenceRecord | null; withheldSequences: number[] }
  | { intact: false; firstBrokenSequence: number; reason: ChainBreakReason };

/** Marks content that is left out on purpose (another incident's, in a case file): only its links are checked. */
export const WITHHELD = Symbol('withheld');

type MaybeAsync<T> = T | Promise<T>;

export interface ChainSources {
  /** The stored content of a record (for an attachment, its metadata). `null`/`undefined` = missing. */
  contentOf: (record: EvidenceRecord) => MaybeAsync<unknown | typeof WITHHELD>;
  /** The original bytes of an attachment record. */
  bytesOf: (record: EvidenceRecord) => MaybeAsync<Uint8Array | null | undefined | typeof WITHHELD>;
}

/**
 * Recomputes every hash and link, in order, and stops at the first record that does not hold. Everything
 * before `firstBrokenSequence` is verified; for a missing or misplaced record it is the sequence that was
 * expected there. `records` must be in stored order — do not sort them, sorting would hide a reordering.
 */
export async function verifyChain(records: readonly EvidenceRecord[], sources: ChainSources): Promise<ChainVerification> {
  let previous: EvidenceRecord | null = null;
  const withheldSequences: number[] = [];
  for (const record of records) {
    const expected = previous ? previous.sequence + 1 : 1;
    const broken = (reason: ChainBreakReason): ChainVerification => ({ intact: false, firstBrokenSequence: expected, reason });

    if (record.sequence !== expected) return broken('sequence-gap');
    if (record.previousHash !== (previous ? previous.recordHash : GENESIS_PREVIOUS_HASH)) return broken('link-broken');
    if (record.recordHash !== (await computeRecordHash(record))) return broken('record-hash-mismatch');

    const content = await sources.contentOf(record);
    if (content === WITHHELD) {
      withheldSequences.push(record.sequence);
    } else {
      if (content === null || content === undefined) return broken('content-missing');
      if ((await hashContentOrNull(content)) !== record.contentHash) return broken('content-changed');
      if (record.kind === 'attachment') {
        const bytes = await sources.bytesOf(record);
        if (bytes === WITHHELD) withheldSequences.push(record.sequence);
        else if (!bytes) return broken('content-missing');
        else if ((await sha256Hex(bytes)) !== (content as Partial<AttachmentContent>).sha256) return broken('attachment-bytes-changed');
      }
    }
    previous = record;
  }
  return { intact: true, head: previous, withheldSequences };
}
