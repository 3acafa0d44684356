/** What incident forms carry: one zod schema per input, shared by server and browser. */
import { z } from 'zod';
import { uploadedFiles } from '#app/domain/files';
import { INCIDENT_CHANNELS, INCIDENT_KINDS, INCIDENT_SEVERITIES, INCIDENT_STATUSES } from './evidence/record-content';
import { GERMAN_STATES } from '#app/domain/municipalities/schemas';

export const MAX_DESCRIPTION = 20_000;
export const MAX_URLS = 20;
/** What the upload field accepts, by the type read from the bytes. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/heic', 'application/pdf', 'message/rfc822'] as const;
export const ATTACHMENT_ACCEPT = '.png,.jpg,.jpeg,.gif,.webp,.heic,.pdf,.eml,image/*,application/pdf,message/rfc822';
export const MAX_ATTACHMENTS = 5;

const text = (max: number, key = 'incidents:errors.tooLong') => z.string().trim().max(max, key);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'incidents:errors.tooLong')
    .optional()
    .transform((value) => value || null);

const isWebAddress = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
const webAddress = z.string().trim().max(2000, 'incidents:errors.tooLong').refine(isWebAddress, 'incidents:errors.url');
const optionalWebAddress = z
  .string()
  .trim()
  .max(2000, 'incidents:errors.tooLong')
  .optional()
  .refine((value) => !value || isWebAddress(value), 'incidents:errors.url')
  .transform((value) => value || null);

/** `YYYY-MM-DDTHH:mm` as a `datetime-local` input sends it (time in the town's zone, Europe/Berlin). */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const localTime = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .refine((value) => LOCAL_TIME.test(value) && !Number.isNaN(Date.parse(`${value}Z`)), message);
const optionalLocalTime = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || (LOCAL_TIME.test(value) && !Number.isNaN(Date.parse(`${value}Z`))), 'incidents:errors.time')
  .transform((value) => value || null);

const urlList = z
  .string()
  .max(MAX_URLS * 2100, 'incidents:errors.tooLong')
  .optional()
  .transform((value) => (value ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
  .refine((lines) => lines.length <= MAX_URLS, `incidents:errors.tooManyUrls|${JSON.stringify({ max: MAX_URLS })}`)
  .refine((lines) => lines.every(isWebAddress), 'incidents:errors.urls');

export const incidentFields = {
  occurredAt: optionalLocalTime,
  foundAt: localTime('incidents:errors.foundAt'),
  foundBy: text(200).min(1, 'incidents:errors.foundBy'),
  channel: z.enum(INCIDENT_CHANNELS, { errorMap: () => ({ message: 'incidents:errors.channel' }) }),
  kind: z.enum(INCIDENT_KINDS, { errorMap: () => ({ message: 'incidents:errors.kind' }) }),
  severity: z.enum(INCIDENT_SEVERITIES, { errorMap: () => ({ message: 'incidents:errors.severity' }) }),
  description: z
    .string({ required_error: 'incidents:errors.description' })
    .trim()
    .min(1, 'incidents:errors.description')
    .max(MAX_DESCRIPTION, 'incidents:errors.tooLong'),
  contentUrls: urlList,
  author: optionalText(200),
  authorProfileUrl: optionalWebAddress,
};

export const incidentSchema = z.object(incidentFields);
export type IncidentInput = z.output<typeof incidentSchema>;

/** The new-incident form: the incident and, optionally, its first attachments. */
export const newIncidentSchema = z.object({
  ...incidentFields,
  files: uploadedFiles({ max: MAX_ATTACHMENTS }),
  caption: optionalText(500),
});

export const attachmentSchema = z.object({
  intent: z.literal('attach'),
  files: uploadedFiles({ max: MAX_ATTACHMENTS }).refine((files) => files.length > 0, 'incidents:errors.noFile'),
  caption: optionalText(500),
});

export const followUpSchema = z.object({
  intent: z.literal('follow-up'),
  status: z.enum(INCIDENT_STATUSES, { errorMap: () => ({ message: 'incidents:errors.status' }) }),
  at: localTime('incidents:errors.time'),
  policeFileNumber: optionalText(100),
  authority: optionalText(200),
  note: optionalText(2000),
});
export type FollowUpInput = z.output<typeof followUpSchema>;

export const trustPersonSchema = z.object({
  intent: z.literal('add'),
  email: z.string({ required_error: 'incidents:errors.email' }).trim().max(254, 'incidents:errors.tooLong').email('incidents:errors.email'),
});

export const SUPPORT_STATES = ['DE', ...GERMAN_STATES] as const;

export const supportEntrySchema = z.object({
  intent: z.literal('add'),
  state: z.enum(SUPPORT_STATES, { errorMap: () => ({ message: 'incidents:errors.state' }) }),
  name: text(200).min(1, 'incidents:errors.supportName'),
  description: text(1000).default(''),
  url: optionalWebAddress,
  phone: z
    .string()
    .trim()
    .max(40, 'incidents:errors.tooLong')
    .optional()
    .refine((value) => !value || /^[+\d][\d\s/()-]{2,39}$/.test(value), 'incidents:errors.phone')
    .transform((value) => value || null),
});
export type SupportEntryInput = z.output<typeof supportEntrySchema>;

/** Securing a post: into one of the official's incidents, or as a new one of the chosen kind. */
export const secureSchema = z.object({
  incident: z.union([z.literal('new'), z.string().regex(/^[1-9]\d{0,15}$/, 'incidents:errors.incident')], { errorMap: () => ({ message: 'incidents:errors.incident' }) }),
  kind: z.enum(INCIDENT_KINDS, { errorMap: () => ({ message: 'incidents:errors.kind' }) }).optional(),
  forOfficial: z.string().max(100).optional(),
  note: optionalText(2000),
});

/** The town's zone: what a `datetime-local` value means, and how times are shown. */
export const INCIDENT_TIME_ZONE = 'Europe/Berlin';

/** A wall-clock time in `timeZone` as the UTC instant it names (the earlier one when a clock change repeats it). */
export function zonedToUtc(local: string, timeZone = INCIDENT_TIME_ZONE): Date {
  const naive = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, part.value]),
    );
    const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
  const first = naive - offsetAt(naive);
  return new Date(naive - offsetAt(first));
}

/** A UTC ISO time as `datetime-local` text in `timeZone`. */
export function utcToZoned(iso: string, timeZone = INCIDENT_TIME_ZONE): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export const incidentReference = (createdAt: string | Date, number: number) => `${new Date(createdAt).getUTCFullYear()}-${String(number).padStart(3, '0')}`;
