/**
 * How every command speaks: `--json` prints exactly one JSON object on stdout; otherwise lines for a
 * person, Chinese first. Exit 0 on success, 1 on a refusal or a failed check, 2 on bad usage.
 */
import type { Message } from '../../shared/i18n/text.js';
import { renderBoth } from '../../shared/i18n/catalogs.js';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** Bad usage: the command line itself is wrong (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a command hands back: the JSON it would print, the lines for a person, and the exit code. */
export interface Outcome {
  readonly exit: typeof EXIT_OK | typeof EXIT_REFUSED;
  readonly json: Record<string, unknown>;
  readonly lines: readonly string[];
}

export function done(json: Record<string, unknown>, lines: readonly string[]): Outcome {
  return { exit: EXIT_OK, json: { ok: true, ...json }, lines };
}

export function refused(json: Record<string, unknown>, lines: readonly string[]): Outcome {
  return { exit: EXIT_REFUSED, json: { ok: false, ...json }, lines };
}

/** A Message in both languages, Chinese first, for the human lines. */
export function say(m: Message): string {
  return renderBoth(m);
}

export function print(outcome: Outcome, asJson: boolean, out: NodeJS.WritableStream = process.stdout): void {
  if (asJson) out.write(`${JSON.stringify(outcome.json)}\n`);
  else for (const line of outcome.lines) out.write(`${line}\n`);
}
