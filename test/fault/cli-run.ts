/** Runs the real `zhucan` command (bin/zhucan.js) in its own process, for the fault tests. */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ZHUCAN = join(REPO, 'bin', 'zhucan.js');

export interface CliRun {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stack trace line as Node prints one ("    at fn (file:line:col)"). */
export const STACK_LINE = /^\s+at \S/m;
/** Any CJK ideograph: the message is (at least also) in Chinese. */
export const CHINESE = /[\u4e00-\u9fff]/;

/**
 * `zhucan …args` with the kiosk's environment variables cleared, so only the arguments decide the
 * database and operator. The process ends by itself (every command does); vitest's timeout bounds it.
 */
export function zhucan(args: readonly string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ZHUCAN_')) env[k] = v;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [ZHUCAN, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.on('data', (c: string) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ args, code, signal, stdout, stderr }));
  });
}

/** The one JSON object a `--json` run printed, or null when stdout is not exactly that. */
export function jsonOf(run: CliRun): Record<string, unknown> | null {
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) return null;
  try {
    const value: unknown = JSON.parse(lines[0] ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
