/** Towns (tenants) of the network: listing, creation by the network team, joining and leaving. */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import { canJoinTown, canManageNetwork, isMemberOf, type MaybeActor } from '#app/domain/auth/permissions';

export interface Town {
  id: number;
  slug: string;
  name: string;
  state: string;
  defaultLanguage: string;
  languages: string[];
  memberCount: number;
}

export async function listTowns(_actor: MaybeActor): Promise<Town[]> {
  return sql<Town[]>`
    select m.id, m.slug, m.name, m.state, m.default_language, m.languages,
           (select count(*)::int from memberships where municipality_id = m.id) as member_count
      from municipalities m order by m.name`;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export async function getTownBySlug(_actor: MaybeActor, { slug }: { slug: string }): Promise<Town> {
  if (!SLUG.test(slug) || slug.length > 60) throw new DomainError('not_found', 'towns:errors.notFound');
  const [town] = await sql<Town[]>`
    select m.id, m.slug, m.name, m.state, m.default_language, m.languages,
           (select count(*)::int from memberships where municipality_id = m.id) as member_count
      from municipalities m where m.slug = ${slug}`;
  if (!town) throw new DomainError('not_found', 'towns:errors.notFound');
  return town;
}

export async function createTown(
  actor: MaybeActor,
  input: { name: string; slug: string; state: string; defaultLanguage: string; languages: string[] },
): Promise<Town> {
  if (!canManageNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const [taken] = await sql`select 1 from municipalities where slug = ${input.slug}`;
  if (taken) throw new DomainError('conflict', 'towns:errors.slugTaken', {}, 'slug');
  const [town] = await sql<Town[]>`
    insert into municipalities (slug, name, state, default_language, languages)
    values (${input.slug}, ${input.name}, ${input.state}, ${input.defaultLanguage}, ${input.languages})
    returning id, slug, name, state, default_language, languages, 0 as member_count`;
  return town;
}

export async function joinTown(actor: MaybeActor, { townId }: { townId: number }): Promise<void> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (isMemberOf(actor, townId)) return;
  if (!canJoinTown(actor, townId)) throw new DomainError('forbidden', 'towns:errors.verifyFirst');
  await sql.begin(async (tx) => {
    await tx`insert into memberships (municipality_id, user_id, role) values (${townId}, ${actor.userId}, 'member')
             on conflict do nothing`;
    await publish(tx, { type: 'membership:changed', userId: actor.userId, municipalityId: townId, role: 'member' });
  });
}

/** Leaving removes every role in the town; the last admin cannot leave (the town would be unmanaged). */
export async function leaveTown(actor: MaybeActor, { townId }: { townId: number }): Promise<void> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  await sql.begin(async (tx) => {
    await tx`select 1 from municipalities where id = ${townId} for update`;
    const [admins] = await tx`select count(*)::int as n from memberships where municipality_id = ${townId} and role = 'admin'`;
    if (actor.roles[townId] === 'admin' && admins.n <= 1) throw new DomainError('conflict', 'towns:errors.lastAdmin');
    await tx`delete from memberships where municipality_id = ${townId} and user_id = ${actor.userId}`;
    await publish(tx, { type: 'membership:changed', userId: actor.userId, municipalityId: townId, role: null });
  });
}

/** A town's public room: every town's public space is readable by anyone, guests included, when the town exists. */
export async function canReadTown(_actor: MaybeActor, { townId }: { townId: number }): Promise<boolean> {
  const [town] = await sql`select 1 from municipalities where id = ${townId}`;
  return !!town;
}
