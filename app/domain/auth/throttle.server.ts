/**
 * Counts failed attempts per bucket (an account, an IP) in PostgreSQL so every process agrees, and refuses
 * while a bucket is over its limit, saying how long to wait.
 */
import type { Db } from '#app/db.server';
import { DomainError } from '#app/domain/errors';

export interface ThrottleRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/** Sign-ups per IP and hour. Town events share one WLAN, so operators may raise it (SIGNUPS_PER_IP_PER_HOUR). */
const signUpsPerIpPerHour = () => Number(process.env.SIGNUPS_PER_IP_PER_HOUR) || 30;

export const throttleRules = {
  loginPerAccount: (email: string): ThrottleRule => ({ bucket: `login:account:${email}`, limit: 5, windowSeconds: 15 * 60 }),
  loginPerIp: (ip: string): ThrottleRule => ({ bucket: `login:ip:${ip}`, limit: 30, windowSeconds: 15 * 60 }),
  signUpPerIp: (ip: string): ThrottleRule => ({ bucket: `signup:ip:${ip}`, limit: signUpsPerIpPerHour(), windowSeconds: 60 * 60 }),
  mailRequestPerIp: (ip: string): ThrottleRule => ({ bucket: `mail:ip:${ip}`, limit: 10, windowSeconds: 60 * 60 }),
  feedbackPerIp: (ip: string): ThrottleRule => ({ bucket: `feedback:ip:${ip}`, limit: 10, windowSeconds: 60 * 60 }),
};

/** Throws `throttled` (with the minutes to wait, under `messageKey`) when any rule is at its limit. */
export async function assertNotThrottled(db: Db, rules: ThrottleRule[], messageKey = 'auth:errors.throttled'): Promise<void> {
  for (const rule of rules) {
    const [row] = await db`
      select count(*)::int as attempts,
             extract(epoch from (min(occurred_at) + make_interval(secs => ${rule.windowSeconds}) - now()))::int as wait_seconds
        from (select occurred_at from throttle_events
               where bucket = ${rule.bucket} and occurred_at > now() - make_interval(secs => ${rule.windowSeconds})
               order by occurred_at desc limit ${rule.limit}) recent`;
    if (row.attempts >= rule.limit) {
      throw new DomainError('throttled', messageKey, { minutes: Math.max(1, Math.ceil(row.waitSeconds / 60)) });
    }
  }
}

export async function recordAttempt(db: Db, rules: ThrottleRule[]): Promise<void> {
  for (const rule of rules) await db`insert into throttle_events (bucket) values (${rule.bucket})`;
}

export async function clearAttempts(db: Db, rule: ThrottleRule): Promise<void> {
  await db`delete from throttle_events where bucket = ${rule.bucket}`;
}

export async function pruneThrottleEvents(db: Db): Promise<void> {
  await db`delete from throttle_events where occurred_at < now() - interval '1 day'`;
}
