/**
 * Full-text search in one town's forums. Each post is indexed with its language's stemmer plus word by word
 * ('simple'), and the query is read both ways, so "Spielplätze" finds "Spielplatz" and a Ukrainian word
 * finds itself. Only what the reader may read is found (visibility.server.ts).
 */
import { sql } from '#app/database/client.server';
import { SEARCH_CONFIGS, searchConfigFor } from './language';
import { MARK_END, MARK_START } from './search-marks';
import { postTextShown, threadReadable } from './visibility.server';
import { forumTextLanguage, localisedForumName } from './forum-texts.server';
import type { MaybeActor } from '#app/domain/auth/permissions';

export interface SearchHit {
  postId: number;
  threadId: number;
  threadTitle: string;
  forumName: string;
  forumNameLanguage: string;
  authorName: string | null;
  language: string;
  createdAt: Date;
  /** Plain text with highlight markers (MARK_START … MARK_END); the page escapes it and marks the hits. */
  snippet: string;
}

const PAGE = 20;

/** The stemmer of each post's own language, so highlights match what the index matched. */
const postConfig = sql.unsafe(
  `case p.language ${Object.entries(SEARCH_CONFIGS).map(([lng, cfg]) => `when '${lng}' then '${cfg}'`).join(' ')} else 'simple' end::regconfig`,
);

export async function searchTown(
  actor: MaybeActor,
  input: { townId: number; query: string; language: string; offset?: number },
): Promise<{ hits: SearchHit[]; more: boolean }> {
  const { query } = input;
  const config = searchConfigFor(input.language);
  const rows = await sql<(SearchHit & { rank: number })[]>`
    with q as (select websearch_to_tsquery(${config}::regconfig, ${query}) || websearch_to_tsquery('simple', ${query}) as query)
    select p.id as post_id, p.thread_id, t.title as thread_title, ${localisedForumName(input.language)} as forum_name, ${forumTextLanguage(input.language)} as forum_name_language, u.display_name as author_name,
           p.language, p.created_at,
           ts_headline(${postConfig}, p.body_text, q.query,
                       ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet,
           ts_rank(p.search_vector, q.query) as rank
      from posts p cross join q
      join threads t on t.id = p.thread_id
      join forums f on f.id = t.forum_id
      join municipalities m on m.id = p.municipality_id
      left join users u on u.id = p.author_id
     where p.municipality_id = ${input.townId} and ${threadReadable(actor)} and ${postTextShown(actor)} and p.search_vector @@ q.query
     order by rank desc, p.id desc
     limit ${PAGE + 1} offset ${Math.min(input.offset ?? 0, 1000)}`;
  return { hits: rows.slice(0, PAGE), more: rows.length > PAGE };
}
