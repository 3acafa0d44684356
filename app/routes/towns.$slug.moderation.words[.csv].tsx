import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportWatchedWords } from '#app/domain/moderation/word-lists.server';
import { orNotFound, requireActor, requireTown } from '#app/guards.server';
import { isDomainError } from '#app/domain/errors';

/** The town's watched words as CSV (pattern,action), for other towns or a spreadsheet. Moderators only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  try {
    const csv = await orNotFound(exportWatchedWords(actor, town.id));
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="watched-words-${town.slug}.csv"` },
    });
  } catch (error) {
    if (isDomainError(error) && error.code === 'forbidden') throw new Response('Forbidden', { status: 403 });
    throw error;
  }
}
