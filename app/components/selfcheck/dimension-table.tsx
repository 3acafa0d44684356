/**
 * The data table behind a Selbstcheck chart: the same numbers as text, so they can be read by screen
 * readers, enlarged, copied and printed. Every chart is accompanied by it; pages may also place it alone.
 * On a narrow screen or at 200 % zoom the table scrolls sideways in its own focusable region, so the page
 * around it still reflows.
 */
import { hasEarlier, hasNetwork, scoreFormatter, type ChartDimension, type DimensionChartText } from './chart-model';

export interface DimensionTableProps {
  dimensions: ChartDimension[];
  text: DimensionChartText;
  /** for number formatting, e.g. the page's language */
  locale?: string;
  className?: string;
}

export function DimensionTable({ dimensions, text, locale = 'de', className }: DimensionTableProps) {
  const format = scoreFormatter(locale);
  const formatChange = scoreFormatter(locale, { signDisplay: 'exceptZero' });
  const withEarlier = hasEarlier(dimensions);
  const withNetwork = hasNetwork(dimensions);
  const scoreOrNot = (value: number | null | undefined) => (value == null ? text.noScore : format(value));
  return (
    <div className="selfcheck-table-scroll" role="region" aria-label={text.title} tabIndex={0}>
      <table className={['selfcheck-table', className].filter(Boolean).join(' ')}>
        <caption>{text.title}</caption>
        <thead>
          <tr>
            <th scope="col">{text.dimension}</th>
            <th scope="col">{text.current}</th>
            {withEarlier ? (
              <>
                <th scope="col">{text.earlier}</th>
                <th scope="col">{text.change}</th>
              </>
            ) : null}
            {withNetwork ? (
              <>
                <th scope="col">{text.network}</th>
                <th scope="col">{text.networkMedian}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {dimensions.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              <td>{scoreOrNot(d.score)}</td>
              {withEarlier ? (
                <>
                  <td>{scoreOrNot(d.earlierScore)}</td>
                  <td>
                    {d.score != null && d.earlierScore != null
                      ? formatChange(Math.round((d.score - d.earlierScore) * 10) / 10)
                      : text.notComparable ?? text.noScore}
                  </td>
                </>
              ) : null}
              {withNetwork ? (
                <>
                  <td>
                    {d.network ? (
                      <span className="selfcheck-nowrap">{`${format(d.network.from)}–${format(d.network.to)}`}</span>
                    ) : (
                      text.noNetwork ?? text.noScore
                    )}
                  </td>
                  <td>{d.network ? format(d.network.median) : text.noNetwork ?? text.noScore}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
