import type { z } from 'zod';
import { render, t } from './i18n/catalogs.js';
import { message, type Locale, type Message, type Params } from './i18n/text.js';
import { err, ok, type Result } from './result.js';

/**
 * The one way to turn `unknown` into a typed value at a boundary (files, IPC, HTTP, policy,
 * roster): `parseWith(schema, input, what)`. On failure it lists every failing path with a message
 * a person can act on, in either language.
 *
 * Schemas give their own messages as catalog keys (`{ error: 'date.format' }`); a custom issue may
 * carry string or number `params` for the key's placeholders. Plain text also works and is shown
 * as written. Zod's built-in issues (wrong type, too short, unknown field…) get our catalog's words.
 * The input itself is never copied into a problem (it may hold ID numbers), except through a
 * custom issue's params, which the schema chose to include.
 */
export interface ParseIssue {
  /** Where, e.g. `rules[2].benefits[0].amount`; '(root)' for the value as a whole. */
  readonly path: string;
  /** The problem in Chinese, for logs and any caller that shows text directly. */
  readonly message: string;
  /** The same problem as a message, to render in the reader's language. */
  readonly text: Message;
}

export interface ParseProblem {
  /** One line naming what was being read and how many problems it has. */
  readonly message: Message;
  readonly issues: readonly ParseIssue[];
}

export const ROOT_PATH = '(root)';

// Marks an issue whose schema gave no message of its own (per-parse error maps rank below a
// schema's own `error`), so that we can word it instead of showing zod's English default.
const NO_SCHEMA_MESSAGE = '\u0000zhucan:no-schema-message';

/** `what` names the thing being read: a Message, a catalog key, or a literal name such as a file name. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: Message | string): Result<T, ParseProblem> {
  const result = schema.safeParse(input, { error: () => NO_SCHEMA_MESSAGE, reportInput: true });
  if (result.success) return ok(result.data);
  const issues = result.error.issues.flatMap((issue) => explain(issue, [])).map(
    ({ path, text }): ParseIssue => ({ path: formatPath(path), message: render(text, 'zh-CN'), text }),
  );
  const subject = typeof what === 'string' ? message(what) : what;
  return err({ message: message('parse.invalid', { ...bilingual('what', subject), count: issues.length }), issues });
}

/**
 * A problem as lines a person can act on: the summary, then each failing path with its message.
 *   策略文件有误（2处）：
 *   - rules[2].benefits[0].amount：金额不能为负数
 */
export function formatProblem(p: ParseProblem, locale: Locale = 'zh-CN'): string {
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const lines = p.issues.map((i) => {
    const where = i.path === ROOT_PATH ? t('parse.root', undefined, locale) : i.path;
    return `- ${where}${colon}${render(i.text, locale)}`;
  });
  return [render(p.message, locale) + colon.trimEnd(), ...lines].join('\n');
}

/** ['rules', 2, 'benefits', 0, 'amount'] → 'rules[2].benefits[0].amount'; [] → '(root)'. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return ROOT_PATH;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${key.toString()}]`;
    else if (/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

// ---- wording of zod issues ----

type Issue = z.core.$ZodIssue;

function isCatalogKey(text: string): boolean {
  return t(text) !== text;
}

/**
 * Params whose value is itself a message, filled per language: the Chinese template reads `{name}`,
 * the English one `{name_en}` (placeholders take plain strings, not messages).
 */
function bilingual(name: string, msg: Message): Params {
  return { [name]: render(msg, 'zh-CN'), [`${name}_en`]: render(msg, 'en') };
}

/**
 * A union that no branch matched: when only one branch had the right type (say the one object
 * branch, given an object), its own issues say what to fix; when every branch was a single
 * literal, the choices are listed; otherwise the union is reported as a whole.
 */
