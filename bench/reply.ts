/**
 * The real write path: the form POST of the thread page's composer (app/routes/towns.$slug.threads.$threadId.tsx,
 * intent=reply), sent with a member's session cookie and the page's own Origin, as a browser sends it.
 */
import { performance } from 'node:perf_hooks';
import { benchDoc } from './fixtures';

export type ReplyResult = { ok: true; postId: number; sentAt: number; ackMs: number } | { ok: false; kind: string; sentAt: number; ackMs: number };

export async function postReply(serverUrl: string, townSlug: string, threadId: number, cookie: string, text: string, sentAt = performance.now()): Promise<ReplyResult> {
  try {
    const response = await fetch(`${serverUrl}/towns/${townSlug}/threads/${threadId}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: serverUrl, 'content-type': 'application/x-www-form-urlencoded' },
      // What the composer sends with JavaScript on: the editor's JSON, and "detect the language".
      body: new URLSearchParams({ intent: 'reply', body: benchDoc(text), language: 'auto' }),
      signal: AbortSignal.timeout(60_000),
    });
    await response.arrayBuffer();
    const ackMs = performance.now() - sentAt;
    const posted = Number(new URL(response.headers.get('location') ?? '/', serverUrl).searchParams.get('posted'));
    if (response.status === 302 && posted > 0) return { ok: true, postId: posted, sentAt, ackMs };
    return { ok: false, kind: response.status === 302 ? `redirect_to_${new URL(response.headers.get('location')!, serverUrl).pathname.split('/')[1]}` : `http_${response.status}`, sentAt, ackMs };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name = (error as Error).name === 'TimeoutError' ? 'timeout' : cause ?? (error as Error).name ?? 'error';
    return { ok: false, kind: `network_${name}`, sentAt, ackMs: performance.now() - sentAt };
  }
}
