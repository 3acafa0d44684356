/**
 * "Secure as evidence" on a post of this platform: a frozen snapshot — the post's text as stored, its author,
 * its address, the thread's title and the posts around it with their times — chained into an incident. It is
 * taken from the database as it is now, so hidden and deleted posts can be secured too, and nothing done to
 * the post later changes it. Officials secure into their own log; a moderator secures for one of the
 * town's officials (a new incident in that official's log, which the moderator cannot read afterwards).
 */
import { sql, type Tx } from '#app/database/client.server';
import { settings } from '#app/env.server';
import { DomainError } from '#app/domain/errors';
import { canModerate, isOfficial, type Actor, type MaybeActor } from '#app/domain/auth/permissions';
import type { ClientFacts } from '#app/domain/auth/accounts.server';
import { fileReport } from '#app/domain/moderation/reports.server';
import { setShield } from '#app/domain/moderation/settings.server';
import type { EvidenceSnapshotContent, IncidentKind, SnapshotPost } from './evidence/record-content';
import { appendSnapshot, appendSnapshotTo, createIncident, getIncident } from './incidents.server';
import { utcToZoned } from './schemas';

const CONTEXT_POSTS = 3;

function requireSecurer(actor: MaybeActor, townId: number): Actor {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!isOfficial(actor, townId) && !canModerate(actor, townId)) throw new DomainError('not_found', 'forums:errors.postNotFound');
  return actor;
}

export interface SecurablePost {
  postId: number;
  threadId: number;
  threadTitle: string;
  author: string | null;
  postedAt: string;
  excerpt: string;
  status: string;
  deleted: boolean;
  /** The actor's own incidents in this town to add it to (officials). */
  incidents: Array<{ id: number; reference: string; excerpt: string }>;
  /** Officials of the town a moderator may secure it for. */
  officials: Array<{ userId: string; name: string }>;
  isOfficial: boolean;
}

/** The post as the securing form shows it; for anyone but officials and moderators of the town, not found. */
export async function securablePost(actor: MaybeActor, { townId, postId }: { townId: number; postId: number }): Promise<SecurablePost> {
  const securer = requireSecurer(actor, townId);
  const [post] = await sql`
    select p.id, p.thread_id, t.title, u.display_name, p.created_at, left(p.body_text, 400) as excerpt, p.status, p.deleted_at
      from posts p join threads t on t.id = p.thread_id left join users u on u.id = p.author_id
     where p.id = ${postId} and p.municipality_id = ${townId}`;
  if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
  const official = isOfficial(securer, townId);
  const incidents = official
    ? await (async () => {
        const { listIncidents } = await import('./incidents.server');
        return (await listIncidents(securer, { townId })).filter((i) => i.mine).map((i) => ({ id: i.id, reference: i.reference, excerpt: i.excerpt.slice(0, 80) }));
      })()
    : [];
  const officials = official
    ? []
    : (
        await sql`select u.id, u.display_name from memberships m join users u on u.id = m.user_id
                   where m.municipality_id = ${townId} and m.is_official and u.id <> ${securer.userId} order by u.display_name`
      ).map((row) => ({ userId: row.id as string, name: row.displayName as string }));
  return {
    postId: Number(post.id), threadId: Number(post.threadId), threadTitle: post.title, author: post.displayName, postedAt: new Date(post.createdAt).toISOString(),
    excerpt: post.excerpt, status: post.status, deleted: !!post.deletedAt, incidents, officials, isOfficial: official,
  };
}

async function snapshotOf(tx: Tx, securer: Actor, townId: number, postId: number, incident: string): Promise<EvidenceSnapshotContent> {
  const [post] = await tx`
    select p.id, p.thread_id, p.position, p.body_text, p.created_at, t.title, u.display_name
      from posts p join threads t on t.id = p.thread_id left join users u on u.id = p.author_id
     where p.id = ${postId} and p.municipality_id = ${townId}`;
  if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
  const around = await tx`
    (select p.position, p.body_text, p.created_at, u.display_name from posts p left join users u on u.id = p.author_id
      where p.thread_id = ${post.threadId} and p.position < ${post.position} and p.status = 'published' and p.deleted_at is null
      order by p.position desc limit ${CONTEXT_POSTS})
    union all
    (select p.position, p.body_text, p.created_at, u.display_name from posts p left join users u on u.id = p.author_id
      where p.thread_id = ${post.threadId} and p.position > ${post.position} and p.status = 'published' and p.deleted_at is null
      order by p.position asc limit ${CONTEXT_POSTS})`;
  const asSnapshot = (row: Record<string, unknown>): SnapshotPost => ({
    author: (row.displayName as string | null) ?? '(former member)',
    authorProfileUrl: null,
    postedAt: new Date(row.createdAt as string).toISOString(),
    text: row.bodyText as string,
  });
  return {
    incident,
    capturedAt: new Date().toISOString(),
    capturedBy: securer.displayName,
    url: `${settings().publicOrigin}/posts/${postId}`,
    threadTitle: post.title,
    post: asSnapshot(post),
    context: [...around].sort((a, b) => Number(a.position) - Number(b.position)).map(asSnapshot),
  };
}

