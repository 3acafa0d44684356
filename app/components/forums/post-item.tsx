import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { PostView } from '#app/domain/forums/types';
import { useDateFormat } from '#app/components/use-date-format';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';

interface PostItemProps {
  post: PostView;
  townSlug: string;
  currentUserId: string | null;
  canReply: boolean;
  /** Moderators see why a post is hidden or held, like its author does. */
  isModerator?: boolean;
  isNew?: boolean;
}

/** One post: author, time, language, the server-rendered (validated, sanitised) body, and its actions. */
export function PostItem({ post, townSlug, currentUserId, canReply, isModerator = false, isNew }: PostItemProps) {
  const { t } = useTranslation(['forums', 'common', 'moderation']);
  const formatDate = useDateFormat();
  const hidden = post.status === 'hidden';
  const visible = !post.deleted && !hidden;
  const mine = !!currentUserId && post.authorId === currentUserId;
  const when = formatDate(post.createdAt);
  const author = post.authorName ?? t('post.formerMember');
  return (
    <article id={`post-${post.id}`} className={`post${isNew ? ' post-new' : ''}`} aria-labelledby={`post-${post.id}-meta`} data-position={post.position} tabIndex={-1}>
      <header className="post-meta" id={`post-${post.id}-meta`}>
        <bdi className="post-author">{author}</bdi>{' '}
        <a href={`/posts/${post.id}`} className="post-time">
          <time dateTime={post.createdAt}>{when}</time>
          <span className="visually-hidden"> – {t('post.permalink')}</span>
        </a>
        {post.status === 'held' ? <span className="badge badge-held">{t('moderation:post.awaitingReview')}</span> : null}
        {visible ? (
          <span className="language-label" lang={post.language}>
            <span className="visually-hidden">{t('post.languageLabel')} </span>
            {LANGUAGE_NAMES[post.language as Language] ?? post.language}
          </span>
        ) : null}
        {post.editedAt && visible ? (
          <Link to={`/towns/${townSlug}/posts/${post.id}/history`} className="post-edited">
            {t('post.edited')}
          </Link>
        ) : null}
      </header>
      {post.quotedPostId && visible ? (
        <p className="post-reply-to">
          <a href={`/posts/${post.quotedPostId}`}>{t('post.inReplyTo', { name: post.quotedAuthorName ?? t('post.formerMember') })}</a>
        </p>
      ) : null}
      {post.deleted ? (
        <p className="post-placeholder">{t('post.deleted')}</p>
      ) : hidden ? (
        <p className="post-placeholder" data-testid="hidden-placeholder">
          {t('moderation:post.hidden')}{' '}
          {(mine || isModerator) && post.decisionId ? <Link to={`/decisions/${post.decisionId}`}>{t('moderation:post.why')}</Link> : null}
        </p>
      ) : (
        <div className="post-body" lang={post.language} dir="auto" dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? '' }} />
      )}
      {visible ? (
        <footer className="post-actions">
          {canReply && post.status === 'published' ? (
            <a href={`?quote=${post.id}#composer`} className="button small" data-quote={post.id}>
              {t('post.quote')}
              <span className="visually-hidden"> – {author}</span>
            </a>
          ) : null}
          {mine ? (
            <>
              <Link to={`/towns/${townSlug}/posts/${post.id}/edit`} className="button small">
                {t('post.edit')}
              </Link>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="postId" value={post.id} />
                <button type="submit" className="button small danger">
                  {t('post.delete')}
                </button>
              </Form>
            </>
          ) : post.status === 'published' ? (
            <Link to={`/towns/${townSlug}/posts/${post.id}/report`} className="button small subtle" rel="nofollow">
              {t('moderation:post.report')}
              <span className="visually-hidden"> – {author}</span>
            </Link>
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}
