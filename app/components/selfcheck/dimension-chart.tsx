/**
 * A Selbstcheck chart of dimension scores: radar or bars, optionally with the town's earlier round and the
 * network's middle half overlaid, always followed by the same data as a table.
 *
 * Server-rendered SVG, no client code. Built for the strict CSP and for access needs:
 * - no inline styles: classes only, drawn with `currentColor` and CSS (app/styles/selfcheck.css), which
 *   switches to system colours under `forced-colors: active`;
 * - a `viewBox` and no fixed size, so it scales with its container and with zoom;
 * - `role="img"` named by `<title>` and described by `<desc>`; the table carries the numbers;
 * - right-to-left: the drawing is mirrored (bars grow from the right, the radar runs counter-clockwise).
 *   The SVG is set to `direction="ltr"` and anchors are chosen physically, because browsers flip
 *   `text-anchor` under an inherited `dir="rtl"`; RTL labels are wrapped in bidi isolates instead.
 */
import { useId } from 'react';
import { barChartBody } from './bar-chart';
import { hasEarlier, hasNetwork, scoreFormatter, type ChartDimension, type DimensionChartText, type Direction } from './chart-model';
import { DimensionTable } from './dimension-table';
import { radarChartBody } from './radar-chart';

export { DimensionTable, type DimensionTableProps } from './dimension-table';
export type { ChartDimension, DimensionChartText, Direction } from './chart-model';

export interface DimensionChartProps {
  variant: 'radar' | 'bar';
  dimensions: ChartDimension[];
  text: DimensionChartText;
  /** the page's direction (`directionOf(language)`) */
  direction?: Direction;
  /** for number formatting, e.g. the page's language */
  locale?: string;
  /** `collapsed` puts the table in a `<details>` (works without JavaScript) */
  table?: 'visible' | 'collapsed';
  className?: string;
}

export function DimensionChart({ variant, dimensions, text, direction = 'ltr', locale = 'de', table = 'visible', className }: DimensionChartProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const format = scoreFormatter(locale);
  const drawing = (variant === 'radar' ? radarChartBody : barChartBody)({ dimensions, direction, format, noScore: text.noScore });
  const dataTable = <DimensionTable dimensions={dimensions} text={text} locale={locale} />;
  return (
    <figure className={['selfcheck-figure', className].filter(Boolean).join(' ')}>
      <svg
        className={`selfcheck-chart selfcheck-chart-${variant}`}
        viewBox={`0 0 ${drawing.width} ${drawing.height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        direction="ltr"
      >
        <title id={titleId}>{text.title}</title>
        <desc id={descId}>{text.description}</desc>
        {drawing.body}
      </svg>
      <Legend variant={variant} dimensions={dimensions} text={text} />
      {table === 'collapsed' ? (
        <details className="selfcheck-table-details">
          <summary>{text.showTable ?? text.title}</summary>
          {dataTable}
        </details>
      ) : (
        dataTable
      )}
    </figure>
  );
}

/**
 * Explains the symbols for sighted readers. Hidden from screen readers: the table says the same with words
 * and numbers, and a list of "dashed line" swatches would only be noise.
 */
function Legend({ variant, dimensions, text }: { variant: DimensionChartProps['variant']; dimensions: ChartDimension[]; text: DimensionChartText }) {
  return (
    <ul className="selfcheck-legend" aria-hidden="true">
      <li>
        <svg className="selfcheck-legend-swatch" viewBox="0 0 32 16">
          {variant === 'bar' ? (
            <rect className="chart-current-bar" x={2} y={4} width={28} height={8} />
          ) : (
            <>
              <line className="chart-current" x1={2} y1={8} x2={30} y2={8} />
              <circle className="chart-current-point" cx={16} cy={8} r={4} />
            </>
          )}
        </svg>
        {text.current}
      </li>
      {hasEarlier(dimensions) && text.earlier ? (
        <li>
          <svg className="selfcheck-legend-swatch" viewBox="0 0 32 16">
            {variant === 'bar' ? (
              <line className="chart-earlier" x1={16} y1={1} x2={16} y2={15} />
            ) : (
              <>
                <line className="chart-earlier" x1={2} y1={8} x2={30} y2={8} />
                <rect className="chart-earlier-point" x={12} y={4} width={8} height={8} />
              </>
            )}
          </svg>
          {text.earlier}
        </li>
      ) : null}
      {hasNetwork(dimensions) && text.network ? (
        <li>
          <svg className="selfcheck-legend-swatch" viewBox="0 0 32 16">
            <rect className="chart-network-band" x={2} y={2} width={28} height={12} />
            {variant === 'bar' ? (
              <line className="chart-network-median" x1={16} y1={2} x2={16} y2={14} />
            ) : (
              <line className="chart-network-median" x1={2} y1={8} x2={30} y2={8} />
            )}
          </svg>
          {text.network}
          {text.networkMedian ? ` · ${text.networkMedian}` : null}
        </li>
      ) : null}
    </ul>
  );
}
