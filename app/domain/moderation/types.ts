/** What moderation pages show, shared by the server and the browser. */
import type { DecisionAction } from './schemas';

export type HoldReason = 'forum' | 'new_member' | 'watched_word' | 'shield';

export interface QueueItem {
  id: number;
  targetKind: 'post' | 'question' | 'user';
  postId: number | null;
  threadId: number | null;
  threadTitle: string | null;
  excerpt: string | null;
  postStatus: 'published' | 'held' | 'hidden' | null;
  /** a question at a dialogue event: its status, its event's title and the Q&A page */
  questionId: number | null;
  questionStatus: 'open' | 'live' | 'answered' | 'hidden' | 'held' | null;
  eventTitle: string | null;
  questionsPath: string | null;
  subjectName: string | null;
  held: boolean;
  holdReason: HoldReason | null;
  watchedPattern: string | null;
  shielded: boolean;
  reopened: boolean;
  reportCount: number;
  categories: string[];
  openedAt: Date;
  /** Who holds an unexpired claim, if anyone. */
  claimedByName: string | null;
  claimedByMe: boolean;
  claimedUntil: Date | null;
}

export interface CaseReport {
  id: number;
  /** What the reporter was given on the receipt (M-123). */
  reference: string;
  category: string;
  explanation: string;
  reporterName: string | null;
  guest: boolean;
  automated: boolean;
  createdAt: Date;
}

export interface CaseDetail extends QueueItem {
  status: 'open' | 'decided';
  municipalityId: number;
  subjectUserId: string | null;
  postBodyHtml: string | null;
  forumId: number | null;
  threadLocked: boolean;
  threadPinned: boolean;
  reports: CaseReport[];
}

export interface DecisionView {
  id: number;
  townSlug: string;
  townName: string;
  action: DecisionAction;
  ground: string;
  facts: string;
  automated: boolean;
  endsAt: Date | null;
  createdAt: Date;
  reversedAt: Date | null;
  details: Record<string, unknown>;
  postId: number | null;
  postExcerpt: string | null;
  threadId: number | null;
  threadTitle: string | null;
  /** for a question at a dialogue event: the event's title */
  eventTitle: string | null;
  moderatorName: string | null;
  appealableUntil: Date;
  /** How the reader relates to it: the affected person, a reporter, or a moderator. */
  viewerRole: 'author' | 'reporter' | 'moderator';
  canAppeal: boolean;
  appeal: { id: number; status: 'open' | 'upheld' | 'reversed'; text: string; outcomeReasons: string | null; createdAt: Date } | null;
}

/** What a report form is about: a post or a question, and its author. */
export interface ReportTarget {
  /** what the content is: a forum post or a question at an event */
  kind: 'post' | 'question';
  /** the town whose moderation queue takes the report */
  townId: number;
  postId: number | null;
  questionId: number | null;
  userId: string | null;
  /** for the report page: what is being reported */
  authorName: string | null;
  anonymous: boolean;
  excerpt: string | null;
  /** where the reporter goes back to */
  threadId: number | null;
  questionsPath: string | null;
}
