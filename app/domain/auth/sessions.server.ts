/**
 * Sessions, the only module that knows lucia (v3 is in maintenance upstream; keeping it here keeps it
 * replaceable). Sessions live in PostgreSQL (user_sessions), read through the app's one database pool.
 * Revocations are published so every server process disconnects the sockets of a revoked session.
 */
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from 'lucia';
import { sql } from '#app/database/client.server';
import { publish } from '#app/domain/bus.server';
import { settings } from '#app/env.server';
import { actorColumns, actorFromRow } from './actor.server';
import type { Actor } from './permissions';

/** lucia's storage on the shared pool (the official adapter wants a client of its own, without camelCase). */
const adapter: Adapter = {
  // The person behind the session is read with it, in one statement: every signed-in request starts here.
  async getSessionAndUser(sessionId) {
    const [row] = await sql`
      select s.id, s.user_id, s.expires_at, ${actorColumns}
        from user_sessions s left join users on users.id = s.user_id where s.id = ${sessionId}`;
    if (!row) return [null, null];
    const session: DatabaseSession = { id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} };
    const user: DatabaseUser = { id: row.userId, attributes: { actor: actorFromRow(row) } };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await sql`select id, user_id, expires_at from user_sessions where user_id = ${userId}`;
    return rows.map((row) => ({ id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} }));
  },
  async setSession(session) {
    await sql`insert into user_sessions (id, user_id, expires_at) values (${session.id}, ${session.userId}, ${session.expiresAt})`;
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await sql`update user_sessions set expires_at = ${expiresAt} where id = ${sessionId}`;
  },
  async deleteSession(sessionId) {
    await sql`delete from user_sessions where id = ${sessionId}`;
  },
  async deleteUserSessions(userId) {
    await sql`delete from user_sessions where user_id = ${userId}`;
  },
  async deleteExpiredSessions() {
    await sql`delete from user_sessions where expires_at <= now()`;
  },
};

const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(30, 'd'),
  sessionCookie: { name: 'weltoffen_session', attributes: { sameSite: 'lax', secure: false } },
  getUserAttributes: (attributes) => ({ actor: attributes.actor }),
});

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { actor: Actor | null };
  }
}

export const SESSION_COOKIE_NAME = lucia.sessionCookieName;

export interface ValidSession {
  sessionId: string;
  userId: string;
  /** The person, with their roles; null when the account is gone. */
  actor: Actor | null;
  /** Set when lucia extended the session; the caller sends it as Set-Cookie. */
  refreshedCookie: string | null;
}

/**
 * Secure whenever the public address is https (TLS ends at a proxy, so the request itself may be plain
 * http) or the request came over https.
 */
function serialise(cookie: ReturnType<Lucia['createBlankSessionCookie']>, requestIsHttps: boolean): string {
  cookie.attributes.secure = settings().secureCookies || requestIsHttps;
  return cookie.serialize();
}

export async function createSession(userId: string, requestIsHttps: boolean): Promise<{ sessionId: string; cookie: string }> {
  const session = await lucia.createSession(userId, {});
  return { sessionId: session.id, cookie: serialise(lucia.createSessionCookie(session.id), requestIsHttps) };
}

export function blankSessionCookie(requestIsHttps: boolean): string {
  return serialise(lucia.createBlankSessionCookie(), requestIsHttps);
}

export async function validateSession(cookieHeader: string | null | undefined, requestIsHttps: boolean): Promise<ValidSession | null> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? '');
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return null;
  return {
    sessionId: session.id,
    userId: session.userId,
    actor: user.actor,
    refreshedCookie: session.fresh ? serialise(lucia.createSessionCookie(session.id), requestIsHttps) : null,
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await sql.begin(async (tx) => {
    const [row] = await tx`delete from user_sessions where id = ${sessionId} returning user_id`;
    if (row) await publish(tx, { type: 'session:revoked', userId: row.userId, sessionIds: [sessionId] });
  });
}

export async function revokeAllSessions(userId: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`delete from user_sessions where user_id = ${userId}`;
    await publish(tx, { type: 'session:revoked', userId, sessionIds: 'all' });
  });
}
