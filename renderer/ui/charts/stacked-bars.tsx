/**
 * A stacked bar chart as inline SVG: one bar per day, one segment per series (the kiosk's meals per
 * day by age band, the district's meals per day claimable or not). Our own component, not a chart
 * library: two simple chart kinds do not justify a dependency of 100+ kB in a kiosk that must run
 * offline, and drawing them ourselves keeps full control of the text alternative (<title>, <desc>),
 * the patterns that make colour not the only cue, and the strict CSPs of both apps (no inline styles
 * injected at run time). Its look: charts.css beside it.
 */
import { niceStep, SeriesPatterns, useSvgId } from './chart-look.js';

export interface ChartSeries {
  readonly key: string;
  readonly label: string;
}

export interface StackedColumn {
  readonly label: string;
  /** Aligned with the series. */
  readonly values: readonly number[];
}

const W = 900;
const H = 380;
const LEFT = 70;
const RIGHT = 16;
const TOP = 28;
const BOTTOM = 52;
const FONT = 22;

export function StackedBars({ title, desc, series, columns, testId }: { title: string; desc: string; series: readonly ChartSeries[]; columns: readonly StackedColumn[]; testId: string }) {
  const id = useSvgId('stack');
  const totals = columns.map((c) => c.values.reduce((a, b) => a + b, 0));
  const step = niceStep(Math.max(0, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const slot = plotW / Math.max(1, columns.length);
  const barW = Math.min(64, slot * 0.7);
  const y = (v: number): number => TOP + plotH - (v / top) * plotH;
  // Labels under every bar would overlap in a month: show about 12 of them.
  const every = Math.max(1, Math.ceil(columns.length / 12));
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);

  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid={testId} fontSize={FONT}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <SeriesPatterns prefix={id} count={series.length} />
      {ticks.map((v) => (
        <g key={v} aria-hidden="true">
          <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} stroke="#8a8f98" strokeWidth={v === 0 ? 2 : 1} />
          <text x={LEFT - 8} y={y(v) + FONT / 3} textAnchor="end" fill="#111">
            {v}
          </text>
        </g>
      ))}
      {columns.map((c, ci) => {
        const x = LEFT + ci * slot + (slot - barW) / 2;
        let base = 0;
        return (
          <g key={c.label}>
            {c.values.map((v, si) => {
              if (v === 0) return null;
              const y0 = y(base);
              base += v;
              const s = series[si];
              return (
                <rect key={s?.key ?? si} x={x} y={y(base)} width={barW} height={y0 - y(base)} fill={`url(#${id}-${si})`} stroke="#fff" strokeWidth={2}>
                  <title>{`${c.label} · ${s?.label ?? ''}: ${v}`}</title>
                </rect>
              );
            })}
            {columns.length <= 16 && (totals[ci] ?? 0) > 0 && (
              <text x={x + barW / 2} y={y(totals[ci] ?? 0) - 6} textAnchor="middle" fill="#111" aria-hidden="true">
                {totals[ci]}
              </text>
            )}
            {ci % every === 0 && (
              <text x={x + barW / 2} y={H - BOTTOM + FONT + 6} textAnchor="middle" fill="#111" aria-hidden="true">
                {c.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
