/**
 * Account deletion (GDPR art. 17). The member confirms with their password and chooses what becomes of
 * their posts; every session ends at once (their sockets are disconnected, as for "sign out everywhere").
 * After a grace period of 14 days — in which signing in shows the pending deletion and one click cancels
 * it — a job erases the account: each registry section removes or pseudonymises its rows, then the account
 * row goes and its foreign keys cascade or become null ("former member").
 */
import crypto from 'node:crypto';
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { Actor, MaybeActor } from '#app/domain/auth/permissions';
import { verifyPassword } from '#app/domain/auth/password.server';
import { assertNotThrottled, recordAttempt, type ThrottleRule } from '#app/domain/auth/throttle.server';
import { publish } from '#app/domain/bus.server';
import { cancelJob, enqueue } from '#app/domain/jobs/queue.server';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { settings } from '#app/env.server';
import { ownIncidentReferences } from '#app/domain/incidents/personal-data.server';
import { SECTIONS } from './registry.server';
import { recordEvent } from './export.server';
import { privacyMail } from './mail.server';
import { GRACE_DAYS } from './schemas';

export interface PendingDeletion {
  keepPosts: boolean;
  requestedAt: Date;
  eraseAfter: Date;
}

const jobKey = (userId: string) => `erase-account:${userId}`;
const passwordRule = (userId: string): ThrottleRule => ({ bucket: `account-deletion:${userId}`, limit: 5, windowSeconds: 15 * 60 });

function requireSignedIn(actor: MaybeActor): Actor {
  if (!actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  return actor;
}

export async function pendingDeletion(actor: MaybeActor): Promise<PendingDeletion | null> {
  if (!actor) return null;
  const [row] = await sql<PendingDeletion[]>`select keep_posts, requested_at, erase_after from account_deletions where user_id = ${actor.userId}`;
  return row ?? null;
}

/**
 * An official's own incident log goes with their account (decision 022): the deletion page says so and links
 * each incident's case file, to be downloaded before. Empty for everyone without incidents of their own.
 */
export async function incidentsErasedWithAccount(actor: MaybeActor): Promise<{ id: number; reference: string; townSlug: string }[]> {
  if (!actor) return [];
  return ownIncidentReferences(sql, actor.userId);
}

export async function requestDeletion(maybeActor: MaybeActor, input: { content: 'keep' | 'remove'; currentPassword: string; now?: Date }): Promise<PendingDeletion> {
  const actor = requireSignedIn(maybeActor);
  const rule = passwordRule(actor.userId);
  await assertNotThrottled(sql, [rule], 'privacy:errors.throttled');
  const [user] = await sql`select password_hash, language from users where id = ${actor.userId}`;
  if (!user) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAttempt(sql, [rule]);
    throw new DomainError('invalid', 'privacy:errors.wrongPassword', {}, 'currentPassword');
  }
  const now = input.now ?? new Date();
  const eraseAfter = new Date(now.getTime() + GRACE_DAYS * 86_400_000);
  const keepPosts = input.content === 'keep';
  return sql.begin(async (tx) => {
    const [row] = await tx<PendingDeletion[]>`
      insert into account_deletions (user_id, keep_posts, requested_at, erase_after) values (${actor.userId}, ${keepPosts}, ${now}, ${eraseAfter})
      on conflict (user_id) do update set keep_posts = excluded.keep_posts
      returning keep_posts, requested_at, erase_after`;
    await enqueue(tx, 'erase-account', { userId: actor.userId }, { key: jobKey(actor.userId), runAt: row.eraseAfter, maxAttempts: 5 });
    await tx`delete from user_sessions where user_id = ${actor.userId}`;
    await publish(tx, { type: 'session:revoked', userId: actor.userId, sessionIds: 'all', reason: 'account-deletion' });
    const date = new Intl.DateTimeFormat(user.language, { dateStyle: 'long' }).format(row.eraseAfter);
    await enqueueMail(tx, privacyMail('deletionScheduled', actor.email, user.language, { name: actor.displayName, date, link: `${settings().publicOrigin}/account/privacy` }));
    return row;
  });
}

export async function cancelDeletion(maybeActor: MaybeActor): Promise<void> {
  const actor = requireSignedIn(maybeActor);
  await sql.begin(async (tx) => {
    const [row] = await tx`delete from account_deletions where user_id = ${actor.userId} returning user_id`;
    if (!row) throw new DomainError('not_found', 'privacy:errors.notPending');
    await cancelJob(tx, jobKey(actor.userId));
  });
}

const newPseudonym = () => `former-${crypto.randomBytes(9).toString('base64url')}`;

/**
 * The job: erases one account whose grace period is over (`asOf` moves the clock in tests and the demo's
 * time machine). Anything else — cancelled, not yet due, already gone — is skipped.
 */
export async function eraseAccount(input: { userId: string; asOf?: Date }): Promise<'erased' | 'skipped'> {
  const asOf = input.asOf ?? new Date();
  return sql.begin(async (tx): Promise<'erased' | 'skipped'> => {
    const [due] = await tx`
      select d.keep_posts, u.id, u.email, u.display_name from account_deletions d join users u on u.id = d.user_id
       where d.user_id = ${input.userId} and d.erase_after <= ${asOf} for update of d, u`;
    if (!due) return 'skipped';
    const erasure = { userId: due.id, email: due.email, displayName: due.displayName, keepPosts: due.keepPosts, pseudonym: newPseudonym() };
    for (const section of SECTIONS) await section.erase(tx, erasure);
    await recordEvent(tx, 'deletion', erasure.userId);
    await tx`delete from users where id = ${erasure.userId}`;
    // Sessions went at the request; a session started in the grace period goes now, with its sockets.
    await publish(tx, { type: 'session:revoked', userId: erasure.userId, sessionIds: 'all' });
    return 'erased';
  });
}

/** The crontab's sweep: every account whose grace period is over (in case a job was lost). */
export async function eraseDueAccounts(input: { asOf?: Date } = {}): Promise<number> {
  const asOf = input.asOf ?? new Date();
  const due = await sql`select user_id from account_deletions where erase_after <= ${asOf} order by erase_after limit 100`;
  let erased = 0;
  for (const row of due) if ((await eraseAccount({ userId: row.userId, asOf })) === 'erased') erased++;
  return erased;
}