export interface SecureInput {
  townId: number;
  postId: number;
  /** An own incident's id, or 'new'. */
  incident: number | 'new';
  kind?: IncidentKind;
  /** A moderator: the official to secure it for. */
  forOfficial?: string;
  note: string | null;
}

/** Freezes the post into an incident; answers where it went (for a moderator: nothing they can open). */
export async function securePost(actor: MaybeActor, input: SecureInput): Promise<{ incidentId: number | null }> {
  const securer = requireSecurer(actor, input.townId);
  const official = isOfficial(securer, input.townId);
  return sql.begin(async (tx) => {
    if (official && input.incident !== 'new') {
      const content = await snapshotOf(tx, securer, input.townId, input.postId, String(input.incident));
      await appendSnapshot(tx, securer, input.incident, content, input.postId);
      return { incidentId: input.incident };
    }
    let ownerId = securer.userId;
    if (!official) {
      const [target] = await tx`select user_id from memberships where municipality_id = ${input.townId} and user_id = ${input.forOfficial ?? ''} and is_official`;
      if (!target) throw new DomainError('invalid', 'incidents:errors.official', {}, 'forOfficial');
      ownerId = target.userId;
    }
    const [post] = await tx`select created_at from posts where id = ${input.postId} and municipality_id = ${input.townId}`;
    if (!post) throw new DomainError('not_found', 'forums:errors.postNotFound');
    const { incidentId, chainId } = await createIncident(tx, ownerId, input.townId, {
      occurredAt: utcToZoned(new Date(post.createdAt).toISOString()),
      foundAt: utcToZoned(new Date().toISOString()),
      foundBy: securer.displayName,
      channel: 'platform_forum',
      kind: input.kind ?? 'other',
      severity: 'medium',
      description: input.note ?? `${settings().publicOrigin}/posts/${input.postId}`,
      contentUrls: [`${settings().publicOrigin}/posts/${input.postId}`],
      author: null,
      authorProfileUrl: null,
    });
    const content = await snapshotOf(tx, securer, input.townId, input.postId, String(incidentId));
    await appendSnapshotTo(tx, ownerId, chainId, incidentId, content, input.postId);
    return { incidentId: ownerId === securer.userId ? incidentId : null };
  });
}

/**
 * The shield link: from an incident about a post of this platform, switch on the shield for oneself and
 * report the post, in one step. A post that can no longer be reported (already hidden or deleted) is still
 * shielded against; the answer says whether the report was filed.
 */
export async function shieldAndReport(actor: MaybeActor, input: { incidentId: number; sequence: number } & ClientFacts): Promise<{ reported: boolean; reference: string | null }> {
  const incident = await getIncident(actor, { incidentId: input.incidentId });
  if (!incident.owner.isActor) throw new DomainError('forbidden', 'incidents:errors.ownerOnly');
  const snapshot = incident.snapshots.find((s) => s.sequence === input.sequence);
  if (!snapshot?.postId) throw new DomainError('not_found', 'incidents:errors.notFound');
  await setShield(actor, { townId: incident.town.id, on: true });
  try {
    const { reference } = await fileReport(actor, {
      townId: incident.town.id, postId: snapshot.postId, target: 'post', category: incident.current.kind === 'threat' ? 'threat' : incident.current.kind === 'doxxing' ? 'doxxing' : 'insult',
      explanation: '', ip: input.ip, language: input.language,
    } as Parameters<typeof fileReport>[1]);
    return { reported: true, reference };
  } catch (error) {
    if (error instanceof DomainError && ['not_found', 'conflict', 'invalid'].includes(error.code)) return { reported: false, reference: null };
    throw error;
  }
}
