/**
 * The charts' colours and fill patterns. Every colour has a contrast of at least 4.5:1 against the
 * white page (more than the 3:1 WCAG AA asks of graphics), neighbouring segments are parted by a
 * white line, and each series also has its own pattern, so no reading depends on telling two colours
 * apart; the legend and the data table beside each chart name every value in words anyway.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';

const COLOURS = ['#0b5cad', '#a4161a', '#0a6b2f', '#7a4b00', '#6a1b9a', '#005f73', '#3d3d3d', '#8b2252'] as const;
const PATTERNS = ['solid', 'diagonal', 'dots', 'horizontal', 'cross', 'vertical', 'backslash'] as const;
type Pattern = (typeof PATTERNS)[number];

export function colourOf(i: number): string {
  return COLOURS[i % COLOURS.length] ?? '#0b5cad';
}

function patternOf(i: number): Pattern {
  return PATTERNS[i % PATTERNS.length] ?? 'solid';
}

function marks(p: Pattern): ReactNode {
  const line = { stroke: '#fff', strokeWidth: 2 };
  switch (p) {
    case 'solid':
      return null;
    case 'diagonal':
      return <path d="M-2,2 l4,-4 M0,10 l10,-10 M8,12 l4,-4" {...line} />;
    case 'backslash':
      return <path d="M-2,8 l4,4 M0,0 l10,10 M8,-2 l4,4" {...line} />;
    case 'dots':
      return <circle cx="5" cy="5" r="2" fill="#fff" />;
    case 'horizontal':
      return <path d="M0,5 h10" {...line} />;
    case 'vertical':
      return <path d="M5,0 v10" {...line} />;
    case 'cross':
      return <path d="M0,5 h10 M5,0 v10" {...line} />;
  }
}

/** The <defs> of one chart: pattern `${prefix}-${i}` for series i (ids are unique per chart). */
export function SeriesPatterns({ prefix, count }: { prefix: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => (
        <pattern key={i} id={`${prefix}-${i}`} width="10" height="10" patternUnits="userSpaceOnUse">
          <rect width="10" height="10" fill={colourOf(i)} />
          {marks(patternOf(i))}
        </pattern>
      ))}
    </defs>
  );
}

/** A legend entry's sample: the series' colour and pattern in a small square of its own. */
export function Swatch({ index }: { index: number }) {
  const id = useSvgId('swatch');
  return (
    <svg className="swatch" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <SeriesPatterns prefix={id} count={index + 1} />
      <rect width="24" height="24" fill={`url(#${id}-${index})`} stroke="#111" strokeWidth="1" />
    </svg>
  );
}

/** A round step for an axis: 1, 2 or 5 times a power of ten, giving about `ticks` lines. */
export function niceStep(max: number, ticks = 5): number {
  const raw = Math.max(1, max) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}

/** A document-unique id usable inside url(#…): React's ids carry characters a CSS url() may not. */
export function useSvgId(prefix: string): string {
  return `${prefix}-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}
