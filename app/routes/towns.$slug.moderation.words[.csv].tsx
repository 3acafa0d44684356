import { type LoaderFunctionArgs } from '@remix-run/node';
import { canModerate } from '#app/domain/auth/permissions';
import { exportWatchedWords } from '#app/domain/moderation/word-lists.server';
import { requireMember, routeLoader } from '#app/web/guard.server';

/** The town's watched words as CSV (pattern,action), for other towns or a spreadsheet. Moderators only. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const csv = await exportWatchedWords(actor, { townId: town.id });
  // The byte order mark tells spreadsheet programs the file is UTF-8 (umlauts, Cyrillic, Arabic patterns).
  return new Response(`\uFEFF${csv}`, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="watched-words-${town.slug}.csv"` },
  });
});
