import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listRevisions } from '#app/domain/forums/posts.server';
import { isDomainError } from '#app/domain/errors';
import { requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';

export const handle = { i18n: ['common', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const town = await requireTown(params.slug);
  try {
    const { post, revisions } = await listRevisions(town.id, Number(params.postId) || 0);
    return {
      title: await pageTitle(request, context, 'forums:history.title'),
      post,
      revisions: revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    };
  } catch (error) {
    if (isDomainError(error)) throw new Response('Not found', { status: 404 });
    throw error;
  }
}

/** The kept versions of an edited post: the current text first, then each earlier one. */
export default function PostHistory() {
  const { t, i18n } = useTranslation(['forums', 'common']);
  const { post, revisions } = useLoaderData<typeof loader>();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="stack">
      <h2>{t('history.title')}</h2>
      <p>
        <Link to={`/posts/${post.id}`}>{t('history.back')}</Link>
      </p>
      <section className="card" aria-labelledby="current-version">
        <h3 id="current-version">{t('history.current', { when: when.format(new Date(post.editedAt ?? post.createdAt)) })}</h3>
        <div className="post-body" lang={post.language} dir="auto" dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? '' }} />
      </section>
      {revisions.map((revision, i) => (
        <section key={revision.id} className="card" aria-labelledby={`revision-${revision.id}`}>
          <h3 id={`revision-${revision.id}`}>{t('history.before', { number: revisions.length - i, when: when.format(new Date(revision.createdAt)) })}</h3>
          <div className="post-body" lang={post.language} dir="auto" dangerouslySetInnerHTML={{ __html: revision.bodyHtml }} />
        </section>
      ))}
    </div>
  );
}
