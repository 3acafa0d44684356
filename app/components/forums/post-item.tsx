import { Form } from '@remix-run/react';
import { useFixedLabels } from '#app/i18n/fixed-labels';
import type { PostView } from '#app/domain/forums/types';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';

/** The fixed words of a post, translated once per language rather than once per post. */
export function usePostLabels() {
  return useFixedLabels(
    'post',
    ['forums', 'common', 'moderation'],
    (t) => ({
      formerMember: t('post.formerMember'),
      permalink: t('post.permalink'),
      awaitingReview: t('moderation:post.awaitingReview'),
      languageLabel: t('post.languageLabel'),
      edited: t('post.edited'),
      deleted: t('post.deleted'),
      hidden: t('moderation:post.hidden'),
      why: t('moderation:post.why'),
      quote: t('post.quote'),
      edit: t('post.edit'),
      delete: t('post.delete'),
      report: t('moderation:post.report'),
      secure: t('incidents:secure.action'),
      inReplyTo: (name: string) => t('post.inReplyTo', { name }),
    }),
    ['incidents'],
  );
}

export type PostLabels = ReturnType<typeof usePostLabels>;

interface PostItemProps {
  post: PostView;
  labels: PostLabels;
  formatDate: (date: Date | string) => string;
  townSlug: string;
  currentUserId: string | null;
  canReply: boolean;
  /** Moderators see why a post is hidden or held, like its author does. */
  isModerator?: boolean;
  /** Officials and moderators may secure any post as evidence (also hidden and deleted ones). */
  canSecure?: boolean;
  isNew?: boolean;
}

/**
 * One post: author, time, language, the server-rendered (validated, sanitised) body, and its actions. A thread
 * page renders many of these: the words come translated from `usePostLabels`, and links are plain anchors
 * (their targets are whole pages anyway).
 */
export function PostItem({ post, labels, formatDate, townSlug, currentUserId, canReply, isModerator = false, canSecure = false, isNew }: PostItemProps) {
  const hidden = post.status === 'hidden';
  const visible = !post.deleted && !hidden;
  const mine = !!currentUserId && post.authorId === currentUserId;
  const when = formatDate(post.createdAt);
  const author = post.authorName ?? labels.formerMember;
  const secure =
    canSecure && !mine ? (
      <a href={`/towns/${townSlug}/posts/${post.id}/secure`} className="button small subtle" rel="nofollow">
        {labels.secure}
        <span className="visually-hidden"> – {author}</span>
      </a>
    ) : null;
  return (
    <article id={`post-${post.id}`} className={`post${isNew ? ' post-new' : ''}`} aria-labelledby={`post-${post.id}-meta`} data-position={post.position} tabIndex={-1}>
      <header className="post-meta" id={`post-${post.id}-meta`}>
        <bdi className="post-author">{author}</bdi>{' '}
        <a href={`/posts/${post.id}`} className="post-time">
          <time dateTime={post.createdAt}>{when}</time>
          <span className="visually-hidden"> – {labels.permalink}</span>
        </a>
        {post.status === 'held' ? <span className="badge badge-held">{labels.awaitingReview}</span> : null}
        {visible ? (
          <span className="language-label" lang={post.language}>
            <span className="visually-hidden">{labels.languageLabel} </span>
            {LANGUAGE_NAMES[post.language as Language] ?? post.language}
          </span>
        ) : null}
        {post.editedAt && visible ? (
          <a href={`/towns/${townSlug}/posts/${post.id}/history`} className="post-edited">
            {labels.edited}
          </a>
        ) : null}
      </header>
      {post.quotedPostId && visible ? (
        <p className="post-reply-to">
          <a href={`/posts/${post.quotedPostId}`}>{labels.inReplyTo(post.quotedAuthorName ?? labels.formerMember)}</a>
        </p>
      ) : null}
      {post.deleted ? (
        <p className="post-placeholder">{labels.deleted}</p>
      ) : hidden ? (
        <p className="post-placeholder" data-testid="hidden-placeholder">
          {labels.hidden}{' '}
          {(mine || isModerator) && post.decisionId ? <a href={`/decisions/${post.decisionId}`}>{labels.why}</a> : null}
        </p>
      ) : (
        <div className="post-body" lang={post.language} dir="auto" dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? '' }} />
      )}
      {visible ? (
        <footer className="post-actions">
          {canReply && post.status === 'published' ? (
            <a href={`?quote=${post.id}#composer`} className="button small" data-quote={post.id}>
              {labels.quote}
              <span className="visually-hidden"> – {author}</span>
            </a>
          ) : null}
          {mine ? (
            <>
              <a href={`/towns/${townSlug}/posts/${post.id}/edit`} className="button small">
                {labels.edit}
              </a>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="postId" value={post.id} />
                <button type="submit" className="button small danger">
                  {labels.delete}
                </button>
              </Form>
            </>
          ) : post.status === 'published' ? (
            <a href={`/towns/${townSlug}/posts/${post.id}/report`} className="button small subtle" rel="nofollow">
              {labels.report}
              <span className="visually-hidden"> – {author}</span>
            </a>
          ) : null}
          {secure}
        </footer>
      ) : secure ? (
        <footer className="post-actions">{secure}</footer>
      ) : null}
    </article>
  );
}
