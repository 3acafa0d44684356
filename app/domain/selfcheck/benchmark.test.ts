import { describe, expect, it } from 'vitest';
import { questionnaireTemplateSchema } from './questionnaire';
import {
  BENCHMARK_GRID,
  BENCHMARK_MIN_TOWNS,
  benchmarkCohorts,
  buildNetworkBenchmark,
  placeAgainstBenchmark,
  type BenchmarkContribution,
  type DimensionBenchmark,
} from './benchmark';

const dimension = (key: string) => ({
  key,
  title: { de: key },
  description: { de: key },
  questions: [{ key: `${key}1`, text: { de: 'F' }, guidance: { de: 'H' }, scale: { points: [1, 2].map((value) => ({ value, label: { de: String(value) } })) }, allowsNotApplicable: true }],
  instruments: [],
});
const template = questionnaireTemplateSchema.parse({
  templateKey: 'probe',
  version: 1,
  title: { de: 'Probe' },
  description: { de: 'Probe' },
  dimensions: [dimension('a'), dimension('b')],
});

let nextRound = 1;
/** A closed round of `townId` on day `day`, with the given dimension scores. */
const round = (townId: number, day: number, dimensionScores: Record<string, number | null>): BenchmarkContribution => ({
  townId,
  roundId: nextRound++,
  closedAt: new Date(Date.UTC(2025, 0, day)),
  dimensionScores,
});
/** Towns 1…n, one round each on days 1…n, scoring `scores[i]` in both dimensions. */
const towns = (scores: number[]) => scores.map((score, i) => round(i + 1, i + 1, { a: score, b: score }));
const viewOf = (contributions: BenchmarkContribution[]) => buildNetworkBenchmark(template, contributions).dimensions;
const dimensionA = (contributions: BenchmarkContribution[]) => viewOf(contributions)[0];
const publishedNumbers = (view: DimensionBenchmark[]) => view.flatMap((d) => (d.shown ? [d.middleHalf.from, d.middleHalf.to, d.median] : []));

const firstFive = [12.3, 47.1, 58.8, 63.4, 91.7];
const replacing = (scores: number[], index: number, score: number) => scores.map((s, i) => (i === index ? score : s));

describe('k-anonymity', () => {
  it('is k = 5', () => {
    expect(BENCHMARK_MIN_TOWNS).toBe(5);
  });

  it('shows nothing over 4 towns', () => {
    expect(viewOf(towns(firstFive.slice(0, 4)))).toEqual([
      { dimensionKey: 'a', shown: false, reason: 'too_few_towns' },
      { dimensionKey: 'b', shown: false, reason: 'too_few_towns' },
    ]);
  });

  it('shows the middle half and the median over 5 towns, on the grid', () => {
    // percentiles over 47.1 | 58.8 | 63.4 (the 2nd, 3rd, 4th town) → band 45–65 outward, median 60
    expect(dimensionA(towns(firstFive))).toEqual({ dimensionKey: 'a', shown: true, towns: 5, middleHalf: { from: 45, to: 65 }, median: 60 });
  });

  it('counts towns per dimension: a town without a score there does not count', () => {
    const contributions = [...towns(firstFive.slice(0, 4)), round(5, 5, { a: 70, b: null })];
    expect(viewOf(contributions).map((d) => d.shown)).toEqual([true, false]);
  });

  it('counts a town once, with its latest closed round', () => {
    const contributions = [...towns(firstFive.slice(0, 4)), round(4, 10, { a: 30, b: 30 })];
    expect(dimensionA(contributions).shown).toBe(false);
  });
});

describe('no single town shows through', () => {
  it('publishes only grid values, none of them a town’s score', () => {
    const view = viewOf(towns(firstFive));
    const published = publishedNumbers(view);
    expect(published.every((value) => value % BENCHMARK_GRID === 0)).toBe(true);
    expect(published.filter((value) => firstFive.includes(value))).toEqual([]);
  });

  it.each([
    ['the lowest town', 0, [0, 20.5, 47]],
    ['the highest town', 4, [63.5, 80, 100]],
  ])('%s can be anywhere beyond the middle half: no minimum or maximum is shown', (_name, index, alternatives) => {
    const original = dimensionA(towns(firstFive));
    for (const alternative of alternatives) {
      const scores = replacing(firstFive, index, alternative);
      expect(dimensionA(towns(scores))).toEqual(original);
    }
  });

  it('a middle town moving within its grid step does not move the view', () => {
    expect(dimensionA(towns(replacing(firstFive, 2, 57.6)))).toEqual(dimensionA(towns(firstFive)));
  });

  it.each([
    ['all equal on the grid', [60, 60, 60, 60, 60], { from: 60, to: 65 }, 60],
    ['all equal off the grid', [62.5, 62.5, 62.5, 62.5, 62.5], { from: 60, to: 65 }, 65],
    ['all at the top', [100, 100, 100, 100, 100], { from: 95, to: 100 }, 100],
    ['all at the bottom', [0, 0, 0, 0, 0], { from: 0, to: 5 }, 0],
  ])('%s: the band is still a grid step wide, not a point', (_name, scores, middleHalf, median) => {
    expect(dimensionA(towns(scores))).toMatchObject({ middleHalf, median });
  });
});

