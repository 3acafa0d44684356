/**
 * The installation's configuration: every environment variable the README lists, parsed once with one
 * schema. A bad value stops start-up with a message naming the variable; nothing else reads process.env.
 */
import path from 'node:path';
import { z } from 'zod';

const flag = z.enum(['0', '1']).optional();
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const httpUrl = z
  .string()
  .url()
  // zod runs refinements after a failed .url() too, so this one must not assume a parsable URL.
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must start with http:// or https://')
  .transform((value) => value.replace(/\/+$/, ''));

const schema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL')
    .optional(),
  DB_POOL_SIZE: positiveInt(10),
  GUEST_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  PUBLIC_URL: httpUrl.optional(),
  TRUST_PROXY: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Weltoffen <no-reply@weltoffen.invalid>'),
  ACCESSIBILITY_CONTACT: z.string().email().default('barrierefreiheit@weltoffen.invalid'),
  SIGNUPS_PER_IP_PER_HOUR: positiveInt(30),
  WELTOFFEN_DEMO: flag,
  LOCALES_DIR: z.string().default('locales'),
  /** `id:base64,id:base64` — the first key seals new incident evidence; the others still open older evidence. */
  INCIDENT_ENCRYPTION_KEYS: z.string().min(1).optional(),
  /** A PEM file with the server's Ed25519 private key that signs evidence chain heads. */
  INCIDENT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  LEGAL_TEXTS_DIR: z.string().min(1).optional(),
  /** How live updates travel between app processes (decision 020). */
  REALTIME_BUS: z.enum(['notify', 'redis-streams']).default('notify'),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL')
    .optional(),
}).refine((env) => env.REALTIME_BUS !== 'redis-streams' || env.REDIS_URL, { path: ['REDIS_URL'], message: 'is needed with REALTIME_BUS=redis-streams' });

export type Env = z.infer<typeof schema>;

export interface Settings {
  port: number;
  /** The interface to listen on: HOST, else loopback in demo mode (demo log-ins are public), else all. */
  host: string;
  hostExplicit: boolean;
  /** An external PostgreSQL; null: npm start runs the embedded one. */
  databaseUrl: string | null;
  dbPoolSize: number;
  /** How long a page as guests see it is kept at most (server/http/guest-page-cache.ts); 0: not at all. */
  guestPageCacheSeconds: number;
  dataDir: string;
  publicUrl: string | null;
  /** Where links in mail and calendars point: PUBLIC_URL, else this machine. */
  publicOrigin: string;
  /** Session cookies are Secure when the public address is https (TLS ends at a proxy in front). */
  secureCookies: boolean;
  trustProxy: boolean | number | string;
  smtpUrl: string | null;
  mailFrom: string;
  accessibilityContact: string;
  signupsPerIpPerHour: number;
  /** The operator asked for production (NODE_ENV=production when the app was started). */
  production: boolean;
  localesDir: string;
  /** The operator's privacy and legal notices (privacy.<lng>.md, legal.md …); null: the sample texts. */
  legalTextsDir: string | null;
  demo: DemoSettings;
  incidents: IncidentKeySettings;
  realtimeBus: RealtimeBusSettings;
}

/**
 * How committed bus messages reach the app processes (decision 020): `notify`, PostgreSQL NOTIFY to every
 * process; `redis-streams`, an outbox table relayed into Socket.IO's Redis Streams adapter.
 */
export type RealtimeBusSettings = { kind: 'notify' } | { kind: 'redis-streams'; redisUrl: string };

/**
 * Where the incident log's keys come from. From the environment (and a key file the operator made); in demo
 * mode, files created once in the data directory (mode 0600). Neither: recording incidents is refused.
 */
export interface IncidentKeySettings {
  encryptionKeys: string | null;
  encryptionKeyFile: string | null;
  signingKeyFile: string | null;
  /** Create a missing key file (demo mode only: a real install must not silently get a fresh key). */
  createMissing: boolean;
}

export interface DemoSettings {
  /** Seed the demo network and print its log-ins. */
  enabled: boolean;
  /** The demo accounts may use the password printed in the README; otherwise each install gets its own. */
  publishedPassword: boolean;
  /** The development mailbox (/dev/mail) exists; it still answers only requests made on this machine. */
  mailbox: boolean;
}

export class ConfigurationError extends Error {
  name = 'ConfigurationError';
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // Express's own forms: 'loopback', a list of addresses or subnets
}

