/**
 * A horizontal bar chart as inline SVG: one labelled bar per line (the subsidy of each funding
 * source). Our own component rather than a chart library, for the reasons given in stacked-bars.tsx.
 */
import { niceStep, SeriesPatterns, useSvgId } from './chart-look.js';

export interface BarLine {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** The value as the reader reads it (12.00元), written at the end of the bar. */
  readonly shown: string;
}

const W = 760;
const LABEL_W = 200;
const VALUE_W = 160;
const ROW = 52;
const TOP = 12;
const FONT = 22;

export function HorizontalBars({ title, desc, lines, testId }: { title: string; desc: string; lines: readonly BarLine[]; testId: string }) {
  const id = useSvgId('hbar');
  const max = Math.max(0, ...lines.map((l) => l.value));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotW = W - LABEL_W - VALUE_W;
  const H = TOP * 2 + Math.max(1, lines.length) * ROW;
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid={testId} fontSize={FONT}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <SeriesPatterns prefix={id} count={lines.length} />
      <line x1={LABEL_W} x2={LABEL_W} y1={TOP / 2} y2={H - TOP / 2} stroke="#8a8f98" strokeWidth={2} aria-hidden="true" />
      {lines.map((l, i) => {
        const yTop = TOP + i * ROW + 8;
        const w = (l.value / top) * plotW;
        return (
          <g key={l.key}>
            <text x={LABEL_W - 10} y={yTop + (ROW - 16) / 2 + FONT / 3} textAnchor="end" fill="#111" aria-hidden="true">
              {l.label}
            </text>
            <rect x={LABEL_W} y={yTop} width={Math.max(w, l.value > 0 ? 2 : 0)} height={ROW - 16} fill={`url(#${id}-${i})`} stroke="#111" strokeWidth={1}>
              <title>{`${l.label}: ${l.shown}`}</title>
            </rect>
            <text x={LABEL_W + w + 8} y={yTop + (ROW - 16) / 2 + FONT / 3} fill="#111" aria-hidden="true">
              {l.shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
