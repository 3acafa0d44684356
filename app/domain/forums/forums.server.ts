/** Forums of a town: listed for everyone, managed by the town's admins (and the network team). */
import { sql } from '#app/db.server';
import { DomainError } from '#app/domain/errors';
import { canManageForums, type MaybeActor } from '#app/domain/auth/permissions';

export interface Forum {
  id: number;
  municipalityId: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  staffOnlyPosting: boolean;
  threadCount: number;
  postCount: number;
  lastPostAt: Date | null;
}

export async function listForums(townId: number): Promise<Forum[]> {
  return sql<Forum[]>`
    select f.id, f.municipality_id, f.slug, f.name, f.description, f.position, f.staff_only_posting,
           count(t.id)::int as thread_count, coalesce(sum(t.visible_post_count), 0)::int as post_count, max(t.last_post_at) as last_post_at
      from forums f left join threads t on t.forum_id = f.id
     where f.municipality_id = ${townId}
     group by f.id
     order by f.position, f.name`;
}

export async function getForum(townId: number, slug: string): Promise<Forum> {
  const [forum] = await sql<Forum[]>`
    select f.id, f.municipality_id, f.slug, f.name, f.description, f.position, f.staff_only_posting,
           0 as thread_count, 0 as post_count, null as last_post_at
      from forums f where f.municipality_id = ${townId} and f.slug = ${slug}`;
  if (!forum) throw new DomainError('not_found', 'forums:errors.forumNotFound');
  return forum;
}

export interface ForumInput {
  name: string;
  slug: string;
  description: string;
  position: number;
  staffOnlyPosting: boolean;
}

export async function createForum(actor: MaybeActor, townId: number, input: ForumInput): Promise<void> {
  if (!canManageForums(actor, townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const [taken] = await sql`select 1 from forums where municipality_id = ${townId} and slug = ${input.slug}`;
  if (taken) throw new DomainError('conflict', 'towns:errors.slugTaken', {}, 'slug');
  await sql`insert into forums (municipality_id, slug, name, description, position, staff_only_posting)
            values (${townId}, ${input.slug}, ${input.name}, ${input.description}, ${input.position}, ${input.staffOnlyPosting})`;
}

export async function updateForum(actor: MaybeActor, townId: number, forumId: number, input: ForumInput): Promise<void> {
  if (!canManageForums(actor, townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const [clash] = await sql`select 1 from forums where municipality_id = ${townId} and slug = ${input.slug} and id <> ${forumId}`;
  if (clash) throw new DomainError('conflict', 'towns:errors.slugTaken', {}, 'slug');
  const result = await sql`
    update forums set slug = ${input.slug}, name = ${input.name}, description = ${input.description},
                      position = ${input.position}, staff_only_posting = ${input.staffOnlyPosting}
     where id = ${forumId} and municipality_id = ${townId}`;
  if (result.count === 0) throw new DomainError('not_found', 'forums:errors.forumNotFound');
}

export interface PostingLimit {
  postsPerWindow: number;
  postWindowSeconds: number;
}

export async function getPostingLimit(townId: number): Promise<PostingLimit> {
  const [row] = await sql<PostingLimit[]>`select posts_per_window, post_window_seconds from municipalities where id = ${townId}`;
  return row;
}

/** How many posts one person may write in the town per time window (a brake on floods, not on debate). */
export async function setPostingLimit(actor: MaybeActor, townId: number, limit: PostingLimit): Promise<void> {
  if (!canManageForums(actor, townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  await sql`update municipalities set posts_per_window = ${limit.postsPerWindow}, post_window_seconds = ${limit.postWindowSeconds} where id = ${townId}`;
}
