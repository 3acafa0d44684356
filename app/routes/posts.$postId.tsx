import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { locatePost } from '#app/domain/forums/posts.server';

/** Permalink of a post: opens the page of its thread that holds it, scrolled to it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const postId = Number(params.postId) || 0;
  const place = await locatePost(postId);
  if (!place) throw new Response('Not found', { status: 404 });
  return redirect(`/towns/${place.townSlug}/threads/${place.threadId}?page=${place.page}#post-${postId}`);
}
