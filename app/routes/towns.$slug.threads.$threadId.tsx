import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRevalidator, useSearchParams } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import editorStyles from '#app/editor/editor.css';
import { canModerate, canPostInForum, isMemberOf, type MaybeActor } from '#app/domain/auth/permissions';
import { replySchema } from '#app/domain/forums/schemas';
import { getReadableThread, markThreadRead } from '#app/domain/forums/threads.server';
import { sanctionOf } from '#app/domain/moderation/screening.server';
import { createReply, deletePost, listPostsInLanguage, listPostsPage, POSTS_PER_PAGE, threadLanguages, type PostView } from '#app/domain/forums/posts.server';
import { isFollowing, setFollowing } from '#app/domain/forums/notifications.server';
import { isContentLanguage } from '#app/domain/forums/language';
import { domainFailure, invalid, keepSubmissionIfUnavailable, parseForm } from '#app/forms.server';
import { getActor, orNotFound, requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';
import { FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { PostItem } from '#app/components/forums/post-item';
import { Composer } from '#app/components/forums/composer';
import { Pagination } from '#app/components/forums/pagination';
import { useThreadLive } from '#app/realtime/use-thread-live';
import { useDateFormat } from '#app/components/moderation/use-date-format';

export const handle = { i18n: ['common', 'forums', 'editor', 'moderation'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const threadOr404 = (actor: MaybeActor, townId: number, id: string | undefined) => orNotFound(getReadableThread(actor, townId, Number(id) || 0));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const town = await requireTown(params.slug);
  const actor = await getActor(request, context);
  const thread = await threadOr404(actor, town.id, params.threadId);
  const moderator = canModerate(actor, town.id);
  const viewer = { userId: actor?.userId ?? null, moderator };
  const sanction = actor ? await sanctionOf(town.id, actor.userId) : null;
  const url = new URL(request.url);
  const lastPage = Math.max(1, Math.ceil(thread.postCount / POSTS_PER_PAGE));
  const language = url.searchParams.get('lang');
  const filter = isContentLanguage(language) ? language : null;
  const page = Math.min(lastPage, Math.max(1, Number(url.searchParams.get('page')) || 1));
  const after = Math.max(0, Number(url.searchParams.get('after')) || 0);
  const posts = filter ? await listPostsInLanguage(thread.id, filter, after, viewer) : await listPostsPage(thread.id, page, viewer);
  if (!filter && posts.length) await markThreadRead(actor, thread.id, posts[posts.length - 1].position);
  const quote = Number(url.searchParams.get('quote')) || null;
  return {
    title: await pageTitle(request, context, 'forums:thread.pageTitle', { title: thread.title }),
    town: { slug: town.slug, name: town.name },
    thread: {
      id: thread.id,
      title: thread.title,
      forumSlug: thread.forumSlug,
      forumName: thread.forumName,
      locked: thread.locked,
      postCount: thread.postCount,
      held: thread.held,
      slowModeSeconds: thread.slowModeSeconds,
    },
    isModerator: moderator,
    sanction: sanction ? { kind: sanction.kind, endsAt: sanction.endsAt.toISOString(), decisionId: sanction.decisionId } : null,
    posts,
    page,
    lastPage,
    filter,
    nextAfter: filter && posts.length === POSTS_PER_PAGE ? posts[posts.length - 1].position : null,
    languages: await threadLanguages(thread.id),
    me: actor ? { userId: actor.userId } : null,
    canReply: canPostInForum(actor, town.id, { staffOnlyPosting: thread.staffOnlyPosting }) && !thread.locked && !sanction,
    isMember: isMemberOf(actor, town.id),
    following: await isFollowing(actor, thread.id),
    quote: quote && posts.some((p) => p.id === quote) ? { id: quote, name: posts.find((p) => p.id === quote)!.authorName } : quote ? { id: quote, name: null } : null,
    posted: url.searchParams.has('posted'),
  };
}

const postIdSchema = z.object({ postId: z.coerce.number().int().positive() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  try {
    // Inside the try: while the database is down, these fail too, and the reply must still be kept.
    const actor = await requireActor(request, context);
    const town = await requireTown(params.slug);
    const thread = await threadOr404(actor, town.id, params.threadId);
    const intent = formData.get('intent');
    const base = `/towns/${town.slug}/threads/${thread.id}`;
    if (intent === 'follow' || intent === 'unfollow') {
      await setFollowing(actor, town.id, thread.id, intent === 'follow');
      return redirect(base);
    }
    if (intent === 'delete') {
      const parsed = parseForm(postIdSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      await deletePost(actor, town.id, parsed.value.postId);
      return redirect(`/posts/${parsed.value.postId}`);
    }
    const parsed = parseForm(replySchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const { postId, position } = await createReply(actor, town.id, thread.id, parsed.value);
    return redirect(`${base}?page=${Math.ceil(position / POSTS_PER_PAGE)}&posted=${postId}#post-${postId}`);
  } catch (error) {
    await keepSubmissionIfUnavailable(error, request, formData, { field: 'bodyText', label: 'forums:composer.yourReply' });
    return domainFailure(error, formData);
  }
}

/** Can the reader see the end of the posts (so new ones may simply appear), or are they reading further up? */
function atEndOfPosts() {
  const last = document.querySelector('.posts > .post:last-child');
  return !last || last.getBoundingClientRect().bottom <= window.innerHeight + 100;
}

export default function ThreadPage() {
  const { t } = useTranslation(['forums', 'common', 'editor']);
  const data = useLoaderData<typeof loader>();
  const { thread, town, page, lastPage, filter, me, canReply } = data;
  const { errors, value } = useFormFailure();
  const revalidator = useRevalidator();
  const formatDate = useDateFormat();
  const [searchParams] = useSearchParams();
  const live = page === lastPage && !filter;

  const [extra, setExtra] = useState<PostView[]>([]);
  const [pending, setPending] = useState<PostView[]>([]);
  const [changes, setChanges] = useState<Record<number, PostView | 'deleted'>>({});
  const [announcement, setAnnouncement] = useState('');
  const [newElsewhere, setNewElsewhere] = useState(0);

  // The loader's posts plus what arrived live, each once, in thread order, with live edits applied.
  const shown = useMemo(() => {
    const byId = new Map<number, PostView>();
    for (const post of [...data.posts, ...extra]) byId.set(post.id, post);
    return [...byId.values()]
      .sort((a, b) => a.position - b.position)
      .map((post) => {
        const change = changes[post.id];
        if (change === 'deleted') return { ...post, deleted: true, bodyHtml: null };
        return change ?? post;
      });
  }, [data.posts, extra, changes]);

  useEffect(() => {
    setExtra((current) => current.filter((post) => !data.posts.some((p) => p.id === post.id)));
  }, [data.posts]);

  const onPosts = useCallback(
    (posts: PostView[]) => {
      const fresh = posts.filter((post) => !shown.some((p) => p.id === post.id) && !pending.some((p) => p.id === post.id));
      if (!fresh.length) return;
      if (!live) {
        setNewElsewhere((n) => n + fresh.length);
        return;
      }
      const own = fresh.filter((post) => post.authorId === me?.userId);
      const others = fresh.filter((post) => post.authorId !== me?.userId);
      if (own.length) setExtra((current) => [...current, ...own]);
      if (!others.length) return;
      if (atEndOfPosts()) {
        setExtra((current) => [...current, ...others]);
        setAnnouncement(t('live.newPostBy', { name: others[others.length - 1].authorName ?? t('post.formerMember') }));
      } else {
        setPending((current) => [...current, ...others]);
        setAnnouncement(t('live.newPostsWaiting', { count: pending.length + others.length }));
      }
    },
    [shown, pending, live, me, t],
  );

  const { readers, typingNames, announceTyping } = useThreadLive({
    threadId: thread.id,
    lastPosition: thread.postCount,
    currentUserId: me?.userId ?? null,
    onPosts,
    onUpdated: (post) => setChanges((all) => ({ ...all, [post.id]: post })),
    onDeleted: (postId) => setChanges((all) => ({ ...all, [postId]: 'deleted' })),
    onResync: () => revalidator.revalidate(),
  });

  const showPending = () => {
    const first = pending[0];
    setExtra((current) => [...current, ...pending]);
    setPending([]);
    requestAnimationFrame(() => document.getElementById(`post-${first.id}`)?.scrollIntoView({ block: 'start' }));
  };

  const pageLink = (n: number) => `?page=${n}`;
  return (
    <div className="stack thread-page">
      <nav aria-label={t('thread.breadcrumb')} className="breadcrumb">
        <Link to={`/towns/${town.slug}`}>{town.name}</Link> › <Link to={`/towns/${town.slug}/forums/${thread.forumSlug}`}>{thread.forumName}</Link>
      </nav>
      <h2 className="thread-title" dir="auto">{thread.title}</h2>
      <div className="thread-tools">
        <p className="readers" aria-live="off">
          {readers ? t('live.readers', { count: readers }) : null}
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
      {filter ? null : <Pagination page={page} lastPage={lastPage} link={pageLink} label={t('thread.pages')} />}
      <div className="posts">
        {shown.map((post) => (
          <PostItem
            key={post.id}
            post={post}
            townSlug={town.slug}
            currentUserId={me?.userId ?? null}
            canReply={canReply}
            isModerator={data.isModerator}
            isNew={extra.some((p) => p.id === post.id)}
          />
        ))}
      </div>
      {filter && data.nextAfter ? (
        <p>
          <Link to={`?lang=${filter}&after=${data.nextAfter}`}>{t('thread.morePosts')}</Link>
        </p>
      ) : null}
      {filter ? null : <Pagination page={page} lastPage={lastPage} link={pageLink} label={t('thread.pagesBottom')} />}
      {pending.length ? (
        <button type="button" className="button primary new-posts" onClick={showPending}>
          {t('live.showNewPosts', { count: pending.length })}
        </button>
      ) : null}
      {newElsewhere ? (
        <p className="new-posts-elsewhere">
          <Link to={`?page=${lastPage}`}>{t('live.newPostsOnLastPage', { count: newElsewhere })}</Link>
        </p>
      ) : null}
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      <p className="typing" aria-live="off">
        {typingNames.length ? t('live.typing', { names: typingNames.join(', '), count: typingNames.length }) : '\u00a0'}
      </p>
      <section id="composer" aria-labelledby="reply-heading" className="card">
        <h3 id="reply-heading">{t('thread.reply')}</h3>
        {canReply ? (
          <Form method="post" className="stack" noValidate>
            <FormAlert error={errors.form} />
            {data.quote ? (
              <p className="quoting">
                {t('composer.quoting', { name: data.quote.name ?? t('post.formerMember') })}{' '}
                <Link to={`?page=${page}#composer`}>{t('composer.removeQuote')}</Link>
                <input type="hidden" name="quotedPostId" value={data.quote.id} />
              </p>
            ) : null}
            <Composer
              draftKey={`reply:${thread.id}`}
              label={t('composer.yourReply')}
              error={errors.body ?? errors.bodyText ?? errors.quotedPostId}
              previousBody={value('body') || undefined}
              previousText={value('bodyText') || undefined}
              language={value('language', 'auto')}
              posted={searchParams.has('posted')}
              onTyping={announceTyping}
            />
            <button type="submit" name="intent" value="reply" className="button primary">
              {t('composer.send')}
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
