import type { LoaderFunctionArgs } from '@remix-run/node';
import { transparencyCsv, transparencyReport } from '#app/domain/moderation/transparency.server';
import { requireTown } from '#app/guards.server';

/** The public transparency report as CSV: counts per month, no personal data. */
export async function loader({ params }: LoaderFunctionArgs) {
  const town = await requireTown(params.slug);
  return new Response(transparencyCsv(await transparencyReport(town.id)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="transparency-${town.slug}.csv"` },
  });
}
