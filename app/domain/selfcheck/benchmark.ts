/**
 * The network's anonymised benchmark for the "Bilanz": per dimension, where the towns' scores lie, without
 * letting anyone — the network team, a town, or several towns together — learn one town's score.
 *
 * Three protections, each against a concrete attack:
 *
 * 1. k-anonymity, k = 5: a dimension's distribution is shown only over at least 5 towns.
 *
 * 2. Only coarse quantiles: the middle half (25th to 75th percentile, linear interpolation) and the median,
 *    snapped to a 5-point grid — band edges outward, so the band still holds the middle half, and at least
 *    one grid step wide. Never a minimum or maximum (each is one town's score), never an exact quantile (over
 *    5 towns the median *is* the middle town's score), never a mean (two means over n and n + 1 towns give
 *    the newcomer's exact score: (n + 1)·m′ − n·m; and k − 1 towns who pool their scores get the k-th's).
 *    The lowest and the highest towns do not move the view at all.
 *
 * 3. Views change only in steps of at least k towns (against differencing): what is shown is a frozen
 *    cohort — a snapshot of every town's latest closed round. A new cohort replaces it only when at least k
 *    towns' scores differ from it *and* it differs from every cohort shown before in either no town or at
 *    least k towns. So when a sixth town closes its round, the view stays exactly as it was (nothing to
 *    compare) until four more towns have closed theirs; the difference between any two views ever shown is
 *    the combined effect of at least k towns, and the grid blurs even that. A town redoing its round counts
 *    as a change of that one town, so it too waits for k. Each dimension keeps its own cohorts, because a
 *    town may have no score in one dimension: counted per town, a newcomer with a score in dimension A and
 *    four without would move A by exactly one town.
 *
 * The cohorts are recomputed from the whole ordered history of closed rounds on every call, so the function
 * stays pure and every server shows the same view. That history must therefore only grow: a town whose data
 * must go is passed as a newer contribution without scores (a withdrawal, which waits for k like any change),
 * never by deleting its old rounds from the input, which would rewrite the past cohorts.
 */
import { DomainError } from '#app/domain/errors';
import type { QuestionnaireTemplate } from './questionnaire';
import type { RoundScores } from './scoring';

/** k: the fewest towns a distribution is shown over, and the fewest whose change can move it. */
export const BENCHMARK_MIN_TOWNS = 5;
/** Published values are multiples of this (on 0–100). */
export const BENCHMARK_GRID = 5;

/** One closed round of one town, for one template version. */
export interface BenchmarkContribution {
  townId: number;
  roundId: number;
  closedAt: Date;
  /** dimension key → the round's dimension score (0–100), `null` or absent where it has none */
  dimensionScores: Readonly<Record<string, number | null | undefined>>;
}

export type DimensionBenchmark =
  | { dimensionKey: string; shown: false; reason: 'too_few_towns' }
  | {
      dimensionKey: string;
      shown: true;
      /** the towns in the shown cohort, at least k */
      towns: number;
      /** where the middle half of the towns lie, on the grid */
      middleHalf: { from: number; to: number };
      /** on the grid, within the middle half */
      median: number;
    };

export interface NetworkBenchmark {
  templateKey: string;
  templateVersion: number;
  minimumTowns: number;
  /** in the template's order */
  dimensions: DimensionBenchmark[];
}

/** The per-dimension scores of a scored round, as a benchmark contribution needs them. */
export const dimensionScoresOf = (scores: RoundScores): Record<string, number | null> =>
  Object.fromEntries(scores.dimensions.map((d) => [d.dimensionKey, d.score]));

function chronological(contributions: readonly BenchmarkContribution[]): BenchmarkContribution[] {
  for (const contribution of contributions) {
    for (const score of Object.values(contribution.dimensionScores)) {
      if (score != null && !(Number.isFinite(score) && score >= 0 && score <= 100)) {
        throw new DomainError('invalid', 'selfcheck:errors.scoreOutOfRange');
      }
    }
  }
  // Ties in time are broken by round id, so the history — and so the cohorts — never depend on input order.
  return [...contributions].sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime() || a.roundId - b.roundId);
}

