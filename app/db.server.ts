/** The one database client of the domain layer (postgres.js, camelCase in TypeScript, snake_case in SQL). */
import postgres from 'postgres';

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start the app with "npm start", which provides a database.');
  return url;
}

export const sql = postgres(databaseUrl(), {
  transform: postgres.camel,
  // Ids are bigint identities; they stay far below 2^53, so numbers are safe and simpler than strings.
  types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
  max: Number(process.env.DB_POOL_SIZE) || 10,
  onnotice: () => {},
  connection: { application_name: 'weltoffen' },
  // Retry a lost database quickly (at most every 2 s, not postgres.js's 20 s), so the app recovers right after an outage.
  backoff: (attempt: number) => Math.min(0.1 * 2 ** attempt, 2),
});

export type Tx = postgres.TransactionSql;
export type Db = postgres.Sql | Tx;

// Connection-level failures: the database is down, restarting, refusing connections or unreachable. Node's
// socket errors, postgres.js's own codes, and SQLSTATEs 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
// cannot_connect_now, 53300 too_many_connections and class 08 (connection exceptions, bar 08P01 protocol_violation).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** True when an error means "the database cannot be reached right now" rather than a fault of the request. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08\d{3}$/.test(code));
}
