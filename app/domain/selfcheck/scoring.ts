/**
 * Scoring one Selbstcheck round of one town: per dimension a score, the spread between respondents and the
 * counts behind them; from those the need for action and the change against earlier rounds.
 *
 * Rules (the pages explain them in these words):
 * - Every answer is normalised to 0–100 on its own question's scale (weakest point 0, strongest 100), so
 *   dimensions mixing a 1–5 and a yes/partly/no scale can be averaged and compared.
 * - A respondent's dimension score is the mean of their answered, applicable questions of that dimension.
 *   "Not applicable" and unanswered questions are left out — never counted as 0. A respondent with no
 *   applicable answer in a dimension has no score there and does not count for it.
 * - The dimension score is the mean of the respondents' dimension scores: each person weighs the same,
 *   however many questions they answered. A dimension nobody answered applicably has no score (`null`), not 0.
 * - The spread shows disagreement: the population standard deviation of the respondents' dimension scores
 *   (it describes this group, it does not estimate a larger one) and the lowest and highest of them. With
 *   fewer than two scored respondents there is no disagreement to measure, so the spread is `null` — a 0
 *   would read as "everyone agrees".
 * - Scores are rounded to one decimal. Ties and changes are judged on the rounded values, because what the
 *   page shows as equal must be treated as equal.
 *
 * Pure (no database): the round's stored answers come in, plain data goes out.
 */
import { DomainError } from '#app/domain/errors';
import { highestPoint, lowestPoint, type Instrument, type Question, type QuestionnaireTemplate, type Scale } from './questionnaire';

/** A point of the question's scale, "not applicable", or `null`/absent for a question left unanswered. */
export type AnswerValue = number | 'not_applicable' | null;

export interface RoundResponse {
  respondentId: string;
  /** question key → answer */
  answers: Readonly<Record<string, AnswerValue | undefined>>;
}

export interface DimensionSpread {
  standardDeviation: number;
  lowest: number;
  highest: number;
  /** highest − lowest */
  range: number;
}

export interface DimensionCounts {
  /** everyone who took part in the round */
  respondents: number;
  /** respondents with at least one applicable answer in this dimension */
  scoredRespondents: number;
  /** applicable answers given, over all respondents and questions of the dimension */
  answered: number;
  notApplicable: number;
  /** questions × respondents left unanswered */
  missing: number;
}

export interface DimensionScore {
  dimensionKey: string;
  /** 0–100, one decimal; `null` when nobody answered a question of this dimension applicably */
  score: number | null;
  /** `null` with fewer than two scored respondents */
  spread: DimensionSpread | null;
  counts: DimensionCounts;
}

export interface RoundScores {
  templateKey: string;
  templateVersion: number;
  respondents: number;
  /** in the template's order */
  dimensions: DimensionScore[];
}

export const SCORE_DECIMALS = 1;
const roundScore = (value: number): number => Math.round(value * 10 ** SCORE_DECIMALS) / 10 ** SCORE_DECIMALS + 0;
const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/** A scale point as 0–100: the weakest point is 0, the strongest 100, the others linear between. */
export function normaliseAnswer(scale: Scale, value: number): number {
  const low = lowestPoint(scale);
  return ((value - low) / (highestPoint(scale) - low)) * 100;
}

/** Throws unless `value` is a valid answer to `question` (a point of its scale, or n/a where allowed). */
export function checkAnswer(question: Question, value: AnswerValue): void {
  if (value === null) return;
  if (value === 'not_applicable') {
    if (!question.allowsNotApplicable) throw new DomainError('invalid', 'selfcheck:errors.notApplicableNotAllowed', { questionKey: question.key }, question.key);
    return;
  }
  if (!question.scale.points.some((point) => point.value === value)) {
    throw new DomainError('invalid', 'selfcheck:errors.answerOffScale', { questionKey: question.key }, question.key);
  }
}

