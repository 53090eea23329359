/**
 * Fault test (DESIGN.md §3 "Durability", §5): a check-in the screen showed as done survives the
 * process being killed with SIGKILL at any moment, and the ledger stays numbered 1, 2, 3 … with no
 * gap and a chain that verifies.
 *
 * Each round spawns checkin-worker.ts on the same database, waits (on its stdout, no sleeping) until
 * it has reported a random number of check-ins done, then kills it with SIGKILL after a random 0–20 ms
 * — so the kill lands between transactions, inside one, or during the fsync of a COMMIT. Then the
 * database is opened afresh (which recovers the WAL) and checked against everything reported so far.
 * The random choices come from a seed printed with every failure; FAULT_SEED=n repeats a run.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDemo } from '../../electron/kiosk/demo/demo-kiosk.js';
import { mulberry32 } from '../../electron/kiosk/demo/demo-roster.js';
import { openKiosk } from '../../electron/kiosk/kiosk.js';
import { rawDatabase } from '../../electron/kiosk/store/open.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const WORKER = join(HERE, 'checkin-worker.ts');

const ROUNDS = 15;
/** Each round waits for 1 … MAX_DONE check-ins reported done before the kill. */
const MAX_DONE = 40;
/** … then waits 0 … MAX_EXTRA_MS more, to land inside a transaction or a COMMIT's fsync. */
const MAX_EXTRA_MS = 20;

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-kill9-'));
});

afterEach(() => {
  // A failed round must not leave its worker running.
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Done {
  readonly seq: number;
  readonly elderId: string;
}

interface Round {
  /** Every `done` line read from the worker before it died. */
  readonly done: Done[];
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Runs the worker on `file` and kills it with SIGKILL `extraMs` after it has reported `target`
 * check-ins done. Resolves when the process is gone, with every line it reported.
 */
function runAndKill(file: string, target: number, extraMs: number): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const done: Done[] = [];
    let pending = '';
    let stderr = '';
    let killing = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      // The last piece has no newline yet: not reported (a line is written whole, in one write).
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^done (\d+) (\S+)$/.exec(line);
        if (m === null) {
          reject(new Error(`worker wrote an unexpected line: ${JSON.stringify(line)}`));
          return;
        }
        done.push({ seq: Number(m[1]), elderId: m[2] ?? '' });
      }
      if (!killing && done.length >= target) {
        killing = true;
        void delay(extraMs).then(() => child.kill('SIGKILL'));
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ done, signal, code, stderr }));
  });
}

interface LedgerState {
  readonly rows: { seq: number; elder_id: string | null }[];
  readonly verified: boolean;
  readonly verdict: unknown;
  readonly integrity: unknown;
}

/** Opens the database afresh, as the kiosk does after a power cut (recovering the WAL), and reads it. */
function reopen(file: string): LedgerState {
  const kiosk = openKiosk(file);
  try {
    const rows = kiosk.context.store.read.stmt<{ seq: number; elder_id: string | null }>('SELECT seq, elder_id FROM ledger ORDER BY seq').all();
    const verdict = kiosk.verify();
    const integrity = rawDatabase(kiosk.context.store).pragma('integrity_check', { simple: true });
    return { rows, verified: verdict.ok, verdict, integrity };
  } finally {
    kiosk.close();
  }
}

describe('kill -9 in the middle of check-ins', () => {
  it('keeps every check-in reported done, numbered 1..N with no gap, with a chain that verifies', async () => {
    const seed = Number(process.env.FAULT_SEED ?? randomInt(2 ** 31));
    const random = mulberry32(seed);
    const file = join(dir, 'kiosk.db');
    prepareDemo(file, '2026-03-01T00:00:00.000Z');

    /** Every check-in any worker reported done, by seq: it must be in the ledger from then on. */
    const reported = new Map<number, string>();
    for (let round = 1; round <= ROUNDS; round++) {
      const target = 1 + Math.floor(random() * MAX_DONE);
      const extraMs = Math.floor(random() * (MAX_EXTRA_MS + 1));
      const where = `seed ${seed}, round ${round} (killed ${extraMs} ms after ${target} done)`;
      const r = await runAndKill(file, target, extraMs);
      expect(r.stderr, where).toBe('');
      expect({ signal: r.signal, code: r.code }, `${where}: the worker ended by itself`).toEqual({ signal: 'SIGKILL', code: null });
      expect(r.done.length, where).toBeGreaterThanOrEqual(target);
      for (const d of r.done) {
        // A seq reported done twice would mean a committed record was lost and its number reused.
        expect(reported.get(d.seq), `${where}: seq ${d.seq} reported done twice`).toBeUndefined();
        reported.set(d.seq, d.elderId);
      }

      const state = reopen(file);
      expect(state.integrity, where).toBe('ok');
      expect(state.verdict, where).toMatchObject({ ok: true, count: state.rows.length });
      const seqs = state.rows.map((row) => row.seq);
      expect(new Set(seqs).size, `${where}: a seq appears twice`).toBe(seqs.length);
      expect(seqs, `${where}: seqs are not 1..N`).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const inLedger = new Map(state.rows.map((row) => [row.seq, row.elder_id]));
      const lost = [...reported].filter(([seq, elderId]) => inLedger.get(seq) !== elderId);
      expect(lost, `${where}: check-ins reported done but missing or different in the ledger`).toEqual([]);
    }

    const final = reopen(file);
    expect(final.verified).toBe(true);
    expect(final.rows.length).toBeGreaterThanOrEqual(reported.size);
    // A bound, not a timing assertion: ~10 s alone, but 15 process starts on two busy CI cores can take longer.
  }, 120_000);
});
