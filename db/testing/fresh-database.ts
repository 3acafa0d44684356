/**
 * Vitest setup file: before a test file's modules load, give it a database of its own (a clone of the
 * migrated template) through DATABASE_URL, and drop it afterwards. Test files never share rows.
 */
import crypto from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';

const TEMPLATE_DB = 'weltoffen_test_template';
const adminUrl = inject('adminDatabaseUrl');
const name = `test_${crypto.randomBytes(6).toString('hex')}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

for (let attempt = 0; ; attempt++) {
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    break;
  } catch (error) {
    // Two files cloning the template at the same moment: PostgreSQL asks the second to retry.
    if (attempt > 20) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
  }
}
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.href;

afterAll(async () => {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
