/**
 * The bench's own embedded PostgreSQL (.data/bench, its database emptied at every run), with
 * track_commit_timestamp on, so fan-out can read when each post committed (pg_xact_commit_timestamp).
 * Turning it on needs a restart, once per cluster; the setting stays in the cluster's postgresql.auto.conf.
 */
import postgres from 'postgres';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded';

export async function startBenchDatabase(say: (line: string) => void): Promise<EmbeddedPostgres> {
  const database = await startEmbeddedPostgres({ dataDir: '.data/bench', freshDatabase: true });
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ trackCommitTimestamp }] = await admin`select current_setting('track_commit_timestamp') as "trackCommitTimestamp"`;
    if (trackCommitTimestamp === 'on') return database;
    say('turning on track_commit_timestamp in the bench cluster (a restart, once) …');
    await admin`alter system set track_commit_timestamp = on`;
  } finally {
    await admin.end();
  }
  await database.stop();
  return startEmbeddedPostgres({ dataDir: '.data/bench', freshDatabase: true });
}
