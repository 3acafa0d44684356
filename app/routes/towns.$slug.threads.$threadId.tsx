import { redirect, type LinksFunction, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import editorStyles from '#app/editor/editor.css';
import { canModerate, canPostInForum, isMemberOf, isOfficial } from '#app/domain/auth/permissions';
import { idSchema, parseCount, parseId } from '#app/domain/ids';
import { replySchema } from '#app/domain/forums/schemas';
import { getThread, markThreadRead } from '#app/domain/forums/threads.server';
import { sanctionOf } from '#app/domain/moderation/screening.server';
import { listPostsInLanguage, listPostsPage, POSTS_PER_PAGE, threadLanguages } from '#app/domain/forums/posts.server';
import { createReply, deletePost } from '#app/domain/posting/posting.server';
import { isFollowing, setFollowing } from '#app/domain/forums/notifications.server';
import { isContentLanguage } from '#app/domain/forums/language';
import { newClientKey } from '#app/domain/forums/client-key.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireId, routeAction, routeLoader, townPage, signedInTownPage } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';
import { FormAlert, Notice } from '#app/components/ui/field';
import { PostItem, usePostLabels } from '#app/components/forums/post-item';
import { Composer } from '#app/components/forums/composer';
import { clearDraft } from '#app/editor/rich-text-editor';
import { Pagination } from '#app/components/forums/pagination';
import { useLiveThread } from '#app/realtime/use-thread-live';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'forums', 'editor', 'moderation', 'incidents'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  const thread = await getThread(actor, { townId: town.id, threadId: requireId(args.params.threadId), language: await languageOf(args.request, args.context) });
  const moderator = canModerate(actor, town.id);
  const url = new URL(args.request.url);
  const lastPage = Math.max(1, Math.ceil(thread.postCount / POSTS_PER_PAGE));
  const language = url.searchParams.get('lang');
  const filter = isContentLanguage(language) ? language : null;
  const page = Math.min(lastPage, Math.max(1, parseCount(url.searchParams.get('page'), 1)));
  const after = parseCount(url.searchParams.get('after'), 0, 10_000_000);
  // Independent reads at once: the page waits for the slowest, not for their sum.
  const [sanction, posts, languages, following, title] = await Promise.all([
    sanctionOf(actor, { townId: town.id }),
    filter ? listPostsInLanguage(actor, { threadId: thread.id, language: filter, afterPosition: after }) : listPostsPage(actor, { threadId: thread.id, page }),
    threadLanguages({ threadId: thread.id }),
    isFollowing(actor, { threadId: thread.id }),
    pageTitle(args, 'forums:thread.pageTitle', { title: thread.title }),
  ]);
  if (!filter && posts.length) await markThreadRead(actor, { threadId: thread.id, position: posts[posts.length - 1].position });
  const quote = parseId(url.searchParams.get('quote'));
  const quoted = quote ? posts.find((p) => p.id === quote && p.status === 'published' && !p.deleted) : undefined;
  const postedId = parseId(url.searchParams.get('posted'));
  const posted = postedId ? posts.find((p) => p.id === postedId) : undefined;
  return {
    title,
    town: { slug: town.slug, name: town.name },
    thread: {
      id: thread.id,
      title: thread.title,
      forumId: thread.forumId,
      forumSlug: thread.forumSlug,
      forumName: thread.forumName,
      forumNameLanguage: thread.forumNameLanguage,
      locked: thread.locked,
      postCount: thread.postCount,
      held: thread.held,
      slowModeSeconds: thread.slowModeSeconds,
    },
    isModerator: moderator,
    canSecure: moderator || isOfficial(actor, town.id),
    sanction: sanction ? { kind: sanction.kind, endsAt: sanction.endsAt.toISOString(), decisionId: sanction.decisionId } : null,
    posts,
    page,
    lastPage,
    filter,
    nextAfter: filter && posts.length === POSTS_PER_PAGE ? posts[posts.length - 1].position : null,
    languages,
    me: actor ? { userId: actor.userId } : null,
    canReply: canPostInForum(actor, town.id, { staffOnlyPosting: thread.staffOnlyPosting }) && !thread.locked && !sanction,
    isMember: isMemberOf(actor, town.id),
    following,
    quote: quoted ? { id: quoted.id, name: quoted.authorName } : null,
    posted: posted ? { id: posted.id, status: posted.status, position: posted.position } : postedId ? { id: postedId, status: 'published' as const, position: 0 } : null,
    clientKey: newClientKey(),
  };
});

