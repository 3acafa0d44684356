/**
 * Sessions, the only module that knows lucia (v3 is in maintenance upstream; keeping it here keeps it
 * replaceable). Sessions live in PostgreSQL (user_sessions). Revocations are published so every server
 * process disconnects the sockets of a revoked session.
 */
import { Lucia, TimeSpan } from 'lucia';
import { PostgresJsAdapter } from '@lucia-auth/adapter-postgresql';
import postgres from 'postgres';
import { sql } from '#app/db.server';
import { publish } from '#app/domain/events.server';

// lucia's adapter reads snake_case rows, so it gets its own small client without the camelCase transform.
const luciaSql = postgres(process.env.DATABASE_URL!, { max: 3, onnotice: () => {}, backoff: (attempt: number) => Math.min(0.1 * 2 ** attempt, 2) });

const lucia = new Lucia(new PostgresJsAdapter(luciaSql, { user: 'users', session: 'user_sessions' }), {
  sessionExpiresIn: new TimeSpan(30, 'd'),
  sessionCookie: { name: 'weltoffen_session', attributes: { sameSite: 'lax', secure: false } },
});

export const SESSION_COOKIE_NAME = lucia.sessionCookieName;

export interface ValidSession {
  sessionId: string;
  userId: string;
  /** Set when lucia extended the session; the caller sends it as Set-Cookie. */
  refreshedCookie: string | null;
}

function serialise(cookie: ReturnType<Lucia['createBlankSessionCookie']>, secure: boolean): string {
  cookie.attributes.secure = secure;
  return cookie.serialize();
}

export async function createSession(userId: string, secure: boolean): Promise<{ sessionId: string; cookie: string }> {
  const session = await lucia.createSession(userId, {});
  return { sessionId: session.id, cookie: serialise(lucia.createSessionCookie(session.id), secure) };
}

export function blankSessionCookie(secure: boolean): string {
  return serialise(lucia.createBlankSessionCookie(), secure);
}

export async function validateSession(cookieHeader: string | null | undefined, secure: boolean): Promise<ValidSession | null> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? '');
  if (!sessionId) return null;
  const { session } = await lucia.validateSession(sessionId);
  if (!session) return null;
  return {
    sessionId: session.id,
    userId: session.userId,
    refreshedCookie: session.fresh ? serialise(lucia.createSessionCookie(session.id), secure) : null,
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

export async function closeSessionStore(): Promise<void> {
  await luciaSql.end({ timeout: 2 });
}
