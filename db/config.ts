/** Settings read from the environment, in one place (see README, "Environment"). */
import path from 'node:path';

export const config = {
  port: Number(process.env.PORT) || 3000,
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: path.resolve(process.env.DATA_DIR ?? '.data'),
  externalDatabaseUrl: process.env.DATABASE_URL || null,
  publicUrl: process.env.PUBLIC_URL?.replace(/\/$/, '') || null,
  production: process.env.NODE_ENV === 'production',
  trustProxy: process.env.TRUST_PROXY ?? false,
};

/**
 * Demo mode seeds demo data, prints the demo log-ins and opens the development mailbox. On by default
 * (WELTOFFEN_DEMO=0 turns it off) and never in production on a real (external) database.
 */
export const demoMode = !(config.production && config.externalDatabaseUrl) && process.env.WELTOFFEN_DEMO !== '0';
