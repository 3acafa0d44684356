/**
 * The case file an official hands to the police or to legal aid: one ZIP that proves itself offline.
 *
 *   attachments/<n>-<name>  the originals, byte for byte
 *   chain.json              every chain record; content for this case, hashes only for other incidents
 *   chain-head.json/.sig    the signed head (exact signed bytes, raw 64-byte Ed25519 signature)
 *   public-key.pem          the key to check it with (its fingerprint is published by Weltoffen)
 *   verify.mjs, VERIFY.txt  the check, as a script and as steps with standard tools
 *   report.pdf              the printable report
 *   manifest.json, SHA256SUMS  every file with size and SHA-256
 *
 * Everything the report shows must be in the chain: the builder matches each item to its record by content
 * hash and refuses to export what it cannot match, a broken chain, or a head signature that does not hold.
 */
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { DomainError } from '#app/domain/errors';
import { canonicalJson } from './canonical';
import { CASE_FILE_VERIFIER } from './case-file-verifier';
import { renderCaseFileReport, type ReportFonts, type ReportInput, type Translate } from './case-file-report.server';
import { WITHHELD, hashContent, verifyChain, type EvidenceRecord } from './hash-chain';
import type { AttachmentContent, EvidenceRecordKind, EvidenceSnapshotContent, IncidentRevisionContent, StatusFollowUpContent } from './record-content';
import { publicKeyFingerprint, verifyChainHead, type ChainHeadMessage } from './signing.server';

export type { Translate } from './case-file-report.server';

export interface CaseFileIncident {
  /** Shown to people, e.g. "2026-007"; the chained contents refer to the incident by their `incident` id. */
  reference: string;
  /** Oldest first; the last one is the current state. */
  revisions: IncidentRevisionContent[];
  /** In the order they were recorded. */
  followUps: StatusFollowUpContent[];
  snapshots: EvidenceSnapshotContent[];
  attachments: Array<{ content: AttachmentContent; bytes: Buffer }>;
}

export interface CaseFile {
  /** Language of the report and VERIFY.txt; German police will usually want `de`. */
  locale: string;
  /** i18next's `t` for that locale (keys `incidents:caseFile.*`). */
  t: Translate;
  /** For showing times; stored times stay UTC. */
  timeZone?: string;
  generatedAt: Date;
  official: { displayName: string; role: string | null; town: string };
  incidents: CaseFileIncident[];
  /** The official's whole chain in stored order (records of other incidents are exported as hashes only). */
  chain: { id: string; records: EvidenceRecord[] };
  /** From signChainHead over the chain's last record, made for this export. */
  signedHead: { messageText: string; signature: string };
  publicKeyPem: string;
  /** The download's name as the route sends it; VERIFY.txt and the report quote it. Default `case-file.zip`. */
  fileName?: string;
  /** Overrides the report's font search (e.g. a font shipped with the app). */
  fonts?: ReportFonts;
}

interface PreparedFile {
  path: string;
  bytes: Buffer;
}

/**
 * Streams the case file as a ZIP. Everything is checked before the first byte is sent, so the promise rejects
 * (with a DomainError a route can show) instead of a download breaking off halfway.
 */
export async function createCaseFileZip(caseFile: CaseFile): Promise<Readable> {
  const files = await prepareCaseFile(caseFile);
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const output = new PassThrough();
  archive.on('error', (error) => output.destroy(error));
  archive.on('warning', (error) => output.destroy(error));
  archive.pipe(output);
  for (const file of files) archive.append(file.bytes, { name: file.path, date: caseFile.generatedAt });
  void archive.finalize().catch((error: Error) => output.destroy(error));
  return output;
}

