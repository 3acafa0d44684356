/**
 * One figure per town and month (forum posts, event attendance, hours to a moderation decision) as small
 * multiples: one row of bars per town, server-rendered SVG with classes only (strict CSP). Time runs left to
 * right in every language (as on a calendar); the table below it carries the numbers. A month without a
 * figure (no moderation decision) has no bar, not a zero one.
 */
import { useId } from 'react';
import { scoreFormatter } from './chart-model';

export interface ParticipationChartProps {
  months: string[];
  towns: { key: string; label: string; values: (number | null)[] }[];
  title: string;
  locale: string;
}

const ROW = 40;
const LABEL = 180;
const BAR_GAP = 4;
const WIDTH = 640;

export function ParticipationChart({ months, towns, title, locale }: ParticipationChartProps) {
  const id = useId();
  const format = scoreFormatter(locale);
  const max = Math.max(1, ...towns.flatMap((t) => t.values.filter((v): v is number => v !== null)));
  const slot = (WIDTH - LABEL - 10) / Math.max(1, months.length);
  const height = towns.length * ROW + 10;
  return (
    <figure className="selfcheck-figure">
      <svg className="selfcheck-chart selfcheck-participation" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-t`} direction="ltr">
        <title id={`${id}-t`}>{title}</title>
        {towns.map((town, row) => {
          const base = row * ROW + ROW;
          return (
            <g key={town.key}>
              <text className="chart-label" x={0} y={base - 12}>
                {town.label}
              </text>
              {town.values.map((value, i) => {
                if (value === null) return null;
                const h = (value / max) * (ROW - 10);
                return (
                  <rect key={i} className="chart-current-bar" x={LABEL + i * slot + BAR_GAP / 2} y={base - h - 4} width={slot - BAR_GAP} height={Math.max(h, 0.5)}>
                    <title>{`${months[i]}: ${format(value)}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="meta">{title}</figcaption>
    </figure>
  );
}
