import { z } from 'zod';
import { localDateSchema } from '../../shared/dates.js';
import { timeToMinutes } from '../../shared/dates.js';
import { regionCodeSchema } from '../../shared/region.js';
import { parseWith, formatProblem } from '../../shared/parse.js';
import { periodAt } from '../../shared/policy/select.js';
import { price } from '../../shared/pricing/price.js';
import { eatenMealSchema } from '../../shared/pricing/types.js';
import { message } from '../../shared/i18n/text.js';
import { integer, parse, required } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { problemLines, readPolicyFile } from './policy-file.js';
import { priceJson, priceLines } from './price-view.js';

const localDateTime = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/** `zhucan price …` — the pricing function on the command line, for district IT and for tests. */
export function priceCommand(argv: readonly string[]): Outcome {
  const { values } = parse(argv, {
    policy: { type: 'string' },
    birth: { type: 'string' },
    status: { type: 'string' },
    hukou: { type: 'string' },
    residence: { type: 'string' },
    canteen: { type: 'string' },
    amount: { type: 'string' },
    period: { type: 'string' },
    eaten: { type: 'string' },
    at: { type: 'string' },
    'care-home': { type: 'boolean' },
    suspended: { type: 'boolean' },
  });
  const at = localDateTime.exec(required(values.at, 'at'));
  if (at === null) throw new UsageError('--at must be a local date and time, e.g. 2026-11-24T12:05');
  const [, date = '', time = ''] = at;
  const birth = required(values.birth, 'birth');
  for (const [name, value, schema] of [
    ['at', date, localDateSchema],
    ['birth', birth, localDateSchema],
    ['hukou', values.hukou, regionCodeSchema.optional()],
    ['residence', values.residence, regionCodeSchema.optional()],
    ['canteen', values.canteen, regionCodeSchema.optional()],
  ] as const) {
    const check = parseWith(schema as z.ZodType<unknown>, value, `--${name}`);
    if (!check.ok) throw new UsageError(formatProblem(check.error, 'en'));
  }
  const amount = integer(values.amount, 'amount');
  if (amount !== undefined && amount < 0) throw new UsageError('--amount is in fen and cannot be negative');

  let eaten: z.infer<typeof eatenMealSchema>[] = [];
  if (values.eaten !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(values.eaten);
    } catch {
      throw new UsageError('--eaten must be JSON: [{"serviceDate":"2026-11-24","periodId":"lunch","subsidised":true,"at":"2026-11-24T04:00:00.000Z"}]');
    }
    const parsed = parseWith(z.array(eatenMealSchema), json, message('cli.eaten'));
    if (!parsed.ok) throw new UsageError(formatProblem(parsed.error, 'en'));
    eaten = parsed.value;
  }

  const policy = readPolicyFile(required(values.policy, 'policy'));
  if (!policy.ok) return refused({ error: 'policy', errors: policy.error.issues }, problemLines(policy.error));
  const p = policy.value;
  const canteen = values.canteen ?? p.region.code;
  const periodId = values.period ?? periodAt(p, timeToMinutes(time))?.id ?? null;
  if (values.period !== undefined && !p.periods.some((x) => x.id === values.period)) {
    throw new UsageError(`--period: the policy has no meal period "${values.period}" (it has ${p.periods.map((x) => x.id).join(', ')})`);
  }
  const statuses = (values.status ?? '').split(',').filter((s) => s !== '');
  const unknown = statuses.filter((s) => !p.statuses.some((x) => x.code === s));
  if (unknown.length > 0) {
    throw new UsageError(`--status: unknown ${unknown.join(', ')} (the policy knows ${p.statuses.map((x) => x.code).join(', ') || 'none'})`);
  }
  const hukou = values.hukou ?? canteen;
  const result = price({
    policy: p,
    elder: {
      birthDate: birth,
      statuses: statuses.map((code) => ({ code, validFrom: null, validTo: null })),
      hukouRegion: hukou,
      residenceRegion: values.residence ?? hukou,
      careHome: values['care-home'] === true,
      active: values.suspended !== true,
    },
    canteenRegion: canteen,
    serviceDate: date,
    periodId,
    ...(amount === undefined ? {} : { amount }),
    eaten,
  });
  const json = priceJson(result);
  return result.refusal === null ? done(json, priceLines(result)) : refused(json, priceLines(result));
}
