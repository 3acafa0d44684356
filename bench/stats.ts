/** Small statistics helpers shared by the scenarios. */

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rounds for the results file: milliseconds to 0.1 ms, ratios to 3 decimals. */
export const round = (value: number, decimals = 1) => (Number.isFinite(value) ? Number(value.toFixed(decimals)) : value);

/** p50/p95/p99/max of latency samples (ms), sorted in place. */
export function latencySummary(samples: number[]) {
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? samples[samples.length - 1] : NaN,
  };
}
