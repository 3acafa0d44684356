/**
 * Trust persons: people an official names (any account, by its e-mail address) to read all of their
 * incidents — a partner, a colleague, a counsellor. Revoking ends it at once; the row stays as a record of
 * who could read when. What trust grants is `incidentReadable` in incidents.server.ts.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { requireOfficial } from './incidents.server';

export interface TrustPerson {
  id: number;
  name: string;
  email: string;
  since: string;
}

export async function listTrustPersons(actor: MaybeActor, { townId }: { townId: number }): Promise<TrustPerson[]> {
  const official = requireOfficial(actor, townId);
  const rows = await sql`
    select tp.id, u.display_name, u.email, tp.created_at from incident_trust_persons tp join users u on u.id = tp.trustee_id
     where tp.owner_id = ${official.userId} and tp.revoked_at is null order by tp.id`;
  return rows.map((row) => ({ id: Number(row.id), name: row.displayName, email: row.email, since: new Date(row.createdAt).toISOString() }));
}

export async function addTrustPerson(actor: MaybeActor, { townId, email }: { townId: number; email: string }): Promise<void> {
  const official = requireOfficial(actor, townId);
  const [user] = await sql`select id from users where lower(email) = lower(${email}) and email_verified_at is not null`;
  if (!user) throw new DomainError('invalid', 'incidents:errors.noAccount', {}, 'email');
  if (user.id === official.userId) throw new DomainError('invalid', 'incidents:errors.self', {}, 'email');
  const inserted = await sql`
    insert into incident_trust_persons (owner_id, trustee_id) values (${official.userId}, ${user.id})
    on conflict (owner_id, trustee_id) where revoked_at is null do nothing returning id`;
  if (!inserted.length) throw new DomainError('conflict', 'incidents:errors.alreadyTrusted', {}, 'email');
}

export async function revokeTrustPerson(actor: MaybeActor, { townId, trustId }: { townId: number; trustId: number }): Promise<void> {
  const official = requireOfficial(actor, townId);
  const changed = await sql`update incident_trust_persons set revoked_at = now() where id = ${trustId} and owner_id = ${official.userId} and revoked_at is null returning id`;
  if (!changed.length) throw new DomainError('not_found', 'incidents:errors.notFound');
}
