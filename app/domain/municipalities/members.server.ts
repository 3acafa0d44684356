/**
 * A town's people and roles. Town admins (and the network team) invite staff by e-mail with a role, change
 * roles and revoke them. Every query names the town, so another town's rows look like "not found".
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import { canManageMembers, type Actor, type MaybeActor, type StaffRole, type TownRole } from '#app/domain/auth/permissions';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';
import { hashToken, newToken } from '#app/domain/auth/tokens.server';
import { settings } from '#app/env.server';

export interface Member {
  userId: string;
  displayName: string;
  role: TownRole;
  /** Marked as an official by the town; the roles official and admin are officials anyway. */
  markedOfficial: boolean;
  isOfficial: boolean;
  since: Date;
}

export interface Invitation {
  id: number;
  email: string;
  role: StaffRole;
  createdAt: Date;
  expiresAt: Date;
  status: 'open' | 'accepted' | 'revoked' | 'expired';
}

function requireManager(actor: MaybeActor, townId: number): asserts actor is Actor {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!canManageMembers(actor, townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
}

export async function listMembers(actor: MaybeActor, { townId }: { townId: number }): Promise<Member[]> {
  requireManager(actor, townId);
  return sql<Member[]>`
    select u.id as user_id, u.display_name, m.role, m.marked_official, m.is_official, m.created_at as since
      from memberships m join users u on u.id = m.user_id
     where m.municipality_id = ${townId}
     order by case m.role when 'admin' then 0 when 'member' then 2 else 1 end, lower(u.display_name)`;
}

export async function listInvitations(actor: MaybeActor, { townId }: { townId: number }): Promise<Invitation[]> {
  requireManager(actor, townId);
  return sql<Invitation[]>`
    select id, email, role, created_at, expires_at,
           case when accepted_at is not null then 'accepted' when revoked_at is not null then 'revoked'
                when expires_at < now() then 'expired' else 'open' end as status
      from invitations where municipality_id = ${townId} order by created_at desc limit 100`;
}

export async function inviteStaff(actor: MaybeActor, input: { townId: number; email: string; role: StaffRole }): Promise<void> {
  const { townId } = input;
  requireManager(actor, townId);
  await sql.begin(async (tx) => {
    const [town] = await tx`select name, default_language from municipalities where id = ${townId}`;
    if (!town) throw new DomainError('not_found', 'towns:errors.notFound');
    await tx`update invitations set revoked_at = now()
              where municipality_id = ${townId} and lower(email) = ${input.email} and accepted_at is null and revoked_at is null`;
    const token = newToken();
    await tx`insert into invitations (municipality_id, email, role, token_hash, invited_by, expires_at)
             values (${townId}, ${input.email}, ${input.role}, ${hashToken(token)}, ${actor.userId}, now() + interval '14 days')`;
    const [invitee] = await tx`select language from users where lower(email) = ${input.email}`;
    await enqueueMail(
      tx,
      renderMail('invitation', input.email, invitee?.language ?? town.defaultLanguage, {
        town: town.name,
        role: input.role,
        inviter: actor.displayName,
        link: `${settings().publicOrigin}/invitations/${token}`,
      }),
    );
  });
}

export async function revokeInvitation(actor: MaybeActor, { townId, invitationId }: { townId: number; invitationId: number }): Promise<void> {
  requireManager(actor, townId);
  const result = await sql`update invitations set revoked_at = now()
                            where id = ${invitationId} and municipality_id = ${townId} and accepted_at is null and revoked_at is null`;
  if (result.count === 0) throw new DomainError('not_found', 'towns:errors.invitationNotFound');
}

export interface InvitationPreview {
  townSlug: string;
  townName: string;
  role: StaffRole;
  email: string;
}

export async function previewInvitation(_actor: MaybeActor, { token }: { token: string }): Promise<InvitationPreview> {
  const [row] = await sql<InvitationPreview[]>`
    select m.slug as town_slug, m.name as town_name, i.role, i.email
      from invitations i join municipalities m on m.id = i.municipality_id
     where i.token_hash = ${hashToken(token)} and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()`;
  if (!row) throw new DomainError('not_found', 'towns:errors.invitationInvalid');
  return row;
}

/** Whoever holds the link and is signed in with a verified account takes the role (mail may be forwarded to a shared inbox). */
export async function acceptInvitation(actor: MaybeActor, { token }: { token: string }): Promise<{ townSlug: string }> {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!actor.emailVerified) throw new DomainError('forbidden', 'towns:errors.verifyFirst');
  return sql.begin(async (tx) => {
    const [invitation] = await tx`
      update invitations set accepted_at = now(), accepted_by = ${actor.userId}
       where token_hash = ${hashToken(token)} and accepted_at is null and revoked_at is null and expires_at > now()
      returning municipality_id, role`;
    if (!invitation) throw new DomainError('not_found', 'towns:errors.invitationInvalid');
    await tx`insert into memberships (municipality_id, user_id, role) values (${invitation.municipalityId}, ${actor.userId}, ${invitation.role})
             on conflict (municipality_id, user_id) do update set role = excluded.role, updated_at = now()`;
    await publish(tx, { type: 'membership:changed', userId: actor.userId, municipalityId: invitation.municipalityId, role: invitation.role });
    const [town] = await tx`select slug from municipalities where id = ${invitation.municipalityId}`;
    return { townSlug: town.slug as string };
  });
}

/** Changes a member's role; `member` takes a staff role away. The town keeps at least one admin. */
export async function changeRole(actor: MaybeActor, input: { townId: number; userId: string; role: TownRole }): Promise<void> {
  const { townId } = input;
  requireManager(actor, townId);
  await sql.begin(async (tx) => {
    await tx`select 1 from municipalities where id = ${townId} for update`;
    const [current] = await tx`select role from memberships where municipality_id = ${townId} and user_id = ${input.userId}`;
    if (!current) throw new DomainError('not_found', 'towns:errors.memberNotFound');
    if (current.role === 'admin' && input.role !== 'admin') {
      const [admins] = await tx`select count(*)::int as n from memberships where municipality_id = ${townId} and role = 'admin'`;
      if (admins.n <= 1) throw new DomainError('conflict', 'towns:errors.lastAdmin');
    }
    await tx`update memberships set role = ${input.role}, updated_at = now() where municipality_id = ${townId} and user_id = ${input.userId}`;
    await publish(tx, { type: 'membership:changed', userId: input.userId, municipalityId: townId, role: input.role });
  });
}

/**
 * Marks a member (a council member, say) or a staff member as an official, or takes the mark away. An official
 * keeps an incident log and may shield themselves; taking the mark away leaves their log theirs to read.
 */
export async function markOfficial(actor: MaybeActor, input: { townId: number; userId: string; official: boolean }): Promise<void> {
  const { townId } = input;
  requireManager(actor, townId);
  await sql.begin(async (tx) => {
    const [membership] = await tx`
      update memberships set marked_official = ${input.official}, updated_at = now()
       where municipality_id = ${townId} and user_id = ${input.userId}
      returning role`;
    if (!membership) throw new DomainError('not_found', 'towns:errors.memberNotFound');
    await publish(tx, { type: 'membership:changed', userId: input.userId, municipalityId: townId, role: membership.role });
  });
}
