/**
 * A closed round's results: scores per dimension (mean and spread), need for action with instruments, the
 * change against the town's earlier rounds of the same questionnaire, and where the town stands against the
 * anonymised network benchmark. Aggregates only: no single person's answers leave this module.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { isStaffIn, type MaybeActor } from '#app/domain/auth/permissions';
import { canReadTownResults, canRunSelfcheck, requireSignedIn } from './access';
import { buildNetworkBenchmark, placeAgainstBenchmark, type BenchmarkContribution, type BenchmarkPlacement, type NetworkBenchmark } from './benchmark';
import { localised, type QuestionnaireTemplate } from './questionnaire';
import { assessNeedForAction, compareRounds, dimensionHistory, type ActionAssessment, type DimensionHistory, type RoundComparison, type RoundScores } from './scoring';
import { templateById } from './templates.server';

export interface EarlierRound {
  id: number;
  title: string;
  closedAt: Date;
  templateVersion: number;
}

export interface RoundResults {
  round: { id: number; title: string; openedAt: Date; closedAt: Date; templateId: number; templateVersion: number };
  template: QuestionnaireTemplate;
  scores: RoundScores;
  action: ActionAssessment;
  /** against the latest earlier closed round of the same questionnaire, if any */
  comparison: { earlier: EarlierRound; result: RoundComparison } | null;
  /** every closed round of the questionnaire up to this one, oldest first */
  history: { rounds: EarlierRound[]; dimensions: DimensionHistory[] };
  benchmark: NetworkBenchmark;
  placement: Record<string, BenchmarkPlacement>;
  /** the reader may ask the network team for advice on this result */
  canRequestAdvice: boolean;
  /**
   * Respondents' comments, without names, per question (sorted by text, so they cannot be lined up across
   * questions by position): for the town's staff only, `null` for everyone else (decision 017).
   */
  comments: { questionKey: string; texts: string[] }[] | null;
}

/** Every closed round of every town on one questionnaire version: the benchmark's whole history. */
export async function benchmarkContributions(templateId: number): Promise<BenchmarkContribution[]> {
  const rows = await sql`select id, municipality_id, closed_at, scores from selfcheck_rounds where template_id = ${templateId} and status = 'closed'`;
  return rows.map((row) => ({
    townId: Number(row.municipalityId),
    roundId: Number(row.id),
    closedAt: row.closedAt,
    dimensionScores: Object.fromEntries((row.scores as RoundScores).dimensions.map((d) => [d.dimensionKey, d.score])),
  }));
}

export async function benchmarkOf(templateId: number): Promise<{ template: QuestionnaireTemplate; benchmark: NetworkBenchmark }> {
  const { template } = await templateById(sql, templateId);
  return { template, benchmark: buildNetworkBenchmark(template, await benchmarkContributions(templateId)) };
}

/**
 * Readable by the town's staff, the round's respondents and the network team — once the round is closed.
 * Anyone else, and every open round, is "not found".
 */
export async function getRoundResults(actor: MaybeActor, { townId, roundId }: { townId: number; roundId: number }): Promise<RoundResults> {
  const reader = requireSignedIn(actor);
  const townReader = canReadTownResults(reader, townId);
  const [round] = await sql`
    select r.id, r.title, r.opened_at, r.closed_at, r.template_id, r.scores, t.template_key, t.version
      from selfcheck_rounds r join selfcheck_templates t on t.id = r.template_id
     where r.id = ${roundId} and r.municipality_id = ${townId} and r.status = 'closed'
       and (${townReader} or exists (select 1 from selfcheck_respondents s where s.round_id = r.id and s.user_id = ${reader.userId}))`;
  if (!round) throw new DomainError('not_found', 'selfcheck:errors.roundNotFound');
  const { template } = await templateById(sql, round.templateId);
  const scores = round.scores as RoundScores;
  const earlierRows = await sql`
    select r.id, r.title, r.closed_at, t.version as template_version, r.scores
      from selfcheck_rounds r join selfcheck_templates t on t.id = r.template_id
     where r.municipality_id = ${townId} and r.status = 'closed' and t.template_key = ${round.templateKey}
       and (r.closed_at, r.id) < (${round.closedAt}, ${round.id})
     order by r.closed_at, r.id`;
  const earlier = earlierRows.map((r) => ({ id: Number(r.id), title: r.title, closedAt: r.closedAt, templateVersion: r.templateVersion as number }));
  const previous = earlierRows.at(-1);
  const benchmark = buildNetworkBenchmark(template, await benchmarkContributions(round.templateId));
  const scoreOf = new Map(scores.dimensions.map((d) => [d.dimensionKey, d.score]));
  return {
    round: { id: Number(round.id), title: round.title, openedAt: round.openedAt, closedAt: round.closedAt, templateId: Number(round.templateId), templateVersion: round.version },
    template,
    scores,
    action: assessNeedForAction(template, scores),
    comparison: previous ? { earlier: earlier.at(-1)!, result: compareRounds(scores, previous.scores as RoundScores) } : null,
    history: {
      rounds: [...earlier, { id: Number(round.id), title: round.title, closedAt: round.closedAt, templateVersion: round.version }],
      dimensions: dimensionHistory([...earlierRows.map((r) => r.scores as RoundScores), scores]),
    },
    benchmark,
    placement: Object.fromEntries(benchmark.dimensions.map((b) => [b.dimensionKey, placeAgainstBenchmark(scoreOf.get(b.dimensionKey) ?? null, b)])),
    canRequestAdvice: canRunSelfcheck(reader, townId),
    comments: isStaffIn(reader, townId) ? await commentsOf(Number(round.id)) : null,
  };
}

async function commentsOf(roundId: number): Promise<{ questionKey: string; texts: string[] }[]> {
  return sql`
    select question_key, array_agg(comment order by comment) as texts
      from selfcheck_answers where round_id = ${roundId} and comment <> ''
     group by question_key`;
}

const csvCell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  // Leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (rows: (string | number | null | undefined)[][]) => `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;

/** The results as CSV: one row per dimension, column names in the reader's language. */
export function resultsCsv(results: RoundResults, language: string, header: string[]): string {
  const previous = new Map(results.comparison?.result.dimensions.map((d) => [d.dimensionKey, d]) ?? []);
  const benchmark = new Map(results.benchmark.dimensions.map((b) => [b.dimensionKey, b]));
  const rows = results.scores.dimensions.map((d) => {
    const dimension = results.template.dimensions.find((x) => x.key === d.dimensionKey)!;
    const b = benchmark.get(d.dimensionKey);
    return [
      localised(dimension.title, language),
      d.score,
      d.spread?.standardDeviation ?? null,
      d.spread?.lowest ?? null,
      d.spread?.highest ?? null,
      d.counts.scoredRespondents,
      d.counts.answered,
      d.counts.notApplicable,
      d.counts.missing,
      previous.get(d.dimensionKey)?.earlier ?? null,
      previous.get(d.dimensionKey)?.change ?? null,
      b?.shown ? `${b.middleHalf.from}-${b.middleHalf.to}` : null,
      b?.shown ? b.median : null,
    ];
  });
  return toCsv([header, ...rows]);
}
