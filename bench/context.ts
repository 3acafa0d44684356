import type { Sql } from 'postgres';
import type { BenchThreads } from './fixtures';

/** `{ metric: value }` of one scenario; units are part of the metric names (`p99_ms`, `rss_mb_per_1000`). */
export type Metrics = Record<string, number | string>;

export interface BenchContext {
  quick: boolean;
  say: (line: string) => void;
  /** The bench's own connection to the bench database (fixtures, checks). */
  sql: Sql;
  databaseUrl: string;
  data: BenchThreads;
}
