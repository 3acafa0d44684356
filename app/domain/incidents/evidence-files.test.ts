/**
 * Originals and case files on a real PostgreSQL: attachments typed from their bytes, sealed at rest, kept
 * byte for byte and chained; a changed byte in a stored original is named; the case file of an incident
 * unzips and verifies offline with the documented steps (sha256sum, openssl, node verify.mjs).
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { sniffFiles } from '#app/domain/files.server';
import { getFixedT } from '#app/i18n/i18n.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { exportCaseFile } from './case-file-export.server';
import { addAttachments, addFollowUp, attachmentOriginal, getIncident, recordIncident, verifyIncidentChain } from './incidents.server';
import { ATTACHMENT_TYPES, type IncidentInput } from './schemas';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), Buffer.alloc(13, 1), Buffer.from('ORIGINAL-PIXELS')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EML = Buffer.from('From: wut@example.org\r\nTo: rathaus@example.org\r\nSubject: Drohung\r\n\r\nWir wissen, wo du wohnst.\r\n');

const input: IncidentInput = {
  occurredAt: null, foundAt: '2026-03-02T07:30', foundBy: 'Anna', channel: 'email', kind: 'threat', severity: 'high',
  description: 'Drohung per E-Mail', contentUrls: [], author: null, authorProfileUrl: null,
};

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }));
  });
}

const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' });

let town: number;
let owner: Actor;
let admin: Actor;
let network: Actor;
let stranger: Actor;

beforeAll(async () => {
  town = await createTownDirectly('evidence-town');
  const [o, a, n, s] = await Promise.all(['owner', 'admin', 'net', 'stranger'].map((label) => createUser({ label })));
  await grantRole(o.userId, town, 'official');
  await grantRole(a.userId, town, 'admin');
  await makeNetworkTeam(n.userId);
  [owner, admin, network, stranger] = await Promise.all([o, a, n, s].map((p) => actorOf(p.userId)));
});

describe('attachments', () => {
  it('takes images, PDF and saved e-mails by their bytes, and refuses anything else next to the field', async () => {
    const sniffed = await sniffFiles([file(PNG, 'a.pdf'), file(PDF, 'b.png'), file(EML, 'mail.eml')], ATTACHMENT_TYPES, 'files');
    expect(sniffed.map((f) => f.mediaType)).toEqual(['image/png', 'application/pdf', 'message/rfc822']);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);
    await expect(sniffFiles([file(exe, 'photo.png')], ATTACHMENT_TYPES, 'files')).rejects.toMatchObject({ code: 'invalid', field: 'files' });
    await expect(sniffFiles([file(Buffer.from('just text'), 'x.png')], ATTACHMENT_TYPES, 'files')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('keeps originals sealed at rest, chained with their SHA-256, and only the owner adds them', async () => {
    const files = await sniffFiles([file(PNG, 'Bildschirmfoto.png')], ATTACHMENT_TYPES, 'files');
    const { incidentId } = await recordIncident(owner, { ...input, townId: town, files, caption: 'Profil' });
    await addAttachments(owner, { incidentId, files: await sniffFiles([file(EML, 'drohung.eml')], ATTACHMENT_TYPES, 'files'), caption: null });
    for (const actor of [admin, network, stranger, null]) {
      await expect(addAttachments(actor, { incidentId, files, caption: null })).rejects.toMatchObject({ code: 'not_found' });
    }
    const view = await getIncident(owner, { incidentId });
    expect(view.attachments.map((a) => a.content)).toEqual([
      { incident: String(incidentId), fileName: 'Bildschirmfoto.png', mimeType: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex'), caption: 'Profil' },
      expect.objectContaining({ fileName: 'drohung.eml', mimeType: 'message/rfc822', size: EML.length }),
    ]);
    const blobs = await sql`select b.bytes from incident_attachment_blobs b join incident_records r using (chain_id, sequence) where r.incident_id = ${incidentId}`;
    expect(blobs.length).toBe(2);
    for (const { bytes } of blobs) {
      expect((bytes as Buffer).includes(Buffer.from('ORIGINAL-PIXELS'))).toBe(false);
      expect((bytes as Buffer).includes(Buffer.from('Wir wissen'))).toBe(false);
    }
    await expect(sql`update incident_attachment_blobs set bytes = '\\x00'`).rejects.toThrow(/evidence/);

    // Each original downloads byte for byte, for its readers only, and the download is logged.
    const [first] = view.attachments;
    await expect(attachmentOriginal(owner, { incidentId, sequence: first.sequence })).resolves.toEqual({ bytes: PNG, fileName: 'Bildschirmfoto.png', mimeType: 'image/png' });
    for (const actor of [admin, network, stranger, null]) await expect(attachmentOriginal(actor, { incidentId, sequence: first.sequence })).rejects.toMatchObject({ code: 'not_found' });
    await expect(attachmentOriginal(owner, { incidentId, sequence: 1 })).rejects.toMatchObject({ code: 'not_found' }); // the revision, not a file
    const [{ count }] = await sql`select count(*)::int from incident_access_log where incident_id = ${incidentId} and action = 'attachment'`;
    expect(count).toBe(1);
  });

  it('names the entry whose stored original changed by one byte', async () => {
    const person = await createUser({ label: 'tamper' });
    await grantRole(person.userId, town, 'official');
    const official = await actorOf(person.userId);
    const files = await sniffFiles([file(PNG, 'x.png')], ATTACHMENT_TYPES, 'files');
    const { incidentId } = await recordIncident(official, { ...input, townId: town, files, caption: null });
    await addFollowUp(official, { incidentId, status: 'reported', at: '2026-03-03T10:00', policeFileNumber: 'ST/0000001/2026', authority: null, note: null });
    const [{ chainId }] = await sql`select chain_id from incidents where id = ${incidentId}`;
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update incident_attachment_blobs set bytes = set_byte(bytes, 40, (get_byte(bytes, 40) + 1) % 256) where chain_id = ${chainId} and sequence = 2`;
    });
    expect(await verifyIncidentChain(official, { incidentId })).toMatchObject({ intact: false, firstBrokenSequence: 2, reason: 'attachment-bytes-changed' });
  });
});

describe('case file', () => {
  it('unzips and verifies offline with sha256sum, openssl and node verify.mjs; the originals are byte for byte', async () => {
    const files = await sniffFiles([file(PNG, 'Bildschirmfoto Drohung.png'), file(PDF, 'brief.pdf')], ATTACHMENT_TYPES, 'files');
    const { incidentId } = await recordIncident(owner, { ...input, townId: town, files, caption: 'Beweis' });
    await addFollowUp(owner, { incidentId, status: 'reported', at: '2026-03-03T10:00', policeFileNumber: 'ST/0123456/2026', authority: 'Polizei Köln', note: null });
    const t = getFixedT('de', ['incidents', 'towns']);
    const exportFor = (actor: Actor | null) =>
      exportCaseFile(actor, { incidentId, townId: town, locale: 'de', t: (key, params) => t(key, params) as string, roleName: (role) => t(`towns:roles.${role}`) as string });
    for (const actor of [admin, network, stranger, null]) await expect(exportFor(actor)).rejects.toMatchObject({ code: 'not_found' });

    const { stream, fileName } = await exportFor(owner);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'incident-case-'));
    await pipeline(stream, createWriteStream(path.join(dir, fileName)));
    expect(await run('unzip', ['-q', fileName, '-d', 'case-file'], dir)).toMatchObject({ code: 0 });
    const folder = path.join(dir, 'case-file');
    const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], folder);
    expect(sums.code, sums.output).toBe(0);
    const signature = await run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'chain-head.json', '-sigfile', 'chain-head.sig'], folder);
    expect(signature.code, signature.output).toBe(0);
    const script = await run(process.execPath, ['verify.mjs'], folder);
    expect(script.code, script.output).toBe(0);
    const names = await fs.readdir(path.join(folder, 'attachments'));
    const originals = await Promise.all(names.sort().map((name) => fs.readFile(path.join(folder, 'attachments', name))));
    expect(originals).toEqual([PNG, PDF]);
    const pdf = await fs.readFile(path.join(folder, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [{ count }] = await sql`select count(*)::int from incident_access_log where incident_id = ${incidentId} and action = 'case_file'`;
    expect(count).toBe(1);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
