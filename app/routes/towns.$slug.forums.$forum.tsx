import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import editorStyles from '#app/editor/editor.css';
import { canPostInForum, isMemberOf } from '#app/domain/auth/permissions';
import { getForum } from '#app/domain/forums/forums.server';
import { createThread, listThreads } from '#app/domain/forums/threads.server';
import { newThreadSchema } from '#app/domain/forums/schemas';
import { domainFailure, invalid, keepSubmissionIfUnavailable, parseForm } from '#app/forms.server';
import { getActor, orNotFound, requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { Composer } from '#app/components/forums/composer';
import { useForumLive } from '#app/realtime/use-thread-live';

export const handle = { i18n: ['common', 'forums', 'editor'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const forumOr404 = (townId: number, slug: string | undefined) => orNotFound(getForum(townId, slug ?? ''));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const town = await requireTown(params.slug);
  const forum = await forumOr404(town.id, params.forum);
  const actor = await getActor(request, context);
  const cursor = new URL(request.url).searchParams.get('before');
  const { threads, next } = await listThreads(actor, forum, cursor);
  return {
    title: await pageTitle(request, context, 'forums:forum.pageTitle', { forum: forum.name, town: town.name }),
    town: { slug: town.slug, name: town.name },
    forum: { id: forum.id, name: forum.name, description: forum.description, staffOnlyPosting: forum.staffOnlyPosting },
    threads: threads.map((thread) => ({ ...thread, lastPostAt: thread.lastPostAt.toISOString() })),
    next,
    older: !!cursor,
    signedIn: !!actor,
    canPost: canPostInForum(actor, town.id, forum),
    isMember: isMemberOf(actor, town.id),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  try {
    // Inside the try: while the database is down these fail too, and what was typed must still be kept.
    const actor = await requireActor(request, context);
    const town = await requireTown(params.slug);
    const forum = await forumOr404(town.id, params.forum);
    const parsed = parseForm(newThreadSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const { threadId } = await createThread(actor, forum, parsed.value);
    return redirect(`/towns/${town.slug}/threads/${threadId}?posted=1`);
  } catch (error) {
    await keepSubmissionIfUnavailable(error, request, formData, { field: 'bodyText', label: 'forums:composer.firstPost' });
    return domainFailure(error, formData);
  }
}

export default function ForumPage() {
  const { t, i18n } = useTranslation(['forums', 'common', 'editor']);
  const { town, forum, threads, next, older, canPost, signedIn, isMember } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  const revalidator = useRevalidator();
  useForumLive(forum.id, () => revalidator.revalidate());
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="stack">
      <nav aria-label={t('thread.breadcrumb')} className="breadcrumb">
        <Link to={`/towns/${town.slug}`}>{town.name}</Link>
      </nav>
      <h2>{forum.name}</h2>
      {forum.description ? <p className="lead">{forum.description}</p> : null}
      {threads.length === 0 ? (
        <p>{t('forum.empty')}</p>
      ) : (
        <ul className="thread-list" aria-label={t('forum.threads')}>
          {threads.map((thread) => (
            <li key={thread.id} className={`thread-row${thread.unreadCount ? ' unread' : ''}`}>
              <h3>
                <Link to={`/towns/${town.slug}/threads/${thread.id}`} dir="auto">
                  {thread.title}
                </Link>
                {thread.pinned ? <span className="badge">{t('forum.pinned')}</span> : null}
                {thread.locked ? <span className="badge">{t('forum.locked')}</span> : null}
                {thread.unreadCount ? <span className="badge badge-unread">{t('forum.unread', { count: thread.unreadCount })}</span> : null}
              </h3>
              <p className="meta">
                {t('forum.startedBy', { name: thread.authorName ?? t('post.formerMember') })} · {t('forum.replies', { count: thread.replyCount })} ·{' '}
                {t('forum.lastActivity', { when: when.format(new Date(thread.lastPostAt)) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t('forum.paging')} className="actions">
        {older ? <Link to="?">{t('forum.newest')}</Link> : null}
        {next ? <Link to={`?before=${encodeURIComponent(next)}`}>{t('forum.older')}</Link> : null}
      </nav>
      <section className="card" aria-labelledby="new-thread-heading">
        <h3 id="new-thread-heading">{t('forum.newThread')}</h3>
        {canPost ? (
          <Form method="post" className="stack" noValidate>
            <FormAlert error={errors.form} />
            <Field name="title" label={t('forum.threadTitle')} required defaultValue={value('title')} error={errors.title} />
            <Composer
              draftKey={`thread:${forum.id}`}
              label={t('composer.firstPost')}
              error={errors.body ?? errors.bodyText}
              previousBody={value('body') || undefined}
              previousText={value('bodyText') || undefined}
              language={value('language', 'auto')}
            />
            <button type="submit" className="button primary">
              {t('forum.startThread')}
            </button>
          </Form>
        ) : (
          <p>{!signedIn ? t('composer.signInFirst') : !isMember ? t('composer.joinFirst') : forum.staffOnlyPosting ? t('errors.staffOnly') : t('errors.verifyFirst')}</p>
        )}
      </section>
    </div>
  );
}
