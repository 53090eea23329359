/**
 * `npm run bench` — every benchmark, in order; `npm run bench -- checkin scaling` — only those.
 * ZHUCAN_BENCH_QUICK=1 makes the big data sets 100× smaller: the whole suite in about a minute,
 * to see that it runs, not to quote its figures.
 *
 * Benchmarks print figures (medians, p95, ratios against a baseline measured in the same run) and
 * whether each goal was met this time; they never fail on a timing. See docs/benchmarks.md.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import { run as checkin } from './checkin.bench.js';
import { run as checkinParts } from './checkin-parts.bench.js';
import { run as readerDecode } from './reader-decode.bench.js';
import { run as readerLatency } from './reader-latency.bench.js';
import { run as renderer } from './renderer.bench.js';
import { run as dayClose } from './day-close.bench.js';
import { run as hubIngest } from './hub-ingest.bench.js';
import { run as hubSettlement } from './hub-settlement.bench.js';
import { run as rosterImport } from './roster-import.bench.js';
import { run as scaling } from './scaling.bench.js';
import { nowMs, QUICK } from './lib/stats.js';

const BENCHMARKS: readonly (readonly [string, () => Promise<void>])[] = [
  ['checkin', checkin],
  ['checkin-parts', checkinParts],
  ['scaling', scaling],
  ['day-close', dayClose],
  ['roster-import', rosterImport],
  ['reader-decode', readerDecode],
  ['reader-latency', readerLatency],
  ['renderer', renderer],
  ['hub-ingest', hubIngest],
  ['hub-settlement', hubSettlement],
];

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !BENCHMARKS.some(([name]) => name === a));
  if (unknown.length > 0) {
    console.error(`No such benchmark: ${unknown.join(', ')}. There are: ${BENCHMARKS.map(([n]) => n).join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  const chosen = asked.length === 0 ? BENCHMARKS : BENCHMARKS.filter(([name]) => asked.includes(name));
  const sqlite = new Database(':memory:');
  const version = sqlite.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '?';
  sqlite.close();
  console.log(
    `zhucan benchmarks${QUICK ? ' — QUICK mode (data sets ÷100; figures not comparable)' : ''}: ${new Date().toISOString()}, ` +
      `node ${process.version}, SQLite ${version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const t0 = nowMs();
  for (const [name, bench] of chosen) {
    const t = nowMs();
    await bench();
    // Other work on the machine moves the figures; the load average says how much there was.
    console.log(`   (${name}: ${((nowMs() - t) / 1000).toFixed(1)} s; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  }
  console.log(`\nall done in ${((nowMs() - t0) / 1000).toFixed(1)} s`);
}

await main();
