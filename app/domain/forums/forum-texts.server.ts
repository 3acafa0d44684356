/**
 * A forum's name and description in the reader's language where the town translated them, else the text in
 * the town's default language (the plain columns). One rule for every list, page and breadcrumb; the SQL
 * expects the forum as `f` and its town as `m`.
 */
import { sql } from '#app/database/client.server';

export const localisedForumName = (language: string) => sql`coalesce(nullif(f.name_translations ->> ${language}, ''), f.name)`;

/** Which language the name is in, for the `lang` attribute of the element that shows it. */
export const forumTextLanguage = (language: string) =>
  sql`case when nullif(f.name_translations ->> ${language}, '') is not null then ${language}::text else m.default_language end`;

export const localisedForumColumns = (language: string) => sql`
  ${localisedForumName(language)} as name,
  coalesce(nullif(f.description_translations ->> ${language}, ''), f.description) as description,
  ${forumTextLanguage(language)} as text_language`;
