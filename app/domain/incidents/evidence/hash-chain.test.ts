import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import {
  GENESIS_PREVIOUS_HASH,
  WITHHELD,
  buildNextRecord,
  computeRecordHash,
  hashContent,
  describeAttachment,
  verifyChain,
  type ChainSources,
  type EvidenceRecord,
  type NewEvidenceRecord,
} from './hash-chain';

const bytes = new TextEncoder().encode('\x89PNG original screenshot bytes');

async function sampleChain() {
  const entries: NewEvidenceRecord[] = [
    {
      kind: 'incident_revision',
      receivedAt: new Date('2026-03-01T10:00:00.000Z'),
      content: {
        incident: '7', revision: 1, occurredAt: '2026-02-28T21:14:00.000Z', foundAt: '2026-03-01T08:30:00.000Z', foundBy: 'Anna Beispiel',
        channel: 'social_media', kind: 'threat', description: 'Wir wissen, wo du wohnst.', contentUrls: ['https://social.example/p/1'],
        author: '@hater', authorProfileUrl: 'https://social.example/@hater', severity: 'high',
      },
    },
    {
      kind: 'attachment',
      receivedAt: new Date('2026-03-01T10:01:00.000Z'),
      content: await describeAttachment(bytes, { incident: '7', fileName: 'screenshot.png', mimeType: 'image/png', caption: 'Thread' }),
    },
    {
      kind: 'evidence_snapshot',
      receivedAt: new Date('2026-03-01T10:02:00.000Z'),
      content: {
        incident: '7', capturedAt: '2026-03-01T10:02:00.000Z', capturedBy: 'Anna Beispiel', url: 'https://weltoffen.example/forum/t/3#p9', threadTitle: 'Haushalt',
        post: { author: 'Unbekannt', authorProfileUrl: null, postedAt: '2026-02-28T21:14:00.000Z', text: 'Wir wissen, wo du wohnst.' },
        context: [{ author: 'B', authorProfileUrl: null, postedAt: '2026-02-28T21:10:00.000Z', text: 'Vorher' }],
      },
    },
    {
      kind: 'status_follow_up',
      receivedAt: new Date('2026-03-02T09:00:00.000Z'),
      content: { incident: '7', at: '2026-03-02T08:00:00.000Z', status: 'reported', policeFileNumber: 'ST/0123456/2026', authority: 'Polizei Köln', note: null },
    },
    {
      kind: 'incident_revision',
      receivedAt: new Date('2026-03-03T09:00:00.000Z'),
      content: {
        incident: '7', revision: 2, occurredAt: '2026-02-28T21:14:00.000Z', foundAt: '2026-03-01T08:30:00.000Z', foundBy: 'Anna Beispiel',
        channel: 'social_media', kind: 'threat', description: 'Wir wissen, wo du wohnst. (Korrektur: zweimal gepostet)', contentUrls: ['https://social.example/p/1'],
        author: '@hater', authorProfileUrl: 'https://social.example/@hater', severity: 'high',
      },
    },
  ];
  const records: EvidenceRecord[] = [];
  for (const entry of entries) records.push(await buildNextRecord(records.at(-1) ?? null, entry));
  const contents = new Map<number, unknown>(records.map((record, index) => [record.sequence, entries[index].content]));
  const files = new Map<number, Uint8Array>([[2, bytes]]);
  return { records, contents, files };
}

type Sample = Awaited<ReturnType<typeof sampleChain>>;
const sourcesOf = ({ contents, files }: Pick<Sample, 'contents' | 'files'>) => ({
  contentOf: (record: EvidenceRecord) => contents.get(record.sequence),
  bytesOf: (record: EvidenceRecord) => files.get(record.sequence),
});
const flipHex = (hex: string, at = 10) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);
const clone = <T>(value: T): T => structuredClone(value);

