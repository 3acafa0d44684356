/** Applies db/migrations/NNNNN_name.sql in order, each once, each in its own transaction. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function migrate(sql: Sql): Promise<string[]> {
  // Several processes may start together (tests, two app servers): one applies, the others wait.
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('weltoffen:migrate'))`;
    await tx`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`;
    const done = new Set((await tx`select name from schema_migrations`).map((r) => r.name as string));
    const files = fs.readdirSync(migrationsDir).filter((f) => /^\d{5}_[\w-]+\.sql$/.test(f)).sort();
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.unsafe(fs.readFileSync(path.join(migrationsDir, file), 'utf8'));
      await tx`insert into schema_migrations (name) values (${file})`;
      applied.push(file);
    }
    return applied;
  });
}

/**
 * The job queue's own tables and functions (graphile-worker, schema graphile_worker), installed beside the
 * app's migrations so that a transaction can add a job from the first request on.
 */
export async function installJobQueue(connectionString: string): Promise<void> {
  const { runMigrations, Logger } = await import('graphile-worker');
  await runMigrations({ connectionString, logger: new Logger(() => () => {}) });
}
