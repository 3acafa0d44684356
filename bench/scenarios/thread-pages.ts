/**
 * thread-pages: first, middle and last page of a 100-post and of a 10,000-post thread under 20 concurrent
 * connections, alternating, in rounds; the median of the rounds is reported, and the ratio of the worst p95.
 * Rendered every time (a cookie that is no session keeps the requests out of the guest page cache): this is
 * about what a page costs as a thread grows.
 */
import type { BenchContext, Metrics } from '../context';
import { load } from '../http-load';
import { median } from '../stats';

export async function threadPages(ctx: BenchContext, serverUrl: string): Promise<Metrics> {
  const { data, say } = ctx;
  const duration = ctx.quick ? 2 : 10;
  const rounds = ctx.quick ? 1 : 3;
  const threadUrl = (id: number, page: number) => `${serverUrl}/towns/${data.townSlug}/threads/${id}?page=${page}`;
  const pages = { first: [1, 1], middle: [3, 250], last: [5, 500] } as const;
  const samples: Record<string, { p50: number[]; p95: number[] }> = {};
  for (let round = 1; round <= rounds; round++) {
    for (const [where, [small, large]] of Object.entries(pages)) {
      for (const [size, page, id] of [['100', small, data.threads.t100], ['10k', large, data.threads.t10k]] as const) {
        say(`thread-pages round ${round}/${rounds}: ${size} posts, ${where} page …`);
        const r = await load(threadUrl(id, page), 20, duration, { headers: { cookie: 'bench-uncached=1' } });
        const key = `${size}_${where}`;
        samples[key] ??= { p50: [], p95: [] };
        samples[key].p50.push(r.p50);
        samples[key].p95.push(r.p95);
      }
    }
  }
  const metrics: Metrics = {};
  for (const [key, s] of Object.entries(samples)) {
    metrics[`${key}_p50_ms`] = median(s.p50);
    metrics[`${key}_p95_ms`] = median(s.p95);
  }
  const p95Of = (size: string) => Math.max(...Object.keys(pages).map((where) => metrics[`${size}_${where}_p95_ms`] as number));
  metrics.ratio_p95_10k_vs_100 = Number((p95Of('10k') / p95Of('100')).toFixed(3));
  return metrics;
}