describe('buildNextRecord', () => {
  it('numbers from 1, links to the previous record and hashes the fields as specified', async () => {
    const { records, contents } = await sampleChain();
    expect(records.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(records[0].previousHash).toBe(GENESIS_PREVIOUS_HASH);
    for (const [index, record] of records.entries()) {
      if (index > 0) expect(record.previousHash).toBe(records[index - 1].recordHash);
      // Recomputed with Node's own hash, independent of the module: the formula is what the case file documents.
      const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
      expect(record.contentHash).toBe(sha(canonicalJson(contents.get(record.sequence))));
      const { sequence, kind, receivedAt, contentHash, previousHash } = record;
      expect(record.recordHash).toBe(sha(canonicalJson({ sequence, kind, receivedAt, contentHash, previousHash })));
    }
    expect(records[1].receivedAt).toBe('2026-03-01T10:01:00.000Z');
  });

  it('puts the SHA-256 of the original bytes into attachment content', async () => {
    const content = await describeAttachment(bytes, { incident: '7', fileName: 'a.png', mimeType: 'image/png', caption: null });
    expect(content).toEqual({ incident: '7', fileName: 'a.png', mimeType: 'image/png', caption: null, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('refuses an invalid time and an attachment without its bytes hash', async () => {
    await expect(buildNextRecord(null, { kind: 'status_follow_up', receivedAt: new Date('nope'), content: { incident: '1', at: 'x', status: 'recorded', policeFileNumber: null, authority: null, note: null } })).rejects.toThrow(/invalid Date/);
    await expect(buildNextRecord(null, { kind: 'attachment', receivedAt: new Date(), content: { incident: '1', fileName: 'a', mimeType: 'x', size: 1, sha256: 'abc', caption: null } })).rejects.toThrow(/describeAttachment/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and returns its head', async () => {
    const sample = await sampleChain();
    await expect(verifyChain(sample.records, sourcesOf(sample))).resolves.toEqual({ intact: true, head: sample.records[4], withheldSequences: [] });
  });

  it('accepts an empty chain', async () => {
    await expect(verifyChain([], { contentOf: () => null, bytesOf: () => null })).resolves.toEqual({ intact: true, head: null, withheldSequences: [] });
  });

  const fieldChanges: Array<[keyof EvidenceRecord, (record: EvidenceRecord) => void, string]> = [
    ['sequence', (r) => void (r.sequence += 10), 'sequence-gap'],
    ['kind', (r) => void (r.kind = r.kind === 'attachment' ? 'incident_revision' : 'attachment'), 'record-hash-mismatch'],
    ['receivedAt', (r) => void (r.receivedAt = r.receivedAt.replace(':00.000Z', ':01.000Z')), 'record-hash-mismatch'],
    ['contentHash', (r) => void (r.contentHash = flipHex(r.contentHash)), 'record-hash-mismatch'],
    ['previousHash', (r) => void (r.previousHash = flipHex(r.previousHash)), 'link-broken'],
    ['recordHash', (r) => void (r.recordHash = flipHex(r.recordHash)), 'record-hash-mismatch'],
  ];

  describe.each([1, 2, 3, 4, 5])('record %i', (sequence) => {
    it.each(fieldChanges)('a changed %s is found there', async (_field, change, reason) => {
      const sample = await sampleChain();
      const records = clone(sample.records);
      change(records[sequence - 1]);
      await expect(verifyChain(records, sourcesOf(sample))).resolves.toEqual({ intact: false, firstBrokenSequence: sequence, reason });
    });

    it('a changed character of its content is found there', async () => {
      const sample = await sampleChain();
      const contents = new Map(sample.contents);
      const text = canonicalJson(contents.get(sequence));
      const at = text.indexOf('"incident":"7"') + '"incident":"'.length;
      contents.set(sequence, JSON.parse(`${text.slice(0, at)}8${text.slice(at + 1)}`));
      await expect(verifyChain(sample.records, sourcesOf({ contents, files: sample.files }))).resolves.toEqual({ intact: false, firstBrokenSequence: sequence, reason: 'content-changed' });
    });

    it('its removal is found there', async () => {
      const sample = await sampleChain();
      const records = sample.records.filter((r) => r.sequence !== sequence);
      const result = await verifyChain(records, sourcesOf(sample));
      // Removing the last record leaves a shorter intact chain: only the signed head (signing.server.ts) catches that.
      if (sequence === 5) expect(result).toMatchObject({ intact: true, head: sample.records[3] });
      else expect(result).toEqual({ intact: false, firstBrokenSequence: sequence, reason: 'sequence-gap' });
    });

    it('a content change with recomputed hashes breaks the next link', async () => {
      const sample = await sampleChain();
      const records = clone(sample.records);
      const contents = new Map(sample.contents);
      const forged = { ...(contents.get(sequence) as object), incident: 'forged' };
      contents.set(sequence, forged);
      const { recordHash: _old, ...rest } = records[sequence - 1];
      rest.contentHash = await hashContent(forged);
      records[sequence - 1] = { ...rest, recordHash: await computeRecordHash(rest) };
      const result = await verifyChain(records, sourcesOf({ contents, files: sample.files }));
      if (sequence === 5) expect(result).toMatchObject({ intact: true }); // the signature on the old head is what catches a rewritten tail
      else expect(result).toEqual({ intact: false, firstBrokenSequence: sequence + 1, reason: 'link-broken' });
    });
  });

  it.each([0, 5, bytes.length - 1])('a flipped attachment byte at %i is found at the attachment record', async (at) => {
    const sample = await sampleChain();
    const changed = Uint8Array.from(bytes);
    changed[at] ^= 0x01;
    await expect(verifyChain(sample.records, sourcesOf({ contents: sample.contents, files: new Map([[2, changed]]) }))).resolves.toEqual({ intact: false, firstBrokenSequence: 2, reason: 'attachment-bytes-changed' });
  });

  it.each([
    ['records 2 and 3 swapped', [0, 2, 1, 3, 4], 2],
    ['records 4 and 5 swapped', [0, 1, 2, 4, 3], 4],
    ['the first record moved to the end', [1, 2, 3, 4, 0], 1],
    ['a record repeated', [0, 1, 1, 2, 3, 4], 3],
  ])('finds %s and names the first place', async (_name, order, firstBrokenSequence) => {
    const sample = await sampleChain();
    const records = order.map((index) => sample.records[index]);
    await expect(verifyChain(records, sourcesOf(sample))).resolves.toEqual({ intact: false, firstBrokenSequence, reason: 'sequence-gap' });
  });

  it('reports missing content and missing bytes as such', async () => {
    const sample = await sampleChain();
    const contents = new Map(sample.contents);
    contents.delete(3);
    await expect(verifyChain(sample.records, sourcesOf({ contents, files: sample.files }))).resolves.toEqual({ intact: false, firstBrokenSequence: 3, reason: 'content-missing' });
    await expect(verifyChain(sample.records, sourcesOf({ contents: sample.contents, files: new Map() }))).resolves.toEqual({ intact: false, firstBrokenSequence: 2, reason: 'content-missing' });
  });

  it('treats content that lost its canonical form as changed', async () => {
    const sample = await sampleChain();
    const contents = new Map(sample.contents);
    contents.set(4, { ...(contents.get(4) as object), note: Number.NaN });
    await expect(verifyChain(sample.records, sourcesOf({ contents, files: sample.files }))).resolves.toEqual({ intact: false, firstBrokenSequence: 4, reason: 'content-changed' });
  });

  it('checks only the links of withheld records and lists them', async () => {
    const sample = await sampleChain();
    const sources: ChainSources = {
      contentOf: (record: EvidenceRecord) => (record.sequence === 3 || record.sequence === 2 ? WITHHELD : sample.contents.get(record.sequence)),
      bytesOf: () => WITHHELD,
    };
    await expect(verifyChain(sample.records, sources)).resolves.toEqual({ intact: true, head: sample.records[4], withheldSequences: [2, 3] });
    const records = clone(sample.records);
    records[2].receivedAt = '2020-01-01T00:00:00.000Z';
    await expect(verifyChain(records, sources)).resolves.toEqual({ intact: false, firstBrokenSequence: 3, reason: 'record-hash-mismatch' });
  });
});
