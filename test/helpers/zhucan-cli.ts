/**
 * Runs the real `zhucan` command (node bin/zhucan.js …) in a child process, the way district IT
 * would, and hands back its exit code and output. The environment is the test's own minus anything
 * that would change what the command does (ZHUCAN_* and NODE_OPTIONS), so a developer's shell
 * cannot make a test pass or fail.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  /** The exit code; null when the process was killed by a signal. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ZHUCAN_DB', 'ZHUCAN_OPERATOR', 'ZHUCAN_PIN', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, extraEnv);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/zhucan.js', ...args],
      { cwd: REPO_ROOT, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let code: number | null = 0;
        if (error !== null) code = typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * The one JSON object a `--json` run printed. Throws (failing the test with the output shown) when
 * stdout is not exactly one line holding one JSON object.
 */
export function onlyJson(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) {
    throw new Error(`expected exactly one JSON line on stdout, got ${lines.length}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(lines[0] ?? '');
  } catch {
    throw new Error(`stdout is not JSON: ${run.stdout}\nstderr: ${run.stderr}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`stdout is JSON but not an object: ${run.stdout}`);
  return value as Record<string, unknown>;
}
