import { policyJsonSchema } from '../../shared/policy/json-schema.js';
import { parse } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { problemLines, readPolicyFile } from './policy-file.js';
import { renderBoth } from '../../shared/i18n/catalogs.js';
import { policyInstallCommand } from './setup.js';

/** `zhucan policy check FILE` and `zhucan policy schema` (the JSON Schema of the format). */
export function policyCommand(argv: readonly string[]): Outcome {
  const [sub, ...rest] = argv;
  if (sub === 'install') return policyInstallCommand(rest);
  if (sub === 'schema') {
    parse(rest, {}, 0);
    const schema = policyJsonSchema();
    return done({ schema }, [JSON.stringify(schema, null, 2)]);
  }
  if (sub !== 'check') throw new UsageError('usage: zhucan policy check FILE | zhucan policy schema | zhucan policy install FILE');
  const { positionals } = parse(rest, {}, 1);
  const file = positionals[0] ?? '';
  const result = readPolicyFile(file);
  if (!result.ok) {
    return refused(
      { valid: false, message: renderBoth(result.error.message), errors: result.error.issues.map((i) => ({ path: i.path, message: i.message })) },
      problemLines(result.error),
    );
  }
  const p = result.value;
  return done(
    { valid: true, id: p.id, version: p.version, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo ?? null, tiers: p.tiers.map((t) => t.id) },
    [
      `有效 / valid: ${p.name} v${p.version}`,
      `生效 / in force: ${p.effectiveFrom} – ${p.effectiveTo ?? '…'}`,
      `档次 / tiers: ${p.tiers.map((t) => t.name).join('、')}`,
    ],
  );
}