/** All files of the case file, in order; `createCaseFileZip` only packs them. */
export async function prepareCaseFile(caseFile: CaseFile): Promise<PreparedFile[]> {
  const { t } = caseFile;
  const records = caseFile.chain.records;
  const head = records.at(-1);
  if (!head) throw new DomainError('invalid', 'incidents:caseFile.errors.empty');

  const signedHead = JSON.parse(caseFile.signedHead.messageText) as ChainHeadMessage;
  if (!verifyChainHead(caseFile.publicKeyPem, caseFile.signedHead)) throw new Error('Case file: the head signature does not verify with the given public key');
  if (canonicalJson(signedHead) !== caseFile.signedHead.messageText) throw new Error('Case file: the signed head is not canonical JSON');
  if (signedHead.chain !== caseFile.chain.id || signedHead.sequence !== head.sequence || signedHead.recordHash !== head.recordHash) {
    throw new Error('Case file: sign the chain\'s current last record for the export (signChainHead)');
  }

  // Match every item to its record by content hash: this is what ties the report to the signed chain.
  const byHash = new Map<string, { kind: EvidenceRecordKind; content: unknown; bytes?: Buffer }>();
  const hashOfItem = new Map<unknown, string>();
  const add = async (kind: EvidenceRecordKind, content: unknown, bytes?: Buffer) => {
    if (bytes && createHash('sha256').update(bytes).digest('hex') !== (content as AttachmentContent).sha256) {
      throw new DomainError('conflict', 'incidents:caseFile.errors.attachmentChanged', { fileName: (content as AttachmentContent).fileName });
    }
    const hash = await hashContent(content);
    byHash.set(hash, { kind, content, bytes });
    hashOfItem.set(content, hash);
  };
  for (const incident of caseFile.incidents) {
    for (const content of incident.revisions) await add('incident_revision', content);
    for (const content of incident.followUps) await add('status_follow_up', content);
    for (const content of incident.snapshots) await add('evidence_snapshot', content);
    for (const { content, bytes } of incident.attachments) await add('attachment', content, bytes);
  }
  const itemOf = (record: EvidenceRecord) => {
    const item = byHash.get(record.contentHash);
    return item && item.kind === record.kind ? item : undefined;
  };
  const firstRecordOf = new Map<string, EvidenceRecord>();
  for (const record of records) if (itemOf(record) && !firstRecordOf.has(record.contentHash)) firstRecordOf.set(record.contentHash, record);
  for (const [hash, item] of byHash) {
    if (!firstRecordOf.has(hash)) throw new DomainError('conflict', 'incidents:caseFile.errors.notInChain', { kind: item.kind });
  }

  const verification = await verifyChain(records, {
    contentOf: (record) => itemOf(record)?.content ?? WITHHELD,
    bytesOf: (record) => itemOf(record)?.bytes ?? WITHHELD,
  });
  if (!verification.intact) {
    throw new DomainError('conflict', 'incidents:caseFile.errors.chainBroken', { sequence: verification.firstBrokenSequence, reason: verification.reason });
  }

  const files: PreparedFile[] = [];
  // One file per distinct attachment: the same original recorded twice is one file proving both records.
  const pathByHash = new Map<string, string>();
  for (const { content, bytes } of caseFile.incidents.flatMap((incident) => incident.attachments)) {
    const hash = hashOfItem.get(content)!;
    if (pathByHash.has(hash)) continue;
    const path = `attachments/${pathByHash.size + 1}-${safeFileName(content.fileName)}`;
    pathByHash.set(hash, path);
    files.push({ path, bytes });
  }
  const pathOf = (content: AttachmentContent) => pathByHash.get(hashOfItem.get(content)!)!;

  const chainJson = {
    format: 'weltoffen-evidence-chain',
    version: 1,
    chain: caseFile.chain.id,
    rules: {
      canonicalJson: 'RFC 8785 (JCS): keys sorted by UTF-16 code units, no whitespace',
      contentHash: 'sha256(canonicalJson(content)); for an attachment, content.sha256 = sha256(file bytes)',
      recordHash: 'sha256(canonicalJson({sequence, kind, receivedAt, contentHash, previousHash}))',
      firstPreviousHash: '0'.repeat(64),
    },
    records: records.map((record) => {
      const item = itemOf(record);
      if (!item) return { ...record, withheld: true };
      return record.kind === 'attachment' ? { ...record, content: item.content, file: pathByHash.get(record.contentHash) } : { ...record, content: item.content };
    }),
  };
  files.push({ path: 'chain.json', bytes: Buffer.from(`${JSON.stringify(chainJson, null, 2)}\n`) });
  files.push({ path: 'chain-head.json', bytes: Buffer.from(caseFile.signedHead.messageText, 'utf8') });
  files.push({ path: 'chain-head.sig', bytes: Buffer.from(caseFile.signedHead.signature, 'base64') });
  files.push({ path: 'public-key.pem', bytes: Buffer.from(caseFile.publicKeyPem) });
  files.push({ path: 'verify.mjs', bytes: Buffer.from(CASE_FILE_VERIFIER) });

  const fingerprint = publicKeyFingerprint(caseFile.publicKeyPem);
  const unzipCommand = `unzip ${shellWord(caseFile.fileName ?? 'case-file.zip')} -d case-file`;
  files.push({ path: 'VERIFY.txt', bytes: Buffer.from(verifyInstructions(t, fingerprint, unzipCommand)) });

  const withRecord = <T>(content: T) => ({ content, record: firstRecordOf.get(hashOfItem.get(content)!)! });
  const report: ReportInput = {
    t,
    locale: caseFile.locale,
    timeZone: caseFile.timeZone ?? 'Europe/Berlin',
    generatedAt: caseFile.generatedAt,
    official: caseFile.official,
    fonts: caseFile.fonts,
    unzipCommand,
    incidents: caseFile.incidents.map((incident) => ({
      reference: incident.reference,
      revisions: incident.revisions.map(withRecord),
      followUps: incident.followUps.map(withRecord),
      snapshots: incident.snapshots.map(withRecord),
      attachments: incident.attachments.map(({ content }) => ({ ...withRecord(content), path: pathOf(content) })),
    })),
    integrity: {
      chain: caseFile.chain.id,
      records: records.length,
      withheld: verification.withheldSequences.length,
      head,
      signedAt: signedHead.signedAt,
      signature: caseFile.signedHead.signature,
      fingerprint,
    },
  };
  files.push({ path: 'report.pdf', bytes: await renderCaseFileReport(report) });

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const manifest = {
    format: 'weltoffen-case-file',
    version: 1,
    generatedAt: caseFile.generatedAt.toISOString(),
    chain: { id: caseFile.chain.id, records: records.length, headSequence: head.sequence, headRecordHash: head.recordHash },
    publicKeyFingerprint: fingerprint,
    files: files.map(({ path, bytes }) => ({ path, size: bytes.length, sha256: sha256(bytes) })),
  };
  files.push({ path: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) });
  // Two spaces between hash and name: exactly what `sha256sum -c` reads.
  files.push({ path: 'SHA256SUMS', bytes: Buffer.from(files.map(({ path, bytes }) => `${sha256(bytes)}  ${path}\n`).join('')) });
  return files;
}

