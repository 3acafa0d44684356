/**
 * Forums of a town: listed for everyone (in the reader's language where the town translated them), managed
 * by the town's admins and the network team.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { canManageForums, type MaybeActor } from '#app/domain/auth/permissions';
import type { ForumView } from './types';
import { localisedForumColumns } from './forum-texts.server';

export type { ForumView } from './types';


export async function listForums(_actor: MaybeActor, input: { townId: number; language: string }): Promise<ForumView[]> {
  return sql<ForumView[]>`
    select f.id, f.municipality_id, f.slug, ${localisedForumColumns(input.language)}, f.position, f.staff_only_posting,
           count(t.id) filter (where not t.held)::int as thread_count,
           coalesce(sum(t.visible_post_count) filter (where not t.held), 0)::int as post_count,
           max(t.last_post_at) filter (where not t.held) as last_post_at
      from forums f join municipalities m on m.id = f.municipality_id
      left join threads t on t.forum_id = f.id
     where f.municipality_id = ${input.townId}
     group by f.id, m.default_language
     order by f.position, f.name`;
}

export async function getForum(_actor: MaybeActor, input: { townId: number; slug: string; language: string }): Promise<ForumView> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug) || input.slug.length > 60) throw new DomainError('not_found', 'forums:errors.forumNotFound');
  const [forum] = await sql<ForumView[]>`
    select f.id, f.municipality_id, f.slug, ${localisedForumColumns(input.language)}, f.position, f.staff_only_posting,
           0 as thread_count, 0 as post_count, null as last_post_at
      from forums f join municipalities m on m.id = f.municipality_id
     where f.municipality_id = ${input.townId} and f.slug = ${input.slug}`;
  if (!forum) throw new DomainError('not_found', 'forums:errors.forumNotFound');
  return forum;
}

/** Town forums are public: anyone may follow a forum's thread list live. */
export async function readableForum(_actor: MaybeActor, input: { forumId: number }): Promise<boolean> {
  const [forum] = await sql`select 1 from forums where id = ${input.forumId}`;
  return !!forum;
}

export interface ManagedForum {
  id: number;
  slug: string;
  name: string;
  description: string;
  nameTranslations: Record<string, string>;
  descriptionTranslations: Record<string, string>;
  position: number;
  staffOnlyPosting: boolean;
}

/** Every forum with all its texts, for the town's forum management. */
export async function listManagedForums(actor: MaybeActor, input: { townId: number }): Promise<ManagedForum[]> {
  if (!canManageForums(actor, input.townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return sql<ManagedForum[]>`
    select id, slug, name, description, name_translations, description_translations, position, staff_only_posting
      from forums where municipality_id = ${input.townId} order by position, name`;
}

export interface ForumInput {
  townId: number;
  name: string;
  slug: string;
  description: string;
  position: number;
  staffOnlyPosting: boolean;
  nameTranslations: Record<string, string>;
  descriptionTranslations: Record<string, string>;
}

export async function createForum(actor: MaybeActor, input: ForumInput): Promise<void> {
  if (!canManageForums(actor, input.townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const [taken] = await sql`select 1 from forums where municipality_id = ${input.townId} and slug = ${input.slug}`;
  if (taken) throw new DomainError('conflict', 'towns:errors.slugTaken', {}, 'slug');
  await sql`insert into forums (municipality_id, slug, name, description, position, staff_only_posting, name_translations, description_translations)
            values (${input.townId}, ${input.slug}, ${input.name}, ${input.description}, ${input.position}, ${input.staffOnlyPosting},
                    ${sql.json(input.nameTranslations)}, ${sql.json(input.descriptionTranslations)})`;
}

export async function updateForum(actor: MaybeActor, input: ForumInput & { forumId: number }): Promise<void> {
  if (!canManageForums(actor, input.townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const [clash] = await sql`select 1 from forums where municipality_id = ${input.townId} and slug = ${input.slug} and id <> ${input.forumId}`;
  if (clash) throw new DomainError('conflict', 'towns:errors.slugTaken', {}, 'slug');
  const result = await sql`
    update forums set slug = ${input.slug}, name = ${input.name}, description = ${input.description},
                      position = ${input.position}, staff_only_posting = ${input.staffOnlyPosting},
                      name_translations = ${sql.json(input.nameTranslations)}, description_translations = ${sql.json(input.descriptionTranslations)}
     where id = ${input.forumId} and municipality_id = ${input.townId}`;
  if (result.count === 0) throw new DomainError('not_found', 'forums:errors.forumNotFound');
}

export interface PostingLimit {
  postsPerWindow: number;
  postWindowSeconds: number;
}

export async function getPostingLimit(actor: MaybeActor, input: { townId: number }): Promise<PostingLimit> {
  if (!canManageForums(actor, input.townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const [row] = await sql<PostingLimit[]>`select posts_per_window, post_window_seconds from municipalities where id = ${input.townId}`;
  return row;
}

/** How many posts one person may write in the town per time window (a brake on floods, not on debate). */
export async function setPostingLimit(actor: MaybeActor, input: { townId: number; postsPerWindow: number; postWindowMinutes: number }): Promise<void> {
  if (!canManageForums(actor, input.townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  await sql`update municipalities set posts_per_window = ${input.postsPerWindow}, post_window_seconds = ${input.postWindowMinutes * 60} where id = ${input.townId}`;
}
