import { type LoaderFunctionArgs } from '@remix-run/node';
import { DomainError } from '#app/domain/errors';
import { canManageSelfcheckNetwork } from '#app/domain/selfcheck/access';
import { getParticipation, participationCsv } from '#app/domain/selfcheck/stocktaking.server';
import { parseCount } from '#app/domain/ids';
import { requireActor, routeLoader } from '#app/web/guard.server';
import { translator } from '#app/web/page.server';

/** Participation per town and month as CSV (the last 12 months unless `?months=` says otherwise, at most 36). */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  if (!canManageSelfcheckNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  const months = parseCount(new URL(args.request.url).searchParams.get('months'), 12, 36);
  const t = await translator(args, 'selfcheck');
  const csv = participationCsv(await getParticipation(actor, { months }), ['town', 'month', 'posts', 'decided', 'medianHours', 'attendance'].map((c) => t(`stock.csv.${c}`)));
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="participation.csv"', 'Cache-Control': 'private, no-store' } });
});
