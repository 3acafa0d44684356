/**
 * Counts attempts per bucket (an address and client, a client, an address) in PostgreSQL so every process
 * agrees, and refuses while a bucket is over its limit, saying how long to wait. Limits that protect an
 * account are keyed so that an attacker's attempts throttle the attacker, not the account's owner.
 */
import type { Db, Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { settings } from '#app/env.server';
import { hashToken } from './tokens.server';

export interface ThrottleRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

const FIFTEEN_MINUTES = 15 * 60;
const HOUR = 60 * 60;

export const throttleRules = {
  /** Wrong passwords for one address from one client. */
  loginPerAccountAndClient: (email: string, ip: string): ThrottleRule => ({ bucket: `login:account-client:${email}:${ip}`, limit: 5, windowSeconds: FIFTEEN_MINUTES }),
  /** Wrong passwords from one client, for any address (credential stuffing). */
  loginPerIp: (ip: string): ThrottleRule => ({ bucket: `login:ip:${ip}`, limit: 30, windowSeconds: FIFTEEN_MINUTES }),
  /** Wrong passwords for one address from anywhere: then only known devices and mailed links sign in. */
  loginPerAccount: (email: string): ThrottleRule => ({ bucket: `login:account:${email}`, limit: 50, windowSeconds: FIFTEEN_MINUTES }),
  /** A known device has a generous limit of its own. */
  loginPerDevice: (token: string): ThrottleRule => ({ bucket: `login:device:${hashToken(token).slice(0, 32)}`, limit: 20, windowSeconds: FIFTEEN_MINUTES }),
  /** Sign-ups per IP and hour. Town events share one WLAN, so operators may raise it (SIGNUPS_PER_IP_PER_HOUR). */
  signUpPerIp: (ip: string): ThrottleRule => ({ bucket: `signup:ip:${ip}`, limit: settings().signupsPerIpPerHour, windowSeconds: HOUR }),
  mailRequestPerIp: (ip: string): ThrottleRule => ({ bucket: `mail:ip:${ip}`, limit: 10, windowSeconds: HOUR }),
  feedbackPerIp: (ip: string): ThrottleRule => ({ bucket: `feedback:ip:${ip}`, limit: 10, windowSeconds: HOUR }),
};

/** The attempts in a rule's window (at most its limit) and the seconds until the oldest of them leaves it. */
const attemptsInWindow = (db: Db, rule: ThrottleRule) => db<{ attempts: number; waitSeconds: number }[]>`
  select count(*)::int as attempts,
         extract(epoch from (min(occurred_at) + make_interval(secs => ${rule.windowSeconds}) - now()))::int as wait_seconds
    from (select occurred_at from throttle_events
           where bucket = ${rule.bucket} and occurred_at > now() - make_interval(secs => ${rule.windowSeconds})
           order by occurred_at desc limit ${rule.limit}) recent`;

function refuseAtLimit(rule: ThrottleRule, { attempts, waitSeconds }: { attempts: number; waitSeconds: number }, messageKey: string): void {
  if (attempts >= rule.limit) throw new DomainError('throttled', messageKey, { minutes: Math.max(1, Math.ceil(waitSeconds / 60)) });
}

/** Throws `throttled` (with the minutes to wait, under `messageKey`) when any rule is at its limit. */
export async function assertNotThrottled(db: Db, rules: ThrottleRule[], messageKey = 'auth:errors.throttled'): Promise<void> {
  for (const rule of rules) {
    const [row] = await attemptsInWindow(db, rule);
    refuseAtLimit(rule, row, messageKey);
  }
}

/**
 * `assertNotThrottled` and `recordAttempt` for one rule in one statement, for a write that runs on every post:
 * the count does not see the attempt it records, and a refusal throws inside the caller's transaction, whose
 * rollback takes the recorded attempt back with it (so use it in a transaction only).
 */
export async function takeAttempt(tx: Tx, rule: ThrottleRule, messageKey: string): Promise<void> {
  const [row] = await tx<{ attempts: number; waitSeconds: number }[]>`
    with recorded as (insert into throttle_events (bucket) values (${rule.bucket})) ${attemptsInWindow(tx, rule)}`;
  refuseAtLimit(rule, row, messageKey);
}

export async function recordAttempt(db: Db, rules: ThrottleRule[]): Promise<void> {
  for (const rule of rules) await db`insert into throttle_events (bucket) values (${rule.bucket})`;
}

export async function clearAttempts(db: Db, rule: ThrottleRule): Promise<void> {
  await db`delete from throttle_events where bucket = ${rule.bucket}`;
}
