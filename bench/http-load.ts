/** HTTP load with autocannon: one URL, N concurrent connections, for a time or a number of requests; latencies per response. */
import autocannon from 'autocannon';
import { percentile } from './stats';

export interface LoadOptions {
  headers?: Record<string, string>;
  /** Send exactly this many requests instead of running for `seconds`. */
  amount?: number;
}

export async function load(url: string, connections: number, seconds: number, options: LoadOptions = {}) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, headers: options.headers, ...(options.amount ? { amount: options.amount } : { duration: seconds }) },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: result.requests.average };
}
