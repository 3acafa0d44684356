/**
 * What each kind of evidence record holds. These objects are hashed as they are (canonical JSON), so every
 * field is present — an absent fact is `null`, never a missing key — and times are ISO 8601 strings in UTC.
 * Adding a field later changes nothing for existing records: their stored content is hashed as it was.
 * Browser-safe (pure types and word lists).
 */

/** Where the official met the incident. */
export const INCIDENT_CHANNELS = [
  'email',
  'social_media',
  'messenger',
  'website_comment',
  'platform_forum',
  'letter',
  'phone',
  'in_person',
  'other',
] as const;
export type IncidentChannel = (typeof INCIDENT_CHANNELS)[number];

/** What happened, in plain words; the police and prosecutors make the legal classification. */
export const INCIDENT_KINDS = [
  'insult',
  'defamation',
  'threat',
  'incitement',
  'doxxing',
  'stalking',
  'sexual_harassment',
  'property_damage',
  'physical_attack',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** `acute` means danger to life or limb now: the app must point to the emergency number, not to this form. */
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'acute'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_STATUSES = ['recorded', 'reported', 'investigating', 'charged', 'closed', 'withdrawn'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const EVIDENCE_RECORD_KINDS = ['incident_revision', 'attachment', 'evidence_snapshot', 'status_follow_up'] as const;
export type EvidenceRecordKind = (typeof EVIDENCE_RECORD_KINDS)[number];

/**
 * One saved state of an incident. A correction is a new revision; old ones stay in the chain, which is what
 * makes a later change visible instead of silent.
 */
export interface IncidentRevisionContent {
  /** Stable id of the incident within the chain (the database id as a string is fine). */
  incident: string;
  /** 1, 2, 3 … per incident. */
  revision: number;
  occurredAt: string | null;
  foundAt: string;
  /** Who found it (the official, a staff member, a citizen who pointed to it …). */
  foundBy: string;
  channel: IncidentChannel;
  kind: IncidentKind;
  description: string;
  /** Where the content is or was (post, comment, message permalink). */
  contentUrls: string[];
  /** Name or account name as shown, if known. */
  author: string | null;
  authorProfileUrl: string | null;
  severity: IncidentSeverity;
}

/**
 * An uploaded original. The bytes themselves are kept apart and never changed (ProofMode-style); this metadata
 * is what is chained, and binds name, type, size and the bytes' SHA-256 to the incident.
 */
export interface AttachmentContent {
  incident: string;
  fileName: string;
  /** Sniffed from the bytes, not taken from the upload's claim. */
  mimeType: string;
  size: number;
  /** SHA-256 (hex) of the original bytes, so `sha256sum` on the file can be compared with the chain. */
  sha256: string;
  /** What it shows, e.g. "screenshot of the author's profile". */
  caption: string | null;
}

export interface SnapshotPost {
  author: string;
  authorProfileUrl: string | null;
  postedAt: string;
  /** The post as plain text, exactly as it was shown. */
  text: string;
}

/** A frozen copy of a post with the thread around it, taken before it can be edited or deleted. */
export interface EvidenceSnapshotContent {
  incident: string;
  capturedAt: string;
  capturedBy: string;
  url: string;
  threadTitle: string | null;
  post: SnapshotPost;
  /** Neighbouring posts in thread order, so the post can be read in its context. */
  context: SnapshotPost[];
}

/** A step in what became of the incident (reported to the police, file number received, case closed …). */
export interface StatusFollowUpContent {
  incident: string;
  /** When the step happened (may be earlier than when it was recorded). */
  at: string;
  status: IncidentStatus;
  /** Police "Vorgangsnummer" or prosecutor's "Aktenzeichen". */
  policeFileNumber: string | null;
  /** Which office, e.g. "Polizeipräsidium Köln, KK 14" or "Staatsanwaltschaft Köln". */
  authority: string | null;
  note: string | null;
}

export interface RecordContentByKind {
  incident_revision: IncidentRevisionContent;
  attachment: AttachmentContent;
  evidence_snapshot: EvidenceSnapshotContent;
  status_follow_up: StatusFollowUpContent;
}
