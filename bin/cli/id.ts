import { maskResidentId, parseResidentId } from '../../shared/idcard.js';
import { parse } from './args.js';
import { done, refused, say, UsageError } from './io.js';
import type { Outcome } from './io.js';

/** `zhucan id check NUMBER` — never prints the full number back, only its masked form. */
export function idCommand(argv: readonly string[]): Outcome {
  const [sub, ...rest] = argv;
  if (sub !== 'check') throw new UsageError('usage: zhucan id check NUMBER');
  const { positionals } = parse(rest, {}, 1);
  const result = parseResidentId(positionals[0] ?? '');
  if (!result.ok) {
    return refused({ valid: false, reason: result.error.code, message: say(result.error.message) }, [
      `无效 / invalid: ${say(result.error.message)}`,
    ]);
  }
  const { birthDate, sex, regionCode, convertedFrom15, number } = result.value;
  const masked = maskResidentId(number);
  return done({ valid: true, birthDate, sex, regionCode, masked, convertedFrom15 }, [
    `有效 / valid: ${masked}`,
    `出生日期 / birth date: ${birthDate}`,
    `性别 / sex: ${sex === 'M' ? '男 / male' : '女 / female'}`,
    ...(convertedFrom15 ? ['由15位旧号码转换 / converted from the 15-digit form'] : []),
  ]);
}