describe('no differencing between views', () => {
  it('a sixth town closing its round changes nothing: its score cannot be derived from the two views', () => {
    const before = viewOf(towns(firstFive));
    for (const sixth of [0, 17.3, 50, 64.9, 99.9]) {
      expect(viewOf([...towns(firstFive), round(6, 6, { a: sixth, b: sixth })])).toEqual(before);
    }
  });

  it('the view moves only once k more towns have closed, over all of them', () => {
    const first = towns(firstFive);
    const more = [20, 35, 71.2, 88, 95.5].map((score, i) => round(6 + i, 6 + i, { a: score, b: score }));
    for (let added = 1; added < 5; added++) expect(viewOf([...first, ...more.slice(0, added)])).toEqual(viewOf(first));
    expect(dimensionA([...first, ...more])).toMatchObject({ shown: true, towns: 10 });
  });

  it('a town redoing its round waits for k changes like a newcomer', () => {
    const first = towns(firstFive);
    const redone = round(3, 20, { a: 5, b: 5 });
    expect(viewOf([...first, redone])).toEqual(viewOf(first));
    const fourOthers = [1, 2, 4, 5].map((town) => round(town, 21 + town, { a: 10, b: 10 }));
    expect(dimensionA([...first, redone, ...fourOthers])).toMatchObject({ towns: 5, middleHalf: { from: 10, to: 10 + BENCHMARK_GRID } });
  });

  it('cohorts are kept per dimension: newcomers without a score in one dimension do not move it by one town', () => {
    const ten = Array.from({ length: 10 }, (_, i) => round(i + 1, i + 1, { a: i < 5 ? 40 + i : null, b: 30 + i }));
    const before = viewOf(ten);
    // Five newcomers: all score in b, only one in a. b may move (five towns changed), a must not (one changed).
    const newcomers = Array.from({ length: 5 }, (_, i) => round(11 + i, 11 + i, { a: i === 0 ? 99 : null, b: 80 + i }));
    const after = viewOf([...ten, ...newcomers]);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({ towns: 15 });
    expect(after[1]).not.toEqual(before[1]);
  });

  it('does not depend on the order the rounds are handed in', () => {
    const contributions = [...towns(firstFive), ...[20, 35, 71.2, 88, 95.5].map((s, i) => round(6 + i, 6 + i, { a: s, b: s }))];
    expect(viewOf([...contributions].reverse())).toEqual(viewOf(contributions));
  });

  it('any two cohorts ever eligible differ in no town or in at least k towns (random histories)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let history = 0; history < 40; history++) {
      // 12 towns closing 80 rounds in random order: redoing rounds, some without a score in a (or withdrawing)
      const contributions = Array.from({ length: 80 }, (_, day) => {
        const roll = random();
        // few distinct scores, so towns often return to a score they had: the case where an old cohort comes back close
        const score = roll < 0.15 ? null : [20, 40, 60][Math.floor(random() * 3)];
        return round(1 + Math.floor(random() * 12), day + 1, { a: score, b: 50 });
      });
      const cohorts = benchmarkCohorts('a', contributions);
      for (const cohort of cohorts) expect(cohort.size).toBeGreaterThanOrEqual(BENCHMARK_MIN_TOWNS);
      for (let i = 0; i < cohorts.length; i++) {
        for (let j = i + 1; j < cohorts.length; j++) {
          const towns = new Set([...cohorts[i].keys(), ...cohorts[j].keys()]);
          const differing = [...towns].filter((town) => cohorts[i].get(town) !== cohorts[j].get(town)).length;
          expect(differing === 0 || differing >= BENCHMARK_MIN_TOWNS, `cohorts ${i} and ${j} differ in ${differing} towns`).toBe(true);
        }
      }
    }
  });
});

describe('input', () => {
  it.each([101, -1, Number.NaN])('rejects a score of %s', (score) => {
    expect(() => viewOf([round(1, 1, { a: score })])).toThrow(expect.objectContaining({ code: 'invalid', i18nKey: 'selfcheck:errors.scoreOutOfRange' }));
  });
});

describe('placeAgainstBenchmark', () => {
  const shown: DimensionBenchmark = { dimensionKey: 'a', shown: true, towns: 5, middleHalf: { from: 45, to: 65 }, median: 60 };
  it.each<[number | null, DimensionBenchmark, string]>([
    [30, shown, 'below_middle_half'],
    [44.9, shown, 'below_middle_half'],
    [45, shown, 'in_middle_half'],
    [65, shown, 'in_middle_half'],
    [65.1, shown, 'above_middle_half'],
    [null, shown, 'no_score'],
    [50, { dimensionKey: 'a', shown: false, reason: 'too_few_towns' }, 'no_benchmark'],
  ])('%s → %s', (score, benchmark, expected) => {
    expect(placeAgainstBenchmark(score, benchmark)).toBe(expected);
  });
});
