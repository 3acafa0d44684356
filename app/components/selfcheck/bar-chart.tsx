/**
 * The body of the bar variant: one row per dimension, label on the inline-start side, bars growing from
 * there towards inline-end (right in German, left in Arabic and Persian), the score in a column at the end.
 * Laid out once in left-to-right coordinates and mirrored for right-to-left, so both stay exact mirrors.
 * This round is a solid bar, the earlier round a dashed mark, the network a shaded band with a median line.
 */
import type { ReactNode } from 'react';
import { isolate, physicalAnchor, wrapLabel, type ChartBody, type ChartBodyInput, type ChartDimension } from './chart-model';

const WIDTH = 680;
const LABEL_COLUMN = 230;
const GAP = 12;
const TRACK_START = LABEL_COLUMN + GAP;
const TRACK_END = WIDTH - 80;
const AXIS_HEIGHT = 30;
const LINE_HEIGHT = 17;
const ROW_PADDING = 14;
const MIN_ROW_HEIGHT = 48;
const LABEL_CHARS = 28;
const TICKS = [0, 25, 50, 75, 100];

export function barChartBody({ dimensions, direction, format, noScore }: ChartBodyInput): ChartBody {
  const mirrorX = (x: number) => (direction === 'rtl' ? WIDTH - x : x);
  const xOf = (value: number) => mirrorX(TRACK_START + (value / 100) * (TRACK_END - TRACK_START));
  /** A rect between two values, whichever side they fall on after mirroring. */
  const span = (from: number, to: number) => ({ x: Math.min(xOf(from), xOf(to)), width: Math.abs(xOf(to) - xOf(from)) });
  const anchor = (logical: 'start' | 'end') => physicalAnchor(logical, direction);

  const rows: { dimension: ChartDimension; lines: string[]; top: number; height: number }[] = [];
  let top = AXIS_HEIGHT;
  for (const dimension of dimensions) {
    const lines = wrapLabel(dimension.label, LABEL_CHARS);
    const height = Math.max(MIN_ROW_HEIGHT, lines.length * LINE_HEIGHT + ROW_PADDING);
    rows.push({ dimension, lines, top, height });
    top += height;
  }
  const height = top + 8;

  const body: ReactNode = (
    <>
      <g className="chart-grid">
        {TICKS.map((tick) => (
          <line key={tick} x1={xOf(tick)} x2={xOf(tick)} y1={AXIS_HEIGHT - 6} y2={height - 8} />
        ))}
      </g>
      <g className="chart-axis-label">
        {TICKS.map((tick) => (
          <text key={tick} x={xOf(tick)} y={AXIS_HEIGHT - 12} textAnchor="middle">
            {format(tick)}
          </text>
        ))}
      </g>
      {rows.map(({ dimension, lines, top: rowTop, height: rowHeight }) => {
        const middle = rowTop + rowHeight / 2;
        const labelTop = middle - ((lines.length - 1) * LINE_HEIGHT) / 2 + 5;
        return (
          <g key={dimension.key}>
            {dimension.network ? (
              <>
                <rect className="chart-network-band" {...span(dimension.network.from, dimension.network.to)} y={middle - 15} height={30} />
                <line className="chart-network-median" x1={xOf(dimension.network.median)} x2={xOf(dimension.network.median)} y1={middle - 15} y2={middle + 15} />
              </>
            ) : null}
            <rect className="chart-track" {...span(0, 100)} y={middle - 8} height={16} />
            {dimension.score != null ? <rect className="chart-current-bar" {...span(0, dimension.score)} y={middle - 8} height={16} /> : null}
            {dimension.earlierScore != null ? (
              <line className="chart-earlier" x1={xOf(dimension.earlierScore)} x2={xOf(dimension.earlierScore)} y1={middle - 19} y2={middle + 19} />
            ) : null}
            <text className="chart-label" x={mirrorX(LABEL_COLUMN)} y={labelTop} textAnchor={anchor('end')}>
              {lines.map((line, i) => (
                <tspan key={i} x={mirrorX(LABEL_COLUMN)} dy={i === 0 ? 0 : LINE_HEIGHT}>
                  {isolate(line, direction)}
                </tspan>
              ))}
            </text>
            {dimension.score != null ? (
              <text className="chart-value" x={mirrorX(TRACK_END + GAP)} y={middle + 5} textAnchor={anchor('start')}>
                {isolate(format(dimension.score), direction)}
              </text>
            ) : (
              // Inside the empty track: the value column is too narrow for a phrase.
              <text className="chart-no-score" x={mirrorX(TRACK_START + GAP)} y={middle + 5} textAnchor={anchor('start')}>
                {isolate(noScore, direction)}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
  return { width: WIDTH, height, body };
}
