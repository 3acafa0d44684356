import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { searchSchema } from '#app/domain/forums/schemas';
import { searchTown } from '#app/domain/forums/search.server';
import { MARK_END, MARK_START } from '#app/domain/forums/search-marks';
import { parseCount } from '#app/domain/ids';
import { routeLoader, townPage } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';

export const handle = { i18n: ['common', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  const url = new URL(args.request.url);
  const q = (url.searchParams.get('q') ?? '').slice(0, 300);
  const offset = parseCount(url.searchParams.get('offset'), 0, 1000);
  const title = await pageTitle(args, 'forums:search.title', { town: town.name });
  if (!url.searchParams.has('q')) return { title, q, hits: [], more: false, offset, error: null, searched: false };
  const parsed = searchSchema.safeParse({ q });
  if (!parsed.success) return { title, q, hits: [], more: false, offset, error: parsed.error.issues[0].message, searched: false };
  const { hits, more } = await searchTown(actor, { townId: town.id, query: parsed.data.q, language: await languageOf(args.request, args.context), offset });
  return { title, q, hits, more, offset, error: null, searched: true };
});

/** A snippet with its highlights, built as React nodes: the stored text is never inserted as HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MARK_START}[^${MARK_END}]*${MARK_END})`));
  return (
    <>
      {parts.map((part, i) => (part.startsWith(MARK_START) ? <mark key={i}>{part.slice(1, -1)}</mark> : <span key={i}>{part}</span>))}
    </>
  );
}

export default function Search() {
  const { t } = useTranslation(['forums', 'common']);
  const { q, hits, more, offset, error, searched } = useLoaderData<typeof loader>();
  const formatDate = useDateFormat({ dateStyle: 'medium' });
  return (
    <div className="stack">
      <h2>{t('search.heading')}</h2>
      <form method="get" className="search-form" role="search">
        <div className={`field${error ? ' has-error' : ''}`}>
          <label htmlFor="search-q">{t('search.label')}</label>
          <input id="search-q" type="search" name="q" defaultValue={q} aria-describedby={error ? 'search-error' : undefined} aria-invalid={error ? true : undefined} />
          {error ? (
            <p className="field-error" id="search-error">
              {t(error)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button primary">
          {t('search.submit')}
        </button>
      </form>
      {searched ? (
        <p role="status">{hits.length ? t('search.results', { count: hits.length + offset, more: more ? '+' : '' }) : t('search.none', { q })}</p>
      ) : null}
      <ol className="search-results">
        {hits.map((hit) => (
          <li key={hit.postId} className="card">
            <h3>
              <Link to={`/posts/${hit.postId}`} dir="auto">
                {hit.threadTitle}
              </Link>
            </h3>
            <p className="meta">
              <bdi lang={hit.forumNameLanguage}>{hit.forumName}</bdi> · <bdi>{hit.authorName ?? t('post.formerMember')}</bdi> · {formatDate(hit.createdAt)} ·{' '}
              <span lang={hit.language}>{LANGUAGE_NAMES[hit.language as Language] ?? hit.language}</span>
            </p>
            <p lang={hit.language} dir="auto">
              <Snippet text={hit.snippet} />
            </p>
          </li>
        ))}
      </ol>
      {more ? <Link to={`?q=${encodeURIComponent(q)}&offset=${offset + 20}`}>{t('search.more')}</Link> : null}
    </div>
  );
}
