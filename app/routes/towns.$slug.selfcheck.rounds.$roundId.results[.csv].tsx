import { type LoaderFunctionArgs } from '@remix-run/node';
import { canReadTownResults } from '#app/domain/selfcheck/access';
import { getRoundResults, resultsCsv } from '#app/domain/selfcheck/results.server';
import { requireId, requireMember, routeLoader } from '#app/web/guard.server';
import { languageOf, translator } from '#app/web/page.server';

const COLUMNS = ['dimension', 'score', 'standardDeviation', 'lowest', 'highest', 'respondents', 'answered', 'notApplicable', 'missing', 'earlier', 'change', 'networkMiddle', 'networkMedian'];

/** A closed round's results as CSV: aggregates per dimension, nobody's single answers. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, (a, townId) => a !== null && (a.roles[townId] !== undefined || canReadTownResults(a, townId)));
  const roundId = requireId(args.params.roundId);
  const results = await getRoundResults(actor, { townId: town.id, roundId });
  const t = await translator(args, 'selfcheck');
  const csv = resultsCsv(results, await languageOf(args.request, args.context), COLUMNS.map((c) => t(`csv.${c}`)));
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="selfcheck-${town.slug}-${roundId}.csv"` },
  });
});