const replyForm = replySchema.extend({ intent: z.literal('reply') });
const threadSchema = z.discriminatedUnion('intent', [
  replyForm,
  z.object({ intent: z.literal('follow') }),
  z.object({ intent: z.literal('unfollow') }),
  z.object({ intent: z.literal('delete'), postId: idSchema }),
]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const submission = await parseSubmission(args.request, threadSchema);
  if (submission.status !== 'success') return rejected(submission, threadSchema);
  const input = submission.value;
  return attempt(
    args.request,
    submission,
    threadSchema,
    async () => {
      // Inside attempt: while the database is down these fail too, and the reply must still be kept.
      const { actor, town } = await signedInTownPage(args);
      const threadId = requireId(args.params.threadId);
      const base = `/towns/${town.slug}/threads/${threadId}`;
      if (input.intent === 'reply') {
        // createReply reads the thread itself, as this reader may see it ("not found" otherwise).
        const { postId, position } = await createReply(actor, { ...input, townId: town.id, threadId });
        return redirect(`${base}?page=${Math.ceil(position / POSTS_PER_PAGE)}&posted=${postId}#post-${postId}`);
      }
      const thread = await getThread(actor, { townId: town.id, threadId });
      if (input.intent === 'follow' || input.intent === 'unfollow') {
        await setFollowing(actor, { townId: town.id, threadId: thread.id, follow: input.intent === 'follow' });
        return redirect(base);
      }
      await deletePost(actor, { townId: town.id, postId: input.postId });
      return redirect(`/posts/${input.postId}`);
    },
    { field: 'bodyText', label: 'forums:composer.yourReply' },
  );
});

