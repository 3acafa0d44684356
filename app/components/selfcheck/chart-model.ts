/**
 * What the Selbstcheck charts and their table are given, and the small pure helpers they share. All text
 * arrives translated: the components never look anything up, so any page (town, network, print) can use them.
 */
import type { ReactNode } from 'react';

/** One dimension as the charts show it. Scores are 0–100. */
export interface ChartDimension {
  key: string;
  label: string;
  score: number | null;
  /** the town's earlier round, if it is shown */
  earlierScore?: number | null;
  /** the network benchmark, if it is shown and the benchmark has enough towns */
  network?: { from: number; to: number; median: number } | null;
}

/** Translated texts for chart, legend and table. */
export interface DimensionChartText {
  /** the chart's accessible name (SVG `<title>`) and the table's caption */
  title: string;
  /** a one-sentence summary for the SVG `<desc>`, e.g. what is compared and where the town is weakest */
  description: string;
  /** header of the first table column */
  dimension: string;
  current: string;
  earlier?: string;
  change?: string;
  /** e.g. "Netzwerk: mittlere Hälfte der Kommunen" */
  network?: string;
  networkMedian?: string;
  /** in place of a missing score */
  noScore: string;
  /** in place of a change that cannot be computed; defaults to `noScore` */
  notComparable?: string;
  /** in place of a network value the benchmark does not show (too few towns); defaults to `noScore` */
  noNetwork?: string;
  /** the summary of the collapsed table */
  showTable?: string;
}

export type Direction = 'ltr' | 'rtl';

/** A chart variant's drawing, in viewBox units. */
export interface ChartBody {
  width: number;
  height: number;
  body: ReactNode;
}

/** What each chart variant gets to draw its body. */
export interface ChartBodyInput {
  dimensions: ChartDimension[];
  direction: Direction;
  format: (value: number) => string;
  noScore: string;
}

export const hasEarlier = (dimensions: readonly ChartDimension[]) => dimensions.some((d) => d.earlierScore !== undefined);
export const hasNetwork = (dimensions: readonly ChartDimension[]) => dimensions.some((d) => d.network != null);

/** Formats scores for `locale`; an unknown locale falls back to German rather than throwing mid-render. */
export function scoreFormatter(locale: string, options: Intl.NumberFormatOptions = {}): (value: number) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, ...options });
  } catch {
    format = new Intl.NumberFormat('de', { maximumFractionDigits: 1, ...options });
  }
  return (value) => format.format(value);
}

/**
 * Splits a label into lines of about `maxChars` at spaces (SVG text does not wrap). A word longer than a
 * line keeps a line of its own rather than being cut, since the full label must stay readable.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const word of label.trim().split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * SVG text in the charts is laid out with physical anchors (the SVG is `direction="ltr"`, see the chart), so
 * right-to-left labels are wrapped in a right-to-left isolate: the bidi algorithm then orders their
 * characters and punctuation correctly whatever the surrounding direction.
 */
export const isolate = (text: string, direction: Direction) => (direction === 'rtl' ? `\u2067${text}\u2069` : text);

/** The logical anchor mirrored into a physical one: in a right-to-left chart, start is on the right. */
export function physicalAnchor(anchor: 'start' | 'middle' | 'end', direction: Direction): 'start' | 'middle' | 'end' {
  if (direction === 'ltr' || anchor === 'middle') return anchor;
  return anchor === 'start' ? 'end' : 'start';
}
