/**
 * Vitest global setup: one real PostgreSQL for the whole run (embedded, or TEST_DATABASE_ADMIN_URL), with a
 * migrated template database that every test file clones into a database of its own.
 */
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded';
import { installJobQueue, migrate } from '../migrate';

export const TEMPLATE_DB = 'weltoffen_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

let embedded: EmbeddedPostgres | null = null;

export async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    // TEST_DATA_DIR lets two developers' (or agents') runs on one machine keep separate clusters.
    embedded = await startEmbeddedPostgres({ dataDir: process.env.TEST_DATA_DIR ?? '.data/test' });
    adminUrl = embedded.adminUrl;
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  // Databases left by an interrupted earlier run.
  for (const { datname } of await admin`select datname from pg_database where datname like 'test\\_%'`) {
    await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  }
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  const template = postgres(templateUrl.href, { max: 1, onnotice: () => {} });
  await migrate(template);
  await template.end();
  await installJobQueue(templateUrl.href);
  project.provide('adminDatabaseUrl', adminUrl);
}

export async function teardown() {
  await embedded?.stop();
}
