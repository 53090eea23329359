/**
 * The roster import of roster-import.bench.ts, alone in its own process so that its peak memory
 * (getrusage's maxRSS) is the import's and nothing else's. Not a benchmark by itself.
 *
 *   node --import tsx test/bench/roster-import-child.ts <roster.csv> <kiosk.db>
 *
 * Runs what a manager's import does — the dry run, then the import accepted — on the kiosk file
 * given (new or not), and prints one line of JSON: the times, and the process's peak resident set.
 */
import { readFileSync } from 'node:fs';
import { demoPolicy } from '../../electron/kiosk/demo/demo-kiosk.js';
import { importRoster } from '../../electron/kiosk/roster/import-roster.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import { nowMs } from './lib/stats.js';

export interface ChildResult {
  readonly total: number;
  readonly good: number;
  readonly bad: number;
  readonly created: number;
  readonly updated: number;
  readonly accepted: boolean;
  readonly dryRunMs: number;
  readonly importMs: number;
  /** Resident set after loading the code and opening the store, before the import: the floor. */
  readonly rssBeforeBytes: number;
  /**
   * Peak resident set of this process: VmHWM from /proc/self/status on Linux. Not getrusage's
   * maxRSS, which Linux carries over from the parent through fork and exec — a parent that is big
   * (one that has just built the benchmark database) would show as this child's peak.
   */
  readonly peakRssBytes: number;
  /** getrusage's maxRSS, for comparison (see above). */
  readonly maxRssBytes: number;
  /** Where peakRssBytes came from. */
  readonly peakSource: 'VmHWM' | 'maxRSS';
}

/** The high-water mark of this process's resident set, in bytes. */
function peakRss(): { bytes: number; source: 'VmHWM' | 'maxRSS' } {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1] !== undefined) return { bytes: Number(m[1]) * 1024, source: 'VmHWM' };
  } catch {
    // Not Linux: fall through to getrusage.
  }
  return { bytes: process.resourceUsage().maxRSS * 1024, source: 'maxRSS' };
}

async function main(): Promise<void> {
  const [csv, file] = process.argv.slice(2);
  if (csv === undefined || file === undefined) throw new Error('usage: roster-import-child.ts <roster.csv> <kiosk.db>');
  const statuses = demoPolicy().statuses.map((s) => ({ code: s.code, name: s.name }));
  const store = openKioskStore(file);
  try {
    const rssBeforeBytes = process.memoryUsage().rss;
    const now = '2026-06-16T01:00:00.000Z';
    const t0 = nowMs();
    await importRoster(store, csv, { accept: false, statuses, now });
    const t1 = nowMs();
    const report = await importRoster(store, csv, { accept: true, statuses, now });
    const t2 = nowMs();
    const peak = peakRss();
    const result: ChildResult = {
      total: report.total,
      good: report.good,
      bad: report.bad.length,
      created: report.created,
      updated: report.updated,
      accepted: report.accepted,
      dryRunMs: t1 - t0,
      importMs: t2 - t1,
      rssBeforeBytes,
      peakRssBytes: peak.bytes,
      peakSource: peak.source,
      // maxRSS is in kilobytes (KiB on Linux).
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    console.log(JSON.stringify(result));
  } finally {
    store.close();
  }
}

await main();
