/**
 * The case file of one incident as a download: its revisions, follow-ups, secured posts and originals, the
 * official's whole chain (other incidents as hashes only), a head signed for this export, the public key, the
 * offline check and the PDF report (evidence/case-file.server.ts builds and checks it). Logged as a read.
 */
import type { Readable } from 'node:stream';
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { createCaseFileZip, type CaseFile, type Translate } from './evidence/case-file.server';
import type { AttachmentContent, EvidenceSnapshotContent, IncidentRevisionContent, StatusFollowUpContent } from './evidence/record-content';
import { signChainHead } from './evidence/signing.server';
import { attachmentBytes, chainName, chainRecords, incidentRecords } from './chain.server';
import { _findIncidentForCaseFile as findIncident, _logRead as logRead } from './incidents.server';
import { incidentKeys } from './keys.server';

/** Isolation marks are for screens; the PDF and VERIFY.txt get the bare text. */
const bare = (t: Translate): Translate => (key, params) => t(key, params).replace(/[\u2066-\u2069]/g, '');

export async function exportCaseFile(
  actor: MaybeActor,
  input: { incidentId: number; townId?: number; locale: string; t: Translate; roleName: (role: string) => string },
): Promise<{ stream: Readable; fileName: string }> {
  const incident = await findIncident(sql, actor, input.incidentId, input.townId);
  await logRead(sql, actor!, incident.id, 'case_file');
  const records = await incidentRecords(sql, incident.id);
  const attachments: CaseFile['incidents'][number]['attachments'] = [];
  for (const record of records.filter((r) => r.kind === 'attachment')) {
    const bytes = await attachmentBytes(sql, record.chainId, record.sequence);
    const content = record.content as AttachmentContent;
    if (!bytes) throw new DomainError('conflict', 'incidents:caseFile.errors.attachmentChanged', { fileName: content.fileName });
    attachments.push({ content, bytes });
  }
  const chain = (await chainRecords(sql, incident.chainId)).map(({ incidentId: _incident, ...record }) => record);
  const head = chain.at(-1);
  if (!head) throw new DomainError('invalid', 'incidents:caseFile.errors.empty');
  const { signing, publicKeyPem } = await incidentKeys();
  const generatedAt = new Date();
  const [membership] = await sql`select role from memberships where user_id = ${incident.ownerId} and municipality_id = ${incident.townId}`;
  const fileName = `case-file-${incident.reference}.zip`;
  const stream = await createCaseFileZip({
    locale: input.locale,
    t: bare(input.t),
    generatedAt,
    official: { displayName: incident.ownerName, role: membership ? input.roleName(membership.role) : null, town: incident.townName },
    incidents: [
      {
        reference: incident.reference,
        revisions: records.filter((r) => r.kind === 'incident_revision').map((r) => r.content as IncidentRevisionContent),
        followUps: records.filter((r) => r.kind === 'status_follow_up').map((r) => r.content as StatusFollowUpContent),
        snapshots: records.filter((r) => r.kind === 'evidence_snapshot').map((r) => r.content as EvidenceSnapshotContent),
        attachments,
      },
    ],
    chain: { id: chainName(incident.chainId), records: chain },
    signedHead: signChainHead(signing, { chain: chainName(incident.chainId), sequence: head.sequence, recordHash: head.recordHash }, generatedAt),
    publicKeyPem,
    fileName,
  });
  return { stream, fileName };
}
