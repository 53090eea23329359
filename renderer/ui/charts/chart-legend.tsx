/** A chart's legend in HTML (text at page size), each entry with its series' colour and pattern. */
import { Swatch } from './chart-look.js';

export function ChartLegend({ labels, label }: { labels: readonly string[]; label: string }) {
  return (
    <ul className="legend" aria-label={label}>
      {labels.map((l, i) => (
        <li key={l}>
          <Swatch index={i} />
          {l}
        </li>
      ))}
    </ul>
  );
}
