/**
 * Importing a 100,000-row roster (CSV, UTF-8 with a BOM, as Excel's "CSV UTF-8" saves it; valid ID
 * numbers, one card each, statuses for about one elder in ten) into a new kiosk: the dry run the
 * manager sees first, then the import accepted. Each import runs in a child process of its own
 * (roster-import-child.ts), so its peak resident memory (VmHWM) is measured alone. The baseline is the
 * same child importing 1,000 rows. Goals: the import < 10 s, peak RSS < 400 MB.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ChildResult } from './roster-import-child.js';
import { benchElders, STATUS_NAMES } from './lib/people.js';
import { goalLine, heading, line, mib, QUICK, ratio, scaled, summarise, summaryLine } from './lib/stats.js';

const ROWS = scaled(100_000, 10);
const BASELINE_ROWS = scaled(1_000, 10);
const REPEATS = QUICK ? 1 : 3;
export const GOAL_MS = 10_000;
export const GOAL_RSS_MB = 400;

const run$ = promisify(execFile);
const CHILD = fileURLToPath(new URL('./roster-import-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const HEADER = ['姓名', '身份证号', '卡号', '类别', '类别起始', '户籍地', '常住地', '养老机构', '电话', '饮食提示', '独居', '常客'];

/** A roster file of `rows` elders as a district clerk's spreadsheet would hold them. */
export function writeRosterCsv(file: string, rows: number, seed: number): number {
  const yesNo = (b: boolean): string => (b ? '是' : '否');
  const lines = [HEADER.join(',')];
  for (const e of benchElders(rows, seed)) {
    lines.push(
      [
        e.name,
        e.idNumber,
        e.cardUid,
        e.statuses.map((s) => STATUS_NAMES[s.code] ?? s.code).join('、'),
        e.statuses[0]?.validFrom ?? '',
        e.hukouRegion,
        e.residenceRegion,
        yesNo(e.careHome),
        e.phone ?? '',
        e.dietAlert ?? '',
        yesNo(e.livesAlone),
        yesNo(e.regular),
      ].join(','),
    );
  }
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

async function importOnce(csv: string, db: string): Promise<ChildResult> {
  rmSync(db, { force: true });
  const { stdout } = await run$(process.execPath, ['--import', 'tsx', CHILD, csv, db], { cwd: ROOT, maxBuffer: 1 << 20 });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildResult;
}

export async function run(): Promise<void> {
  heading('roster-import', `importRoster of ${ROWS.toLocaleString('en')} rows into a new kiosk (dry run, then accepted), each in its own process`);
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-bench-import-'));
  try {
    const big = join(dir, 'roster-big.csv');
    const small = join(dir, 'roster-small.csv');
    const bytes = writeRosterCsv(big, ROWS, 101);
    writeRosterCsv(small, BASELINE_ROWS, 202);
    line('roster file', `${ROWS.toLocaleString('en')} rows, ${mib(bytes)}, ${HEADER.length} columns`);

    const bigRuns: ChildResult[] = [];
    const smallRuns: ChildResult[] = [];
    for (let i = 0; i < REPEATS; i++) {
      // Alternate which goes first, as the other benchmarks do.
      if (i % 2 === 0) {
        bigRuns.push(await importOnce(big, join(dir, 'kiosk.db')));
        smallRuns.push(await importOnce(small, join(dir, 'kiosk.db')));
      } else {
        smallRuns.push(await importOnce(small, join(dir, 'kiosk.db')));
        bigRuns.push(await importOnce(big, join(dir, 'kiosk.db')));
      }
    }

    const first = bigRuns[0];
    if (first !== undefined) {
      line('report', `${first.total} rows, ${first.good} good, ${first.bad} bad, ${first.created} created, accepted: ${first.accepted}`);
    }
    const imp = summarise(bigRuns.map((r) => r.importMs));
    const dry = summarise(bigRuns.map((r) => r.dryRunMs));
    const impSmall = summarise(smallRuns.map((r) => r.importMs));
    const rss = summarise(bigRuns.map((r) => r.peakRssBytes / 1e6));
    const rssSmall = summarise(smallRuns.map((r) => r.peakRssBytes / 1e6));
    const floor = summarise(bigRuns.map((r) => r.rssBeforeBytes / 1e6));
    summaryLine(`dry run, ${ROWS.toLocaleString('en')} rows`, dry);
    summaryLine(`import accepted, ${ROWS.toLocaleString('en')} rows`, imp);
    summaryLine(`import accepted, ${BASELINE_ROWS.toLocaleString('en')} rows (baseline)`, impSmall);
    line('time per row, big ÷ baseline', ratio(imp.median / ROWS, impSmall.median / BASELINE_ROWS));
    const source = first?.peakSource ?? '?';
    line(`peak RSS (${source}), big`, `median ${rss.median.toFixed(0)} MB, max ${rss.max.toFixed(0)} MB`);
    line(`peak RSS (${source}), baseline`, `median ${rssSmall.median.toFixed(0)} MB`);
    line('RSS before importing (code loaded)', `median ${floor.median.toFixed(0)} MB`);
    line('peak RSS, big ÷ baseline', ratio(rss.median, rssSmall.median));
    goalLine('import accepted (median)', imp.median / 1000, GOAL_MS / 1000, ' s', true);
    line('dry run + import, as the manager waits', `${((dry.median + imp.median) / 1000).toFixed(2)} s (medians)`);
    goalLine('peak RSS (worst run)', rss.max, GOAL_RSS_MB, ' MB', true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
