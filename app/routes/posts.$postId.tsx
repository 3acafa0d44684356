import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { locatePost } from '#app/domain/forums/posts.server';
import { currentActor, requireId, routeLoader } from '#app/web/guard.server';

/** Permalink of a post: opens the page of its thread that holds it — for someone who may read it; else "not found". */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const postId = requireId(args.params.postId);
  const place = await locatePost(await currentActor(args), { postId });
  if (!place) throw new Response('Not found', { status: 404 });
  return redirect(`/towns/${place.townSlug}/threads/${place.threadId}?page=${place.page}#post-${postId}`);
});
