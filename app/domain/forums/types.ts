/** What forum pages and live updates show, shared by the server and the browser. */

export interface PostView {
  id: number;
  threadId: number;
  position: number;
  authorId: string | null;
  authorName: string | null;
  /** null when deleted or hidden: the thread keeps its shape with a placeholder */
  bodyHtml: string | null;
  language: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  quotedPostId: number | null;
  quotedAuthorName: string | null;
  /** published; held: waiting for review (shown to its author and moderators only); hidden by moderation */
  status: 'published' | 'held' | 'hidden';
  /** For a hidden post: the decision with its statement of reasons. */
  decisionId: number | null;
}

export interface ForumView {
  id: number;
  municipalityId: number;
  slug: string;
  /** In the reader's language where the town gave one, else the town's default language. */
  name: string;
  description: string;
  /** The language `name` and `description` are written in (for the `lang` attribute). */
  textLanguage: string;
  position: number;
  staffOnlyPosting: boolean;
  threadCount: number;
  postCount: number;
  lastPostAt: Date | null;
}

export interface ThreadSummary {
  id: number;
  title: string;
  authorName: string | null;
  createdAt: Date;
  lastPostAt: Date;
  replyCount: number;
  postCount: number;
  pinned: boolean;
  locked: boolean;
  /** Posts after what the signed-in reader has seen; null for guests and for threads never opened. */
  unreadCount: number | null;
}