export default function ThreadPage() {
  const { t } = useTranslation(['forums', 'common', 'editor']);
  const data = useLoaderData<typeof loader>();
  const { thread, town, page, lastPage, filter, me, canReply } = data;
  const [form, fields] = useAppForm(replyForm, { formName: 'reply' });
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const sending = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'reply';
  const formatDate = useDateFormat();
  const postLabels = usePostLabels();

  const live = useLiveThread({
    threadId: thread.id,
    pagePosts: data.posts,
    lastPosition: thread.postCount,
    live: page === lastPage && !filter,
    currentUserId: me?.userId ?? null,
    onResync: () => revalidator.revalidate(),
  });

  // After posting: confirm it where the reader is — announced, and the new post focused.
  const confirmed = useRef<number | null>(null);
  const { setAnnouncement } = live;
  useEffect(() => {
    if (!data.posted || confirmed.current === data.posted.id) return;
    confirmed.current = data.posted.id;
    // A new thread's first post was written in its forum's composer: that draft is done too.
    if (data.posted.position === 1) clearDraft(`thread:${thread.forumId}`);
    setAnnouncement(data.posted.status === 'held' ? t('composer.postedHeld') : t('composer.posted'));
    document.getElementById(`post-${data.posted.id}`)?.focus();
  }, [data.posted, setAnnouncement, t, thread.forumId]);

  const pageLink = (n: number) => `?page=${n}`;
  return (
    <div className="stack thread-page">
      <nav aria-label={t('thread.breadcrumb')} className="breadcrumb">
        <Link to={`/towns/${town.slug}`}>{town.name}</Link> › <Link to={`/towns/${town.slug}/forums/${thread.forumSlug}`} lang={thread.forumNameLanguage}>
          {thread.forumName}
        </Link>
      </nav>
      <h2 className="thread-title" dir="auto">
        {thread.title}
      </h2>
      <div className="thread-tools">
        <p className="readers" aria-live="off">
          {live.readers ? t('live.readers', { count: live.readers }) : null}
        </p>
        {me ? (
          <Form method="post">
            <button type="submit" name="intent" value={data.following ? 'unfollow' : 'follow'} className="button small">
              {data.following ? t('thread.unfollow') : t('thread.follow')}
            </button>
          </Form>
        ) : null}
        {data.languages.length > 1 || filter ? (
          <form method="get" className="language-filter">
            <label htmlFor="thread-language">{t('thread.filterLanguage')}</label>
            <select id="thread-language" name="lang" defaultValue={filter ?? ''}>
              <option value="">{t('thread.allLanguages')}</option>
              {data.languages.map((language) => (
                <option key={language} value={language} lang={language}>
                  {LANGUAGE_NAMES[language as Language] ?? language}
                </option>
              ))}
            </select>
            <button type="submit" className="button small">
              {t('thread.applyFilter')}
            </button>
          </form>
        ) : null}
      </div>
      {data.isModerator ? (
        <p>
          <Link to={`/towns/${town.slug}/threads/${thread.id}/moderate`} className="button small">
            {t('moderation:threadModeration.link')}
          </Link>
        </p>
      ) : null}
      {thread.held ? <Notice>{t('moderation:thread.held')}</Notice> : null}
      {thread.locked ? <Notice>{t('thread.locked')}</Notice> : null}
      {thread.slowModeSeconds ? <p className="alert">{t('moderation:thread.slowMode', { count: thread.slowModeSeconds })}</p> : null}
      {live.catchUpIncomplete ? (
        <p className="alert" role="status">
          {t('live.tooManyMissed')} <a href={`?page=${lastPage}`}>{t('live.reload')}</a>
        </p>
      ) : null}
      {filter ? null : <Pagination page={page} lastPage={lastPage} link={pageLink} label={t('thread.pages')} />}
      <div className="posts">
        {live.posts.map((post) => (
          <PostItem
            key={post.id}
            post={post}
            labels={postLabels}
            formatDate={formatDate}
            townSlug={town.slug}
            currentUserId={me?.userId ?? null}
            canReply={canReply}
            isModerator={data.isModerator}
            canSecure={data.canSecure}
            isNew={live.newIds.has(post.id)}
          />
        ))}
      </div>
      {filter && data.nextAfter ? (
        <p>
          <Link to={`?lang=${filter}&after=${data.nextAfter}`}>{t('thread.morePosts')}</Link>
        </p>
      ) : null}
      {filter ? null : <Pagination page={page} lastPage={lastPage} link={pageLink} label={t('thread.pagesBottom')} />}
      {live.pendingCount ? (
        <button type="button" className="button primary new-posts" onClick={live.showPending}>
          {t('live.showNewPosts', { count: live.pendingCount })}
        </button>
      ) : null}
      {live.newElsewhere ? (
        <p className="new-posts-elsewhere">
          <Link to={`?page=${lastPage}`}>{t('live.newPostsOnLastPage', { count: live.newElsewhere })}</Link>
        </p>
      ) : null}
      <div className="visually-hidden" aria-live="polite" role="status">
        {live.announcement}
      </div>
      <p className="typing" aria-live="off">
        {live.typingNames.length ? t('live.typing', { names: live.typingNames.join(', '), count: live.typingNames.length }) : '\u00a0'}
      </p>
      <section id="composer" aria-labelledby="reply-heading" className="card">
        <h3 id="reply-heading">{t('thread.reply')}</h3>
        {canReply ? (
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormAlert errors={form.errors} />
            {data.quote ? (
              <p className="quoting">
                {t('composer.quoting', { name: data.quote.name ?? t('post.formerMember') })} <Link to={`?page=${page}#composer`}>{t('composer.removeQuote')}</Link>
                <input type="hidden" name="quotedPostId" value={data.quote.id} />
              </p>
            ) : null}
            <Composer
              key={data.posted?.id ?? 'compose'}
              fields={fields}
              draftKey={`reply:${thread.id}`}
              clientKey={data.clientKey}
              label={t('composer.yourReply')}
              posted={!!data.posted}
              onTyping={live.announceTyping}
            />
            <button type="submit" name="intent" value="reply" className="button primary" disabled={sending} aria-disabled={sending || undefined}>
              {sending ? t('composer.sending') : t('composer.send')}
            </button>
          </Form>
        ) : (
          <p data-testid="cannot-reply">
            {data.sanction ? (
              <>
                {t(`moderation:thread.${data.sanction.kind === 'suspend' ? 'suspended' : 'muted'}`, { until: formatDate(data.sanction.endsAt) })}{' '}
                <Link to={`/decisions/${data.sanction.decisionId}`}>{t('moderation:post.why')}</Link>
              </>
            ) : thread.locked ? (
              t('thread.locked')
            ) : me ? (
              data.isMember ? (
                t('errors.staffOnly')
              ) : (
                t('composer.joinFirst')
              )
            ) : (
              t('composer.signInFirst')
            )}
          </p>
        )}
      </section>
    </div>
  );
}
