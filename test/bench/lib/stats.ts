/**
 * What every benchmark shares: the quick-mode switch, a monotonic timer, medians and percentiles,
 * and the lines a benchmark prints. Benchmarks print figures; they never assert a timing.
 */

/** ZHUCAN_BENCH_QUICK=1: every big data set 100× smaller, fewer repetitions — a smoke test of the suite. */
export const QUICK = process.env['ZHUCAN_BENCH_QUICK'] === '1';

/** `full` in a normal run, `full / 100` (at least `min`) in quick mode. */
export function scaled(full: number, min = 1): number {
  return QUICK ? Math.max(min, Math.round(full / 100)) : full;
}

/** Milliseconds from a monotonic clock, with sub-microsecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs fn and returns its result with the time it took, in ms. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = nowMs();
  const value = fn();
  return { value, ms: nowMs() - t0 };
}

/** The q-quantile (0..1) by linear interpolation between closest ranks; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]): number => quantile(samples, 0.95);

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

export function summarise(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: median(samples),
    p95: p95(samples),
    min: samples.length === 0 ? Number.NaN : Math.min(...samples),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
  };
}

/** A duration in ms with precision that suits its size. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v < 1) return `${v.toFixed(3)} ms`;
  if (v < 100) return `${v.toFixed(2)} ms`;
  return `${v.toFixed(0)} ms`;
}

export function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}

export function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;
}

/** One line per figure, `name: value` aligned, so runs can be compared by eye or by grep. */
export function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

export function summaryLine(label: string, s: Summary): void {
  line(label, `median ${ms(s.median)}  p95 ${ms(s.p95)}  (n=${s.n}, min ${ms(s.min)}, max ${ms(s.max)})`);
}

/** The goal line: the figure, the goal, and whether this run met it (a report, not an assertion). */
export function goalLine(label: string, value: number, goal: number, unit: string, strict = false): boolean {
  const met = strict ? value < goal : value <= goal;
  line(label, `${value.toFixed(2)}${unit}  goal ${strict ? '<' : '≤'} ${goal}${unit}  ${met ? 'met' : 'MISSED'}`);
  return met;
}

export function heading(name: string, what: string): void {
  console.log(`\n== ${name}${QUICK ? ' (quick mode: data sets ÷100)' : ''}`);
  console.log(`   ${what}`);
}

/** Progress for long preparations, on stderr so that stdout holds only the figures. */
export function progress(text: string): void {
  process.stderr.write(`   … ${text}\n`);
}

/** Fisher–Yates, in place, with the given random source. */
export function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}