function checkResponses(template: QuestionnaireTemplate, responses: readonly RoundResponse[]): void {
  const questionKeys = new Set(template.dimensions.flatMap((d) => d.questions.map((q) => q.key)));
  const respondents = new Set<string>();
  for (const response of responses) {
    // Counting one person twice would weigh their view double and break the spread.
    if (respondents.has(response.respondentId)) throw new DomainError('invalid', 'selfcheck:errors.duplicateRespondent');
    respondents.add(response.respondentId);
    for (const key of Object.keys(response.answers)) {
      if (!questionKeys.has(key)) throw new DomainError('invalid', 'selfcheck:errors.unknownQuestion', { questionKey: key });
    }
  }
}

/** Scores one round: every dimension of the template, in its order. Throws on answers the template does not allow. */
export function scoreRound(template: QuestionnaireTemplate, responses: readonly RoundResponse[]): RoundScores {
  checkResponses(template, responses);
  const dimensions = template.dimensions.map((dimension): DimensionScore => {
    const counts: DimensionCounts = { respondents: responses.length, scoredRespondents: 0, answered: 0, notApplicable: 0, missing: 0 };
    const respondentScores: number[] = [];
    for (const response of responses) {
      const normalised: number[] = [];
      for (const question of dimension.questions) {
        const value = response.answers[question.key] ?? null;
        checkAnswer(question, value);
        if (value === null) counts.missing++;
        else if (value === 'not_applicable') counts.notApplicable++;
        else normalised.push(normaliseAnswer(question.scale, value));
      }
      counts.answered += normalised.length;
      if (normalised.length > 0) respondentScores.push(mean(normalised));
    }
    counts.scoredRespondents = respondentScores.length;
    return {
      dimensionKey: dimension.key,
      score: respondentScores.length > 0 ? roundScore(mean(respondentScores)) : null,
      spread: spreadOf(respondentScores),
      counts,
    };
  });
  return { templateKey: template.templateKey, templateVersion: template.version, respondents: responses.length, dimensions };
}

function spreadOf(scores: readonly number[]): DimensionSpread | null {
  if (scores.length < 2) return null;
  const average = mean(scores);
  const lowest = Math.min(...scores);
  const highest = Math.max(...scores);
  return {
    standardDeviation: roundScore(Math.sqrt(mean(scores.map((s) => (s - average) ** 2)))),
    lowest: roundScore(lowest),
    highest: roundScore(highest),
    range: roundScore(highest - lowest),
  };
}

/**
 * Below this score (0–100) a dimension needs action: the middle of every scale, e.g. under "3 — teilweise
 * umgesetzt" on a 1–5 scale means the town on average has not even partly put it in place.
 */
export const ACTION_THRESHOLD = 50;

export interface NeedForAction {
  dimensionKey: string;
  score: number;
  /** `lowest`: no dimension is below the threshold; this is (one of) the weakest, named so the town knows where to start */
  reason: 'below_threshold' | 'lowest';
  /** 1 = weakest of all scored dimensions; equal scores share a rank (1, 1, 3) */
  rank: number;
  /** other scored dimensions with exactly this score, in template order */
  tiedWith: string[];
  instruments: Instrument[];
}

export interface ActionAssessment {
  threshold: number;
  /** weakest first; equal scores in the template's order, so the list is the same on every render */
  needs: NeedForAction[];
  /** dimensions without a score (nobody answered applicably): neither strong nor weak, but worth a look */
  unscoredDimensionKeys: string[];
}

function checkSameTemplate(template: QuestionnaireTemplate, scores: RoundScores): void {
  if (scores.templateKey !== template.templateKey || scores.templateVersion !== template.version) {
    throw new DomainError('invalid', 'selfcheck:errors.differentTemplate');
  }
}

/**
 * Where the town needs to act: every dimension below the threshold, weakest first, with its recommended
 * instruments. When none is below it, the weakest dimension(s) — all of them if tied — are returned with
 * reason `lowest`. A tie is never cut: equal scores are all in or all out.
 */
