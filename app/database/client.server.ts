/** The one database client of the domain layer (postgres.js, camelCase in TypeScript, snake_case in SQL). */
import postgres from 'postgres';
import { settings } from '#app/env.server';

function databaseUrl(): string {
  const url = settings().databaseUrl;
  if (!url) throw new Error('DATABASE_URL is not set: start the app with "npm start", which provides a database.');
  return url;
}

export const sql = postgres(databaseUrl(), {
  transform: postgres.camel,
  // Ids are bigint identities; they stay far below 2^53, so numbers are safe and simpler than strings.
  types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
  max: settings().dbPoolSize,
  onnotice: () => {},
  connection: { application_name: 'weltoffen' },
  // Retry a lost database quickly (at most every 2 s, not postgres.js's 20 s), so the app recovers right after an outage.
  backoff: (attempt: number) => Math.min(0.1 * 2 ** attempt, 2),
});

export type Tx = postgres.TransactionSql;
export type Db = postgres.Sql | Tx;