/** How many towns are in one cohort and not the other, or in both with different scores. */
function differingTowns(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): number {
  let differing = 0;
  for (const [town, score] of a) if (b.get(town) !== score) differing++;
  for (const town of b.keys()) if (!a.has(town)) differing++;
  return differing;
}

/**
 * Every cohort (town → score) ever eligible to be shown for one dimension, oldest first; the last one is
 * what the view shows. Holds single towns' scores: for the benchmark and for audits, never for a page.
 */
export function benchmarkCohorts(dimensionKey: string, contributions: readonly BenchmarkContribution[]): ReadonlyMap<number, number>[] {
  const k = BENCHMARK_MIN_TOWNS;
  const latest = new Map<number, number>();
  const cohorts: Map<number, number>[] = [];
  for (const contribution of chronological(contributions)) {
    const score = contribution.dimensionScores[dimensionKey];
    if (score == null) latest.delete(contribution.townId);
    else latest.set(contribution.townId, score);
    if (latest.size < k) continue;
    const previous = cohorts.at(-1);
    if (previous && differingTowns(latest, previous) < k) continue;
    if (cohorts.some((cohort) => { const d = differingTowns(latest, cohort); return d > 0 && d < k; })) continue;
    cohorts.push(new Map(latest));
  }
  return cohorts;
}

/** Linear interpolation between order statistics (the common "type 7" percentile). */
function percentile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const value = sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  return Math.round(value * 1e6) / 1e6; // so 55.000000001 does not snap a whole grid step outward
}

function describeCohort(dimensionKey: string, cohort: ReadonlyMap<number, number>): DimensionBenchmark {
  const sorted = [...cohort.values()].sort((a, b) => a - b);
  const grid = BENCHMARK_GRID;
  let from = Math.floor(percentile(sorted, 0.25) / grid) * grid;
  let to = Math.ceil(percentile(sorted, 0.75) / grid) * grid;
  // A band of width 0 would announce "all these towns scored exactly this".
  if (to - from < grid) {
    if (from + grid <= 100) to = from + grid;
    else from = to - grid;
  }
  const median = Math.min(to, Math.max(from, Math.round(percentile(sorted, 0.5) / grid) * grid));
  return { dimensionKey, shown: true, towns: sorted.length, middleHalf: { from, to }, median };
}

/**
 * The network benchmark of one template version from the closed rounds of all towns (every closed round,
 * not just the latest per town: the history is what keeps views from being differenced).
 */
export function buildNetworkBenchmark(template: QuestionnaireTemplate, contributions: readonly BenchmarkContribution[]): NetworkBenchmark {
  return {
    templateKey: template.templateKey,
    templateVersion: template.version,
    minimumTowns: BENCHMARK_MIN_TOWNS,
    dimensions: template.dimensions.map(({ key }) => {
      const shownCohort = benchmarkCohorts(key, contributions).at(-1);
      return shownCohort ? describeCohort(key, shownCohort) : { dimensionKey: key, shown: false, reason: 'too_few_towns' };
    }),
  };
}

export type BenchmarkPlacement = 'below_middle_half' | 'in_middle_half' | 'above_middle_half' | 'no_benchmark' | 'no_score';

/**
 * Where a town's own score lies against the shown distribution. Uses only what is shown, so it tells the
 * town nothing about other towns beyond the view itself. The band's edges count as inside it.
 */
export function placeAgainstBenchmark(score: number | null, benchmark: DimensionBenchmark): BenchmarkPlacement {
  if (!benchmark.shown) return 'no_benchmark';
  if (score === null) return 'no_score';
  if (score < benchmark.middleHalf.from) return 'below_middle_half';
  if (score > benchmark.middleHalf.to) return 'above_middle_half';
  return 'in_middle_half';
}
