import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listRevisions } from '#app/domain/forums/posts.server';
import { requireId, routeLoader, townPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Only for a post the reader may read and whose text is shown (not a held post of someone else, not a hidden one). */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  const { post, revisions } = await listRevisions(actor, { townId: town.id, postId: requireId(args.params.postId) });
  return { title: await pageTitle(args, 'forums:history.title'), post, revisions };
});

/** The kept versions of an edited post: the current text first, then each earlier one. */
export default function PostHistory() {
  const { t } = useTranslation(['forums', 'common']);
  const { post, revisions } = useLoaderData<typeof loader>();
  const formatDate = useDateFormat();
  return (
    <div className="stack">
      <h2>{t('history.title')}</h2>
      <p>
        <Link to={`/posts/${post.id}`}>{t('history.back')}</Link>
      </p>
      <section className="card" aria-labelledby="current-version">
        <h3 id="current-version">{t('history.current', { when: formatDate(post.editedAt ?? post.createdAt) })}</h3>
        <div className="post-body" lang={post.language} dir="auto" dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? '' }} />
      </section>
      {revisions.map((revision, i) => (
        <section key={revision.id} className="card" aria-labelledby={`revision-${revision.id}`}>
          <h3 id={`revision-${revision.id}`}>{t('history.before', { number: revisions.length - i, when: formatDate(revision.createdAt) })}</h3>
          <div className="post-body" lang={post.language} dir="auto" dangerouslySetInnerHTML={{ __html: revision.bodyHtml }} />
        </section>
      ))}
    </div>
  );
}