function explainUnion(issue: Issue & { code: 'invalid_union' }, at: readonly PropertyKey[]): { path: PropertyKey[]; text: Message }[] {
  const here = [...at, ...issue.path];
  if ('options' in issue && issue.options !== undefined && issue.options.length > 0) {
    return [{ path: here, text: message('parse.oneOf', { options: listOf(issue.options) }) }];
  }
  const branches = issue.errors;
  const literals = branches.flatMap((b) => (b.length === 1 && b[0]?.code === 'invalid_value' && b[0].path.length === 0 ? b[0].values : []));
  if (branches.length > 0 && branches.every((b) => b.length === 1 && b[0]?.code === 'invalid_value' && b[0].path.length === 0)) {
    return [{ path: here, text: message('parse.oneOf', { options: listOf(literals) }) }];
  }
  const wrongType = (b: readonly Issue[]): boolean => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0;
  // Nothing there at all (a field left empty): every branch says "wrong type, got undefined" —
  // "required" is what the reader needs, not "matches none of the allowed forms".
  if (branches.length > 0 && branches.every((br) => wrongType(br) && br[0]?.input === undefined)) return [{ path: here, text: message('parse.required') }];
  const typed = branches.filter((b) => !wrongType(b));
  const [only] = typed;
  if (typed.length === 1 && only !== undefined) return only.flatMap((i) => explain(i, here));
  return [{ path: here, text: issue.message === NO_SCHEMA_MESSAGE ? message('parse.union') : describeIssue(issue) }];
}

function explain(issue: Issue, at: readonly PropertyKey[]): { path: PropertyKey[]; text: Message }[] {
  if (issue.code === 'invalid_union' && issue.message === NO_SCHEMA_MESSAGE) return explainUnion(issue, at);
  return [{ path: [...at, ...issue.path], text: describeIssue(issue) }];
}

function describeIssue(issue: Issue): Message {
  if (issue.message !== NO_SCHEMA_MESSAGE) {
    // The schema's own words: a catalog key (with the custom issue's params), or text as written.
    return isCatalogKey(issue.message) ? message(issue.message, paramsOf(issue)) : message(issue.message);
  }
  return builtIn(issue);
}

function paramsOf(issue: Issue): Params | undefined {
  const out: Record<string, string | number> = {};
  if (issue.code === 'custom' && issue.params !== undefined) {
    for (const [k, v] of Object.entries(issue.params)) {
      if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    }
  }
  if (issue.code === 'too_small') out['minimum'] = Number(issue.minimum);
  if (issue.code === 'too_big') out['maximum'] = Number(issue.maximum);
  return Object.keys(out).length > 0 ? out : undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    return Number.isInteger(value) ? 'int' : 'number';
  }
  if (value instanceof Date) return 'date';
  return typeof value;
}

function typeName(kind: string): Message {
  const key = `parse.type.${kind}`;
  return message(isCatalogKey(key) ? key : 'parse.type.other');
}

function listOf(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : String(v))).join(' / ');
}

function builtIn(issue: Issue): Message {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return message('parse.required');
      return message('parse.type', { ...bilingual('expected', typeName(issue.expected)), ...bilingual('received', typeName(kindOf(issue.input))) });
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        const what = issue.origin === 'string' ? 'string' : 'array';
        if (issue.exact === true) return message(`parse.exact.${what}`, { length: minimum });
        return minimum === 1 ? message('parse.tooSmall.empty') : message(`parse.tooSmall.${what}`, { minimum });
      }
      return message(issue.inclusive === false ? 'parse.tooSmall.numberExclusive' : 'parse.tooSmall.number', { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        const what = issue.origin === 'string' ? 'string' : 'array';
        if (issue.exact === true) return message(`parse.exact.${what}`, { length: maximum });
        return message(`parse.tooBig.${what}`, { maximum });
      }
      return message(issue.inclusive === false ? 'parse.tooBig.numberExclusive' : 'parse.tooBig.number', { maximum });
    }
    case 'invalid_format':
      return issue.format === 'regex' ? message('parse.pattern') : message('parse.format', { format: issue.format });
    case 'not_multiple_of':
      return message('parse.multipleOf', { divisor: issue.divisor });
    case 'unrecognized_keys':
      return message('parse.unrecognizedKeys', { keys: issue.keys.join(', ') });
    case 'invalid_value':
      return message('parse.oneOf', { options: listOf(issue.values) });
    case 'invalid_union':
      return message('parse.union');
    case 'invalid_key':
      return message('parse.invalidKey');
    case 'invalid_element':
      return message('parse.invalidElement');
    case 'custom':
      return message('parse.other');
  }
}
