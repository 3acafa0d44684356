/**
 * Connection-level failures: the database is down, restarting, refusing connections or unreachable. Node's
 * socket errors, postgres.js's own codes, and SQLSTATEs 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now, 53300 too_many_connections and class 08 (connection exceptions, bar 08P01
 * protocol_violation). Routes, sockets and jobs answer these with "briefly unavailable", never a 500.
 */
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

/**
 * True when PostgreSQL refused a value itself (SQLSTATE class 22, data exception: a number out of range, a
 * NUL character, a malformed literal). Input is validated before it gets there; this is the net below that,
 * so a value that slipped through answers 400, not 500.
 */
export function isRefusedValue(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** True when an error means "the database cannot be reached right now" rather than a fault of the request. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08\d{3}$/.test(code));
}
