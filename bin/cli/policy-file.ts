import { readFileSync } from 'node:fs';
import { policySchema } from '../../shared/policy/schema.js';
import type { Policy } from '../../shared/policy/schema.js';
import { formatProblem, parseWith } from '../../shared/parse.js';
import type { ParseProblem } from '../../shared/parse.js';
import type { Result } from '../../shared/result.js';
import { err } from '../../shared/result.js';
import { message } from '../../shared/i18n/text.js';
import { renderBoth } from '../../shared/i18n/catalogs.js';

/** Reads and validates a policy file; a missing file or bad JSON is a problem like any other. */
export function readPolicyFile(file: string): Result<Policy, ParseProblem> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    return err({ message: message('cli.fileUnreadable', { file, reason }), issues: [] });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ message: message('cli.notJson', { file, reason: e instanceof Error ? e.message : String(e) }), issues: [] });
  }
  return parseWith(policySchema, json, message('cli.policyFile', { file }));
}

export function problemLines(p: ParseProblem): string[] {
  if (p.issues.length === 0) return [renderBoth(p.message)];
  return [formatProblem(p, 'zh-CN'), formatProblem(p, 'en')];
}