export function assessNeedForAction(template: QuestionnaireTemplate, scores: RoundScores, options: { threshold?: number } = {}): ActionAssessment {
  checkSameTemplate(template, scores);
  const threshold = options.threshold ?? ACTION_THRESHOLD;
  const order = new Map(template.dimensions.map((d, i) => [d.key, i]));
  const scored = scores.dimensions
    .filter((d): d is DimensionScore & { score: number } => d.score !== null)
    .sort((a, b) => a.score - b.score || order.get(a.dimensionKey)! - order.get(b.dimensionKey)!);
  const below = scored.filter((d) => d.score < threshold);
  const picked = below.length > 0 ? below : scored.filter((d) => d.score === scored[0].score);
  const needs = picked.map(
    (d): NeedForAction => ({
      dimensionKey: d.dimensionKey,
      score: d.score,
      reason: below.length > 0 ? 'below_threshold' : 'lowest',
      rank: 1 + scored.filter((other) => other.score < d.score).length,
      tiedWith: scored.filter((other) => other.score === d.score && other.dimensionKey !== d.dimensionKey).map((other) => other.dimensionKey),
      instruments: template.dimensions[order.get(d.dimensionKey)!].instruments,
    }),
  );
  return { threshold, needs, unscoredDimensionKeys: scores.dimensions.filter((d) => d.score === null).map((d) => d.dimensionKey) };
}

export type ChangeDirection = 'improved' | 'declined' | 'unchanged' | 'not_comparable';

export interface DimensionChange {
  dimensionKey: string;
  current: number | null;
  earlier: number | null;
  /** current − earlier in points (0–100 scale), `null` unless both have a score */
  change: number | null;
  direction: ChangeDirection;
}

export interface RoundComparison {
  /**
   * False when the rounds used different versions of the questionnaire: dimensions are matched by key, but
   * their questions may differ, so the page should say the comparison is only indicative.
   */
  sameTemplateVersion: boolean;
  /** the current round's dimensions, in its order */
  dimensions: DimensionChange[];
}

function changeBetween(dimensionKey: string, current: number | null, earlier: number | null): DimensionChange {
  if (current === null || earlier === null) return { dimensionKey, current, earlier, change: null, direction: 'not_comparable' };
  const change = roundScore(current - earlier);
  return { dimensionKey, current, earlier, change, direction: change > 0 ? 'improved' : change < 0 ? 'declined' : 'unchanged' };
}

/** The change per dimension from an earlier round of the same questionnaire to the current one. */
export function compareRounds(current: RoundScores, earlier: RoundScores): RoundComparison {
  if (current.templateKey !== earlier.templateKey) throw new DomainError('invalid', 'selfcheck:errors.differentTemplate');
  const earlierScores = new Map(earlier.dimensions.map((d) => [d.dimensionKey, d.score]));
  return {
    sameTemplateVersion: current.templateVersion === earlier.templateVersion,
    dimensions: current.dimensions.map((d) => changeBetween(d.dimensionKey, d.score, earlierScores.get(d.dimensionKey) ?? null)),
  };
}

export interface DimensionHistory {
  dimensionKey: string;
  /** one entry per round, oldest first; `change` is against the round before (`not_comparable` for the first) */
  rounds: { score: number | null; change: number | null; direction: ChangeDirection }[];
}

/** Every dimension of the newest round across the town's rounds, oldest first — for a trend table. */
export function dimensionHistory(roundsOldestFirst: readonly RoundScores[]): DimensionHistory[] {
  const newest = roundsOldestFirst.at(-1);
  if (!newest) return [];
  if (roundsOldestFirst.some((r) => r.templateKey !== newest.templateKey)) throw new DomainError('invalid', 'selfcheck:errors.differentTemplate');
  return newest.dimensions.map(({ dimensionKey }) => {
    const series = roundsOldestFirst.map((r) => r.dimensions.find((d) => d.dimensionKey === dimensionKey)?.score ?? null);
    return {
      dimensionKey,
      rounds: series.map((score, i) => {
        const { change, direction } = changeBetween(dimensionKey, score, i === 0 ? null : series[i - 1]);
        return { score, change, direction };
      }),
    };
  });
}