export function parseSettings(source: Record<string, string | undefined>): Settings {
  // An empty variable (`PUBLIC_URL=`) means "not set", as in most tools.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigurationError(`The configuration has invalid values (see README, "Environment"):\n${problems}`);
  }
  const env = result.data;
  const production = env.NODE_ENV === 'production';
  const publicUrl = env.PUBLIC_URL ?? null;
  // Demo mode shows demo data to whoever reaches the app. On by default on a developer's machine; off by
  // default where the install has a public address or an external production database.
  const demoEnabled = env.WELTOFFEN_DEMO === '1' || (env.WELTOFFEN_DEMO === undefined && !publicUrl && !(production && env.DATABASE_URL));
  const port = env.PORT;
  return {
    port,
    host: env.HOST ?? (demoEnabled ? '127.0.0.1' : '0.0.0.0'),
    hostExplicit: env.HOST !== undefined,
    databaseUrl: env.DATABASE_URL ?? null,
    dbPoolSize: env.DB_POOL_SIZE,
    guestPageCacheSeconds: env.GUEST_PAGE_CACHE_SECONDS,
    dataDir: path.resolve(env.DATA_DIR),
    publicUrl,
    publicOrigin: publicUrl ?? `http://localhost:${port}`,
    secureCookies: !!publicUrl && publicUrl.startsWith('https:'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM,
    accessibilityContact: env.ACCESSIBILITY_CONTACT,
    signupsPerIpPerHour: env.SIGNUPS_PER_IP_PER_HOUR,
    production,
    localesDir: path.resolve(env.LOCALES_DIR),
    incidents: {
      encryptionKeys: env.INCIDENT_ENCRYPTION_KEYS ?? null,
      encryptionKeyFile: env.INCIDENT_ENCRYPTION_KEYS ? null : demoEnabled ? path.join(path.resolve(env.DATA_DIR), 'keys', 'incident-encryption.keys') : null,
      signingKeyFile: env.INCIDENT_SIGNING_KEY_FILE
        ? path.resolve(env.INCIDENT_SIGNING_KEY_FILE)
        : demoEnabled
          ? path.join(path.resolve(env.DATA_DIR), 'keys', 'incident-signing.pem')
          : null,
      createMissing: demoEnabled,
    },
    legalTextsDir: env.LEGAL_TEXTS_DIR ? path.resolve(env.LEGAL_TEXTS_DIR) : null,
    realtimeBus: env.REALTIME_BUS === 'redis-streams' ? { kind: 'redis-streams', redisUrl: env.REDIS_URL! } : { kind: 'notify' },
    demo: {
      enabled: demoEnabled,
      publishedPassword: demoEnabled && !production && !publicUrl,
      mailbox: demoEnabled && !publicUrl,
    },
  };
}

let parsed: Settings | null = null;

/** The settings of this process, parsed on first use (tests choose their database before that). */
export function settings(): Settings {
  return (parsed ??= parseSettings(process.env));
}

/** Start-up warnings an operator must see: what is exposed, and what is missing behind TLS. */
export function startupWarnings(current: Settings): string[] {
  const warnings: string[] = [];
  if (current.demo.enabled) {
    warnings.push(
      'DEMO MODE is on: demo towns and accounts are seeded' +
        (current.demo.publishedPassword ? ' with the password printed below, which anyone who reaches this app can use.' : ' with a password of this installation only.'),
    );
    if (current.hostExplicit && !['127.0.0.1', '::1', 'localhost'].includes(current.host)) {
      warnings.push(`DEMO MODE listens on ${current.host} because HOST says so: everyone on that network can sign in with the demo log-ins.`);
    }
    warnings.push('Demo mode is not for real use: set WELTOFFEN_DEMO=0 (and PUBLIC_URL, SMTP_URL) to run Weltoffen for a town; see README, "Run it for real".');
  }
  if (!current.demo.enabled && !current.legalTextsDir) {
    warnings.push('LEGAL_TEXTS_DIR is not set: the privacy notice and the legal notice show sample texts. Put your own into a folder (privacy.de.md, legal.de.md …) and set LEGAL_TEXTS_DIR; see README, "Environment".');
  }
  if (current.secureCookies && current.trustProxy === false) {
    warnings.push('PUBLIC_URL is https but TRUST_PROXY is not set: behind a TLS proxy the app cannot tell real client addresses apart, so sign-in limits count everyone as one client. Set TRUST_PROXY (e.g. "loopback" or the proxy\'s address).');
  }
  return warnings;
}
