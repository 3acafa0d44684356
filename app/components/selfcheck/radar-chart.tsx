/**
 * The body of the radar variant: one spoke per dimension, clockwise from the top (counter-clockwise in a
 * right-to-left chart, so it reads in the page's direction). Geometry in viewBox units; the chart scales as a
 * whole. Series differ by shape and line style as well as colour (dots and a solid line for this round,
 * squares and a dashed line for the earlier one, a shaded ring for the network), so colour is never needed.
 */
import { areaRadial, curveLinear, curveLinearClosed, lineRadial } from 'd3-shape';
import { isolate, physicalAnchor, wrapLabel, type ChartBody, type ChartBodyInput, type ChartDimension, type Direction } from './chart-model';

const WIDTH = 760; // wide enough for side labels of about 22 characters, also in Arabic script
const HEIGHT = 500;
const CENTRE_X = WIDTH / 2;
const CENTRE_Y = HEIGHT / 2;
const RADIUS = 150;
const LABEL_GAP = 18;
const LINE_HEIGHT = 17;
const LABEL_CHARS = 22;
const RINGS = [25, 50, 75, 100];

interface SpokePoint {
  dimension: ChartDimension;
  angle: number;
}

const radiusOf = (value: number) => (value / 100) * RADIUS;
/** Two decimals are plenty in a 680-unit viewBox and keep the markup short and mirror-exact. */
const rounded = (value: number) => Math.round(value * 100) / 100 + 0;

export function radarChartBody({ dimensions, direction, format, noScore }: ChartBodyInput): ChartBody {
  const turn = direction === 'rtl' ? -2 * Math.PI : 2 * Math.PI;
  const angleOf = (index: number) => (index / dimensions.length) * turn;
  const spokes: SpokePoint[] = dimensions.map((dimension, i) => ({ dimension, angle: angleOf(i) }));
  // The first spoke once more at a full turn: with a gap in the data an open curve still closes the ring.
  const ring = spokes.length > 0 ? [...spokes, { dimension: spokes[0].dimension, angle: turn }] : [];
  const position = (angle: number, radius: number) => ({ x: rounded(CENTRE_X + radius * Math.sin(angle)), y: rounded(CENTRE_Y - radius * Math.cos(angle)) });

  /** A closed outline through every spoke, or open pieces between the spokes that have a value. */
  const outline = (valueOf: (d: ChartDimension) => number | null | undefined) => {
    const complete = spokes.every((s) => valueOf(s.dimension) != null);
    return lineRadial<SpokePoint>()
      .defined((p) => valueOf(p.dimension) != null)
      .angle((p) => p.angle)
      .radius((p) => radiusOf(valueOf(p.dimension)!))
      .curve(complete ? curveLinearClosed : curveLinear)(complete ? spokes : ring);
  };
  const band = (inner: (d: ChartDimension) => number | null | undefined, outer: (d: ChartDimension) => number | null | undefined) =>
    areaRadial<SpokePoint>()
      .defined((p) => inner(p.dimension) != null && outer(p.dimension) != null)
      .angle((p) => p.angle)
      .innerRadius((p) => radiusOf(inner(p.dimension)!))
      .outerRadius((p) => radiusOf(outer(p.dimension)!))
      .curve(curveLinear)(ring);
  const ringPath = (value: number) => lineRadial<SpokePoint>().angle((p) => p.angle).radius(radiusOf(value)).curve(curveLinearClosed)(spokes);

  const showsNetwork = dimensions.some((d) => d.network != null);
  const showsEarlier = dimensions.some((d) => d.earlierScore != null);
  const centred = `translate(${CENTRE_X} ${CENTRE_Y})`;

  const body = (
    <>
      <g className="chart-grid">
        {RINGS.map((value) => (
          <path key={value} d={ringPath(value) ?? undefined} transform={centred} />
        ))}
        {spokes.map((s) => {
          const end = position(s.angle, RADIUS);
          return <line key={s.dimension.key} x1={CENTRE_X} y1={CENTRE_Y} x2={end.x} y2={end.y} />;
        })}
      </g>
      <g className="chart-axis-label">
        {RINGS.map((value) => (
          <text key={value} x={direction === 'rtl' ? CENTRE_X - 4 : CENTRE_X + 4} y={CENTRE_Y - radiusOf(value) - 3} textAnchor={physicalAnchor('start', direction)}>
            {format(value)}
          </text>
        ))}
      </g>
      {showsNetwork ? (
        <g transform={centred}>
          <path className="chart-network-band" d={band((d) => d.network?.from, (d) => d.network?.to) ?? undefined} />
          <path className="chart-network-median" d={outline((d) => d.network?.median) ?? undefined} />
        </g>
      ) : null}
      {showsEarlier ? (
        <g>
          <path className="chart-earlier" d={outline((d) => d.earlierScore) ?? undefined} transform={centred} />
          {spokes.map((s) => {
            if (s.dimension.earlierScore == null) return null;
            const p = position(s.angle, radiusOf(s.dimension.earlierScore));
            return <rect key={s.dimension.key} className="chart-earlier-point" x={p.x - 4} y={p.y - 4} width={8} height={8} />;
          })}
        </g>
      ) : null}
      <g>
        <path className="chart-current-area" d={band(() => 0, (d) => d.score) ?? undefined} transform={centred} />
        <path className="chart-current" d={outline((d) => d.score) ?? undefined} transform={centred} />
        {spokes.map((s) => {
          if (s.dimension.score == null) return null;
          const p = position(s.angle, radiusOf(s.dimension.score));
          return <circle key={s.dimension.key} className="chart-current-point" cx={p.x} cy={p.y} r={5} />;
        })}
      </g>
      <g>
        {spokes.map((s) => (
          <SpokeLabel key={s.dimension.key} spoke={s} direction={direction} value={s.dimension.score == null ? noScore : format(s.dimension.score)} at={position(s.angle, RADIUS + LABEL_GAP)} />
        ))}
      </g>
    </>
  );
  return { width: WIDTH, height: HEIGHT, body };
}

/** The label outside a spoke's end: anchored away from the centre, stacked above, beside or below it. */
function SpokeLabel({ spoke, direction, value, at }: { spoke: SpokePoint; direction: Direction; value: string; at: { x: number; y: number } }) {
  const lines = wrapLabel(spoke.dimension.label, LABEL_CHARS);
  const sideways = Math.sin(spoke.angle);
  const upwards = Math.cos(spoke.angle);
  // Physical anchor straight from the (already mirrored) angle: text on the right grows rightwards, on the left leftwards.
  const anchor = sideways > 0.1 ? 'start' : sideways < -0.1 ? 'end' : 'middle';
  const lineCount = lines.length + 1;
  const firstBaseline =
    upwards > 0.3 ? at.y - (lineCount - 1) * LINE_HEIGHT - 4 : upwards < -0.3 ? at.y + LINE_HEIGHT : at.y - ((lineCount - 1) * LINE_HEIGHT) / 2 + 5;
  return (
    <text className="chart-label" x={at.x} y={firstBaseline} textAnchor={anchor}>
      {lines.map((line, i) => (
        <tspan key={i} x={at.x} dy={i === 0 ? 0 : LINE_HEIGHT}>
          {isolate(line, direction)}
        </tspan>
      ))}
      <tspan className="chart-value" x={at.x} dy={LINE_HEIGHT}>
        {isolate(value, direction)}
      </tspan>
    </text>
  );
}
