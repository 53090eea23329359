/**
 * The draft of a new policy version as the form holds it: plain JSON, edited field by field at a
 * path, so a bad value (a negative amount, a word where a number goes) stays in the draft exactly as
 * typed and the policy schema — here and at the hub — names the problem at that field's path. Pure.
 */
import { formatPath } from '../../../../shared/parse.js';
import { nextVersionProblems, todayIn, validatePolicyDraft } from '../../../../shared/hub-api/policy-views.js';
import type { FieldProblem } from '../../../../shared/hub-api/policy-views.js';
import { formatYuan, parseYuan } from '../../../../shared/money.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import type { PolicyListing } from '../../api/policy-api.js';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type Draft = { readonly [key: string]: Json };
export type PathPart = string | number;

/** The next version, prefilled from the one in force: version + 1, and no end date of its own. */
export function draftFrom(current: Policy, published: readonly PolicyListing[]): Draft {
  const latest = published.filter((p) => p.policyId === current.id).reduce((n, p) => Math.max(n, p.version), current.version);
  const copy = JSON.parse(JSON.stringify(current)) as { [key: string]: Json };
  delete copy['effectiveTo'];
  return { ...copy, version: latest + 1 };
}

export function getAt(value: Json | undefined, path: readonly PathPart[]): Json | undefined {
  let here: Json | undefined = value;
  for (const part of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = Array.isArray(here) ? (here as readonly Json[])[Number(part)] : (here as { readonly [key: string]: Json })[String(part)];
  }
  return here;
}

/** A copy of `value` with `path` set; `undefined` removes an object's key (an emptied optional field). */
export function setAt(value: Json, path: readonly PathPart[], next: Json | undefined): Json {
  const [head, ...rest] = path;
  if (head === undefined) return next ?? null;
  if (Array.isArray(value)) {
    const copy = [...(value as readonly Json[])];
    copy[Number(head)] = setAt(copy[Number(head)] ?? {}, rest, next);
    return copy;
  }
  const object: { [key: string]: Json } = value !== null && typeof value === 'object' ? { ...(value as { readonly [key: string]: Json }) } : {};
  if (rest.length === 0 && next === undefined) {
    delete object[String(head)];
    return object;
  }
  object[String(head)] = setAt(object[String(head)] ?? {}, rest, next);
  return object;
}

export function pathText(path: readonly PathPart[]): string {
  return formatPath(path);
}

/** Money as typed (yuan) → the draft's value: fen when it is an amount — negative too, so the schema names the problem — else the text itself. */
export function yuanToDraft(text: string): Json | undefined {
  if (text.trim() === '') return undefined;
  const r = parseYuan(text);
  if (r.ok) return r.value;
  const negative = /^\s*[-\u2212－]\s*(\d+(?:\.\d{1,2})?)\s*$/.exec(text);
  if (negative !== null) {
    const fen = parseYuan(negative[1] ?? '');
    if (fen.ok) return -fen.value;
  }
  return text;
}

export function draftToYuan(value: Json | undefined): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value < 0 ? `-${formatYuan(-value)}` : formatYuan(value);
  return typeof value === 'string' ? value : '';
}

/** A whole number as typed → the draft's value (the text itself when it is not one). */
export function intToDraft(text: string): Json | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  return /^-?\d{1,9}$/.test(s) ? Number(s) : s;
}

export function draftToInt(value: Json | undefined): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/** Basis points ↔ percent as typed ("40" or "12.5" %). */
export function percentToDraft(text: string): Json | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const m = /^(-?)(\d{1,5})(?:\.(\d{1,2}))?$/.exec(s);
  if (m === null) return s;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -bp : bp;
}

export function draftToPercent(value: Json | undefined): string {
  if (typeof value !== 'number') return typeof value === 'string' ? value : '';
  const abs = Math.abs(value);
  const cents = abs % 100;
  return `${value < 0 ? '-' : ''}${Math.floor(abs / 100)}${cents === 0 ? '' : `.${String(cents).padStart(2, '0').replace(/0$/, '')}`}`;
}

/** The draft's problems the browser can see without the hub: the schema's, then the next-version rule. */
export function localProblems(draft: Draft, published: readonly PolicyListing[], nowIso: string): { policy: Policy | null; problems: FieldProblem[] } {
  const valid = validatePolicyDraft(draft);
  if (!valid.ok) return { policy: null, problems: valid.error.problems };
  const policy = valid.value;
  const versions = published.filter((p) => p.policyId === policy.id).map((p) => ({ version: p.version, effectiveFrom: p.effectiveFrom }));
  return { policy, problems: nextVersionProblems(policy, versions, todayIn(policy, nowIso)) };
}

/** A field's own problems: at its path, or inside it (a value of a per-period amount). */
export function problemsAt(problems: readonly FieldProblem[], path: string): FieldProblem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}
