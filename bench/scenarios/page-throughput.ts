/** page-throughput: requests per second of a 50-post thread page and of the town page with its forum index. */
import type { BenchContext, Metrics } from '../context';
import { load } from '../http-load';

export async function pageThroughput(ctx: BenchContext, serverUrl: string): Promise<Metrics> {
  const duration = ctx.quick ? 2 : 10;
  ctx.say('page-throughput …');
  const thread50 = await load(`${serverUrl}/towns/${ctx.data.townSlug}/threads/${ctx.data.threads.t50}?page=1`, 20, duration);
  const forumIndex = await load(`${serverUrl}/towns/${ctx.data.townSlug}`, 20, duration);
  return { thread_50_posts_rps: Math.round(thread50.rps), forum_index_rps: Math.round(forumIndex.rps) };
}