/**
 * A name that is safe in any unzip tool and in a SHA256SUMS line: ASCII letters, digits, dot, dash and
 * underscore, German umlauts spelt out, at most 80 characters, the extension kept.
 */
export function safeFileName(name: string): string {
  const spelt = name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');
  const ascii = spelt.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const cleaned = ascii.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-');
  const dot = cleaned.lastIndexOf('.');
  const hasExtension = dot >= 0 && /^\.[A-Za-z0-9]{1,9}$/.test(cleaned.slice(dot));
  const extension = hasExtension ? cleaned.slice(dot) : '';
  const trim = (part: string) => part.replace(/^[-.]+|[-.]+$/g, '');
  const stem = trim(trim(hasExtension ? cleaned.slice(0, dot) : cleaned).slice(0, 80 - extension.length));
  return `${stem || 'file'}${extension}`;
}

function verifyInstructions(t: Translate, fingerprint: string, unzipCommand: string): string {
  const step = (n: number, key: string, commands: string[]) => [`${n}. ${t(`incidents:caseFile.verify.${key}`)}`, ...commands.map((c) => `     ${c}`), ''];
  return [
    t('incidents:caseFile.verify.heading'),
    '',
    t('incidents:caseFile.verify.intro'),
    '',
    t('incidents:caseFile.verify.fingerprintIs', { fingerprint }),
    '',
    ...step(1, 'unzip', [unzipCommand, 'cd case-file']),
    ...step(2, 'sums', ['sha256sum -c SHA256SUMS', 'shasum -a 256 -c SHA256SUMS   (macOS)']),
    ...step(3, 'signature', ['openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in chain-head.json -sigfile chain-head.sig']),
    ...step(4, 'fingerprint', ['openssl pkey -pubin -in public-key.pem -outform DER | sha256sum']),
    ...step(5, 'chain', ['node verify.mjs']),
    ...step(6, 'manual', ['sha256sum attachments/*']),
    t('incidents:caseFile.verify.note'),
    '',
  ].join('\n');
}

/** Quotes a file name for a shell command line only when it needs it. */
const shellWord = (word: string) => (/^[A-Za-z0-9._-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
