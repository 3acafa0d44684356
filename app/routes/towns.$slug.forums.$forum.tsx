import { redirect, type LinksFunction, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import editorStyles from '#app/editor/editor.css';
import { canPostInForum, isMemberOf } from '#app/domain/auth/permissions';
import { getForum } from '#app/domain/forums/forums.server';
import { listThreads } from '#app/domain/forums/threads.server';
import { newThreadSchema } from '#app/domain/forums/schemas';
import { newClientKey } from '#app/domain/forums/client-key.server';
import { createThread } from '#app/domain/posting/posting.server';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { routeAction, routeLoader, townPage, type RouteArgs, signedInTownPage } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { Field, FormAlert } from '#app/components/ui/field';
import { Composer } from '#app/components/forums/composer';
import { useForumLive } from '#app/realtime/use-thread-live';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'forums', 'editor'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const forumOf = async (args: RouteArgs, townId: number) =>
  getForum(null, { townId, slug: args.params.forum ?? '', language: await languageOf(args.request, args.context) });

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  const forum = await forumOf(args, town.id);
  const cursor = new URL(args.request.url).searchParams.get('before')?.slice(0, 100) ?? null;
  const { threads, next } = await listThreads(actor, { townId: town.id, forumId: forum.id, cursor });
  return {
    title: await pageTitle(args, 'forums:forum.pageTitle', { forum: forum.name, town: town.name }),
    town: { slug: town.slug, name: town.name },
    forum: { id: forum.id, name: forum.name, description: forum.description, textLanguage: forum.textLanguage, staffOnlyPosting: forum.staffOnlyPosting },
    threads,
    next,
    older: !!cursor,
    signedIn: !!actor,
    canPost: canPostInForum(actor, town.id, forum),
    isMember: isMemberOf(actor, town.id),
    clientKey: newClientKey(),
  };
});

const threadForm = newThreadSchema.extend({ intent: z.literal('start-thread') });

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  return formAction(args.request, threadForm, async (input) => {
    // Inside attempt: while the database is down these fail too, and what was typed must still be kept.
    const { actor, town } = await signedInTownPage(args);
    const forum = await forumOf(args, town.id);
    const { threadId, postId } = await createThread(actor, { ...input, townId: town.id, forumId: forum.id });
    return redirect(`/towns/${town.slug}/threads/${threadId}?posted=${postId}`);
  }, { keep: { field: 'bodyText', label: 'forums:composer.firstPost' } });
});

export default function ForumPage() {
  const { t } = useTranslation(['forums', 'common', 'editor']);
  const { town, forum, threads, next, older, canPost, signedIn, isMember, clientKey } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(threadForm, { formName: 'start-thread' });
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const sending = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'start-thread';
  useForumLive(forum.id, () => revalidator.revalidate());
  const formatDate = useDateFormat();
  return (
    <div className="stack">
      <nav aria-label={t('thread.breadcrumb')} className="breadcrumb">
        <Link to={`/towns/${town.slug}`}>{town.name}</Link>
      </nav>
      <h2 lang={forum.textLanguage}>{forum.name}</h2>
      {forum.description ? (
        <p className="lead" lang={forum.textLanguage}>
          {forum.description}
        </p>
      ) : null}
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
                {t('forum.lastActivity', { when: formatDate(thread.lastPostAt) })}
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
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormAlert errors={form.errors} />
            <Field field={fields.title} label={t('forum.threadTitle')} dir="auto" />
            <Composer fields={fields} draftKey={`thread:${forum.id}`} clientKey={clientKey} label={t('composer.firstPost')} />
            <button type="submit" name="intent" value="start-thread" className="button primary" disabled={sending}>
              {sending ? t('composer.sending') : t('forum.startThread')}
            </button>
          </Form>
        ) : (
          <p>{!signedIn ? t('composer.signInFirst') : !isMember ? t('composer.joinFirst') : forum.staffOnlyPosting ? t('errors.staffOnly') : t('errors.verifyFirst')}</p>
        )}
      </section>
    </div>
  );
}
