import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { inflateSync } from 'node:zlib';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import de from '../../../../locales/de/incidents.json';
import en from '../../../../locales/en/incidents.json';
import { createCaseFileZip, prepareCaseFile, safeFileName, type CaseFile, type CaseFileIncident } from './case-file.server';
import { buildNextRecord, describeAttachment, type EvidenceRecord, type NewEvidenceRecord } from './hash-chain';
import type { IncidentRevisionContent, StatusFollowUpContent } from './record-content';
import { loadSigningKey, publicKeyPem, signChainHead, type SigningKey } from './signing.server';

const FILE_NUMBER = 'ST/0123456/2026';

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

async function translator(lng: 'de' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { de: { incidents: de }, en: { incidents: en } }, interpolation: { escapeValue: false } });
  return instance.t.bind(instance) as CaseFile['t'];
}

const png = (label: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(label), Buffer.from([0, 255, 13, 10])]);

const revision = (incident: string, number: number, description: string): IncidentRevisionContent => ({
  incident, revision: number, occurredAt: '2026-02-28T21:14:00.000Z', foundAt: '2026-03-01T07:30:00.000Z', foundBy: 'Anna Beispiel (Bürgermeisterin)',
  channel: 'social_media', kind: 'threat', description, contentUrls: ['https://social.example/posts/1234567890', 'https://social.example/posts/1234567891'],
  author: '@wutbuerger_88', authorProfileUrl: 'https://social.example/@wutbuerger_88', severity: 'high',
});

/** A chain with two incidents: the case file is for incident 7; incident 8's entries must be withheld. */
async function buildCase(key: SigningKey) {
  const screenshot = png('thread screenshot');
  const profile = png('profile screenshot');
  const other = png('other incident');
  const followUp: StatusFollowUpContent = { incident: '7', at: '2026-03-02T08:00:00.000Z', status: 'reported', policeFileNumber: FILE_NUMBER, authority: 'Polizeipräsidium Köln, KK 14', note: 'Online-Anzeige erstattet.' };
  const incident: CaseFileIncident = {
    reference: '2026-007',
    revisions: [
      revision('7', 1, 'Unter meinem Beitrag zum Haushalt: „Wir wissen, wo du wohnst. Pass auf deine Kinder auf.“'),
      revision('7', 2, 'Unter meinem Beitrag zum Haushalt: „Wir wissen, wo du wohnst. Pass auf deine Kinder auf.“ Derselbe Text kam am 1. März per E-Mail. Русский: Мы знаем. العربية: نحن نعرف أين تعيش (2026)\nنحن نعرف أين تعيش، رقم الملف ST/0123456/2026 لدى Polizei Köln.\nفارسی: ما می‌دانیم کجا زندگی می‌کنی.'),
    ],
    followUps: [followUp],
    snapshots: [{
      incident: '7', capturedAt: '2026-03-01T07:35:00.000Z', capturedBy: 'Anna Beispiel', url: 'https://weltoffen.example/forum/haushalt/t/31#p9', threadTitle: 'Haushalt 2026',
      post: { author: 'wutbuerger_88', authorProfileUrl: null, postedAt: '2026-02-28T21:14:00.000Z', text: 'Wir wissen, wo du wohnst.' },
      context: [{ author: 'Karl M.', authorProfileUrl: null, postedAt: '2026-02-28T21:10:00.000Z', text: 'Ich finde den Haushalt gut.' }],
    }],
    attachments: [
      { bytes: screenshot, content: await describeAttachment(screenshot, { incident: '7', fileName: 'Bildschirmfoto Thread (März).png', mimeType: 'image/png', caption: 'Thread mit der Drohung' }) },
      { bytes: profile, content: await describeAttachment(profile, { incident: '7', fileName: 'profil.png', mimeType: 'image/png', caption: 'Profil des Urhebers' }) },
    ],
  };
  const otherRevision = revision('8', 1, 'Anderer Vorfall, nicht Teil dieser Fallakte.');
  const otherAttachment = await describeAttachment(other, { incident: '8', fileName: 'x.png', mimeType: 'image/png', caption: null });
  const entries: NewEvidenceRecord[] = [
    { kind: 'incident_revision', content: incident.revisions[0], receivedAt: new Date('2026-03-01T07:40:00.000Z') },
    { kind: 'attachment', content: incident.attachments[0].content, receivedAt: new Date('2026-03-01T07:41:00.000Z') },
    { kind: 'incident_revision', content: otherRevision, receivedAt: new Date('2026-03-01T09:00:00.000Z') },
    { kind: 'evidence_snapshot', content: incident.snapshots[0], receivedAt: new Date('2026-03-01T07:42:00.000Z') },
    { kind: 'attachment', content: otherAttachment, receivedAt: new Date('2026-03-01T09:01:00.000Z') },
    { kind: 'attachment', content: incident.attachments[1].content, receivedAt: new Date('2026-03-01T10:00:00.000Z') },
    { kind: 'status_follow_up', content: followUp, receivedAt: new Date('2026-03-02T09:00:00.000Z') },
    { kind: 'incident_revision', content: incident.revisions[1], receivedAt: new Date('2026-03-03T09:00:00.000Z') },
  ];
  const records: EvidenceRecord[] = [];
  for (const entry of entries) records.push(await buildNextRecord(records.at(-1) ?? null, entry));
  const head = records.at(-1)!;
  const caseFile: CaseFile = {
    locale: 'de',
    t: await translator('de'),
    generatedAt: new Date('2026-03-04T12:00:00.000Z'),
    official: { displayName: 'Anna Beispiel', role: 'Bürgermeisterin', town: 'Musterstadt' },
    incidents: [incident],
    chain: { id: 'chain-official-42', records },
    signedHead: signChainHead(key, { chain: 'chain-official-42', sequence: head.sequence, recordHash: head.recordHash }, new Date('2026-03-04T12:00:00.000Z')),
    publicKeyPem: publicKeyPem(key),
  };
  return { caseFile, originals: [screenshot, profile] };
}

