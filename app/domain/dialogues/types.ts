/** What pages and sockets get to see of dialogue events: plain data, dates as Date (serialised by Remix as strings). */
import type { AccessibilityFeature, EventFormat, EventMode, EventStatus, QuestionStatus } from './schemas';

export interface EventSummary {
  id: number;
  /** null: a network-wide event */
  townId: number | null;
  townSlug: string | null;
  townName: string | null;
  status: EventStatus;
  format: EventFormat;
  mode: EventMode;
  title: string;
  /** The language the title (and description) is shown in: the reader's, when given, else the event's default. */
  textLanguage: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  languages: string[];
  interpretation: string[];
  accessibility: AccessibilityFeature[];
  capacity: number | null;
  registrationDeadline: Date | null;
  guestsAllowed: boolean;
  confirmedCount: number;
  waitingCount: number;
  /** The event's page, e.g. `/towns/hafenstadt/events/3` or `/network/events/7`. */
  path: string;
}

export interface MyRegistration {
  id: number;
  status: 'pending' | 'confirmed' | 'waiting';
  code: string;
  /** 1 for the first on the waiting list. */
  waitingPosition: number | null;
  checkedIn: boolean;
}

export interface EventDetail extends EventSummary {
  descriptionHtml: string;
  questions: string[];
  /** Only for a confirmed registrant and the event's organisers; null for everyone else. */
  joinUrl: string | null;
  canManage: boolean;
  registration: MyRegistration | null;
  checkedInCount: number;
}

/** What the organiser's form needs to edit an event: the stored values in the form's own shape. */
export interface EventFormValues {
  format: EventFormat;
  mode: EventMode;
  title: string;
  descriptionDoc: unknown;
  descriptionText: string;
  translations: Record<string, { title: string; descriptionText: string }>;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  venueName: string;
  venueAddress: string;
  joinUrl: string;
  languages: string[];
  interpretation: string[];
  accessibility: string[];
  capacity: string;
  deadlineDate: string;
  deadlineTime: string;
  guestsAllowed: boolean;
  questions: string;
}

export interface QuestionView {
  id: number;
  body: string;
  /** null when anonymous (for everyone but moderators) or when the author's account is gone */
  authorName: string | null;
  anonymous: boolean;
  status: QuestionStatus;
  votes: number;
  votedByMe: boolean;
  mine: boolean;
  /** asked by a guest (a confirmed guest registration, no account) */
  byGuest: boolean;
  /** whether the reader may report it (a participant, not its author, and not a moderator of it) */
  reportable: boolean;
}
