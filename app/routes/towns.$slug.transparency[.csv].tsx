import { type LoaderFunctionArgs } from '@remix-run/node';
import { transparencyCsv, transparencyReport } from '#app/domain/moderation/transparency.server';
import { routeLoader, townPage } from '#app/web/guard.server';

/** The public transparency report as CSV: counts per month, no personal data. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  return new Response(transparencyCsv(await transparencyReport(actor, { townId: town.id })), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="transparency-${town.slug}.csv"` },
  });
});