async function writeFiles(folder: string, files: Array<{ path: string; bytes: Buffer }>) {
  for (const file of files) {
    await fs.mkdir(path.dirname(path.join(folder, file.path)), { recursive: true });
    await fs.writeFile(path.join(folder, file.path), file.bytes);
  }
}

/** Text shown on the PDF's pages: content streams decoded through the fonts' ToUnicode maps (or as Latin-1). */
function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  // pdfkit ends a stream's data with "\n" before "endstream"; compressed data may itself end in "\r", which the
  // pattern would otherwise take for a line end (1 in 256 streams), so that byte is tried both ways.
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)(\r?)\nendstream/g)].map((m) => {
    for (const data of [m[1], m[1] + m[2]]) {
      try {
        return inflateSync(Buffer.from(data, 'latin1')).toString('latin1');
      } catch {
        // not deflated, or this was not where the data ends
      }
    }
    return m[1];
  });
  const maps = streams.filter((s) => s.includes('beginbfrange') || s.includes('beginbfchar')).map((cmap) => {
    const map = new Map<number, string>();
    // Ligatures map one code to several characters: <0066 0069> is "fi".
    const hexText = (hex: string) => String.fromCodePoint(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    for (const [, from, list] of cmap.matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
      [...list.matchAll(/<([0-9a-f\s]*)>/gi)].forEach((item, index) => map.set(parseInt(from, 16) + index, hexText(item[1])));
    }
    return map;
  });
  const content = streams.filter((s) => /\bTJ\b|\bTj\b/.test(s));
  const decodings = [...maps.map((map) => (hex: string) => (hex.match(/.{4}/g) ?? []).map((h) => map.get(parseInt(h, 16)) ?? '').join('')), (hex: string) => Buffer.from(hex, 'hex').toString('latin1')];
  return decodings.map((decode) =>
    content.map((s) => [...s.matchAll(/\[((?:[^\]]*))\]\s*TJ|<([0-9a-f]*)>\s*Tj/gi)].map((m) => (m[1] ? [...m[1].matchAll(/<([0-9a-f]*)>/gi)].map((h) => decode(h[1])).join('') : decode(m[2]))).join('\n')).join('\n'),
  );
}

describe('case file', () => {
  let dir: string;
  let key: SigningKey;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'case-file-'));
    key = loadSigningKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('verifies offline with the documented steps, and fails them after one flipped byte', async () => {
    const { caseFile, originals } = await buildCase(key);
    const zip = path.join(dir, 'case-file.zip');
    await pipeline(await createCaseFileZip(caseFile), createWriteStream(zip));
    const folder = path.join(dir, 'case-file');

    expect(await run('unzip', ['-q', 'case-file.zip', '-d', 'case-file'], dir)).toMatchObject({ code: 0 });
    const names = (await fs.readdir(folder)).sort();
    expect(names).toEqual(['SHA256SUMS', 'VERIFY.txt', 'attachments', 'chain-head.json', 'chain-head.sig', 'chain.json', 'manifest.json', 'public-key.pem', 'report.pdf', 'verify.mjs']);
    const attachments = (await fs.readdir(path.join(folder, 'attachments'))).sort();
    expect(attachments).toEqual(['1-Bildschirmfoto-Thread-Maerz.png', '2-profil.png']);
    for (const [index, name] of attachments.entries()) expect(await fs.readFile(path.join(folder, 'attachments', name))).toEqual(originals[index]);

    const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], folder);
    expect(sums).toMatchObject({ code: 0 });
    expect(sums.output.trim().split('\n')).toHaveLength(10);
    const signature = await run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'chain-head.json', '-sigfile', 'chain-head.sig'], folder);
    expect(signature).toMatchObject({ code: 0, output: expect.stringContaining('Signature Verified Successfully') });
    const script = await run(process.execPath, ['verify.mjs'], folder);
    expect(script).toMatchObject({ code: 0, output: expect.stringContaining('RESULT: OK') });
    expect(script.output).toContain('8 records');
    expect(script.output).toContain('2 belong to other incidents');

    // The fingerprint that VERIFY.txt tells people to compare is the one openssl computes.
    const fingerprint = await run('sh', ['-c', 'openssl pkey -pubin -in public-key.pem -outform DER | sha256sum'], folder);
    const verifyText = await fs.readFile(path.join(folder, 'VERIFY.txt'), 'utf8');
    expect(verifyText).toContain(fingerprint.output.slice(0, 32).match(/.{4}/g)!.join(' '));
    for (const command of ['unzip case-file.zip -d case-file', 'sha256sum -c SHA256SUMS', 'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in chain-head.json -sigfile chain-head.sig', 'node verify.mjs']) {
      expect(verifyText).toContain(command);
    }

    const manifest = JSON.parse(await fs.readFile(path.join(folder, 'manifest.json'), 'utf8'));
    for (const file of manifest.files) {
      const bytes = await fs.readFile(path.join(folder, file.path));
      expect(file, file.path).toEqual({ path: file.path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['report.pdf', 'chain.json', 'verify.mjs', 'VERIFY.txt', ...attachments.map((a) => `attachments/${a}`)]));

    // One flipped byte in an attachment.
    const target = path.join(folder, 'attachments', attachments[1]);
    const bytes = await fs.readFile(target);
    bytes[3] ^= 0x01;
    await fs.writeFile(target, bytes);
    const sumsAfter = await run('sha256sum', ['-c', 'SHA256SUMS'], folder);
    expect(sumsAfter).toMatchObject({ code: 1, output: expect.stringContaining(`attachments/${attachments[1]}: FAILED`) });
    // The signature covers the head only; the chain is what binds the attachment to it.
    expect(await run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'chain-head.json', '-sigfile', 'chain-head.sig'], folder)).toMatchObject({ code: 0 });
    const scriptAfter = await run(process.execPath, ['verify.mjs'], folder);
    expect(scriptAfter.code).toBe(1);
    // The second attachment of this case is chain record 6.
    expect(scriptAfter.output).toContain(`record 6: attachment bytes changed (attachments/${attachments[1]})`);
    expect(scriptAfter.output).toContain('RESULT: FAILED');
  });

  it('does not let a swapped attachment hide behind a record marked as withheld', async () => {
    const { caseFile } = await buildCase(key);
    const folder = path.join(dir, 'withheld');
    await writeFiles(folder, await prepareCaseFile(caseFile));
    const chainFile = path.join(folder, 'chain.json');
    const chain = JSON.parse(await fs.readFile(chainFile, 'utf8'));
    const { content: _content, file: _file, ...bare } = chain.records[1];
    chain.records[1] = { ...bare, withheld: true };
    await fs.writeFile(chainFile, JSON.stringify(chain, null, 2));
    const attachment = (await fs.readdir(path.join(folder, 'attachments'))).sort()[0];
    await fs.writeFile(path.join(folder, 'attachments', attachment), png('forged'));
    // The forger also rewrites SHA256SUMS, which anyone can do; the chain still catches it.
    const sums = (await fs.readFile(path.join(folder, 'SHA256SUMS'), 'utf8')).split('\n').filter(Boolean).map((line) => line.slice(66));
    const rewritten = await Promise.all(sums.map(async (name) => `${createHash('sha256').update(await fs.readFile(path.join(folder, name))).digest('hex')}  ${name}\n`));
    await fs.writeFile(path.join(folder, 'SHA256SUMS'), rewritten.join(''));
    const script = await run(process.execPath, ['verify.mjs'], folder);
    expect(script).toMatchObject({ code: 1, output: expect.stringContaining(`attachments/${attachment} is not proven by any record of chain.json`) });
  });

  it('names the first changed record of chain.json, and the signature fails on a changed head', async () => {
    const { caseFile } = await buildCase(key);
    const folder = path.join(dir, 'tamper');
    await writeFiles(folder, await prepareCaseFile(caseFile));
    const chainFile = path.join(folder, 'chain.json');
    const chain = JSON.parse(await fs.readFile(chainFile, 'utf8'));
    chain.records[3].content.post.text = 'Harmloser Text.';
    chain.records[6].receivedAt = '2026-03-02T09:00:01.000Z';
    await fs.writeFile(chainFile, JSON.stringify(chain, null, 2));
    const script = await run(process.execPath, [path.join(folder, 'verify.mjs'), folder], dir);
    expect(script.code).toBe(1);
    expect(script.output).toContain('record 4: content changed');
    expect(script.output).toContain('FAILED  chain.json has changed');

    const headFile = path.join(folder, 'chain-head.json');
    await fs.writeFile(headFile, (await fs.readFile(headFile, 'utf8')).replace('"sequence":8', '"sequence":9'));
    const signature = await run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'chain-head.json', '-sigfile', 'chain-head.sig'], folder);
    expect(signature.code).not.toBe(0);
    expect(signature.output).toContain('Signature Verification Failure');
  });

  it('writes a paginated PDF report with the file number, the hashes and the Cyrillic and Arabic text', async () => {
    const { caseFile } = await buildCase(key);
    const pdf = (await prepareCaseFile(caseFile)).find((file) => file.path === 'report.pdf')!.bytes;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(pdf).join('\n');
    expect(text).toContain(FILE_NUMBER);
    expect(text).toContain('Vorgangsnummer oder'); // the label wraps in its column
    expect(text).toContain(caseFile.incidents[0].attachments[0].content.sha256);
    expect(text).toContain('Anna Beispiel');
    expect(text).toContain(`Seite 1 von ${pages}`);
    expect(text).toContain('знаем');
    // Arabic glyphs are stored in visual (right-to-left) order.
    expect(text.includes('تعيش') || text.includes([...'تعيش'].reverse().join(''))).toBe(true);
  });

  it('refuses to export a broken chain, content the chain does not hold, or a head that is not signed', async () => {
    const { caseFile } = await buildCase(key);
    const records = structuredClone(caseFile.chain.records);
    records[3].receivedAt = '2026-03-01T07:42:30.000Z';
    await expect(prepareCaseFile({ ...caseFile, chain: { ...caseFile.chain, records } })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'incidents:caseFile.errors.chainBroken', params: { sequence: 4 } });

    const incident = { ...caseFile.incidents[0], followUps: [...caseFile.incidents[0].followUps, { ...caseFile.incidents[0].followUps[0], note: 'never recorded' }] };
    await expect(prepareCaseFile({ ...caseFile, incidents: [incident] })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'incidents:caseFile.errors.notInChain' });

    const swapped = { ...caseFile.incidents[0], attachments: [{ ...caseFile.incidents[0].attachments[0], bytes: png('other bytes') }, caseFile.incidents[0].attachments[1]] };
    await expect(prepareCaseFile({ ...caseFile, incidents: [swapped] })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'incidents:caseFile.errors.attachmentChanged' });

    const otherKey = loadSigningKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    await expect(prepareCaseFile({ ...caseFile, publicKeyPem: publicKeyPem(otherKey) })).rejects.toThrow(/does not verify/);
    const older = caseFile.chain.records[6];
    await expect(prepareCaseFile({ ...caseFile, signedHead: signChainHead(key, { chain: caseFile.chain.id, sequence: older.sequence, recordHash: older.recordHash }) })).rejects.toThrow(/last record/);
  });

  it('packs an original recorded twice once, and it proves both records', async () => {
    const { caseFile } = await buildCase(key);
    const incident = caseFile.incidents[0];
    const again = { content: { ...incident.attachments[0].content }, bytes: Buffer.from(incident.attachments[0].bytes) };
    const records = [...caseFile.chain.records, await buildNextRecord(caseFile.chain.records.at(-1)!, { kind: 'attachment', content: again.content, receivedAt: new Date('2026-03-04T08:00:00.000Z') })];
    const head = records.at(-1)!;
    const files = await prepareCaseFile({
      ...caseFile,
      incidents: [{ ...incident, attachments: [...incident.attachments, again] }],
      chain: { ...caseFile.chain, records },
      signedHead: signChainHead(key, { chain: caseFile.chain.id, sequence: head.sequence, recordHash: head.recordHash }),
    });
    expect(files.filter((f) => f.path.startsWith('attachments/')).map((f) => f.path)).toEqual(['attachments/1-Bildschirmfoto-Thread-Maerz.png', 'attachments/2-profil.png']);
    const folder = path.join(dir, 'duplicate');
    await writeFiles(folder, files);
    expect(await run(process.execPath, ['verify.mjs'], folder)).toMatchObject({ code: 0, output: expect.stringContaining('9 records') });
  });

  it('says so in the report when a character cannot be shown', async () => {
    const { caseFile } = await buildCase(key);
    const official = { ...caseFile.official, displayName: 'Anna 中文 Beispiel' };
    const pdf = (await prepareCaseFile({ ...caseFile, official })).find((f) => f.path === 'report.pdf')!.bytes;
    expect(pdfText(pdf).join('\n')).toContain('können in diesem Bericht nicht dargestellt werden');
    const plain = (await prepareCaseFile(caseFile)).find((f) => f.path === 'report.pdf')!.bytes;
    expect(pdfText(plain).join('\n')).not.toContain('können in diesem Bericht nicht dargestellt werden');
  });

  it('writes the report in English too', async () => {
    const { caseFile } = await buildCase(key);
    const files = await prepareCaseFile({ ...caseFile, locale: 'en', t: await translator('en') });
    expect(pdfText(files.find((f) => f.path === 'report.pdf')!.bytes).join('\n')).toContain('Police or prosecutor');
    expect(files.find((f) => f.path === 'VERIFY.txt')!.bytes.toString()).toContain('How to check this case file');
  });
});

describe('safeFileName', () => {
  it.each([
    ['Bildschirmfoto Thread (März).png', 'Bildschirmfoto-Thread-Maerz.png'],
    ['Straße_Öl.JPG', 'Strasse_Oel.JPG'],
    ['../../etc/passwd', 'etc-passwd'],
    ['скриншот.png', 'file.png'],
    ['.hidden', 'file.hidden'],
    ['archive.tar.gz', 'archive.tar.gz'],
    ['no extension here.', 'no-extension-here'],
    ['', 'file'],
    ['a'.repeat(200) + '.pdf', 'a'.repeat(76) + '.pdf'],
    ['line\nbreak\\and*star.txt', 'line-break-and-star.txt'],
  ])('%j → %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
