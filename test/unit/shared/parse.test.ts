import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { formatPath, formatProblem, parseWith, ROOT_PATH, type ParseProblem } from '../../../shared/parse.js';
import { fenSchema } from '../../../shared/money.js';
import { localDateSchema } from '../../../shared/dates.js';
import { message, render } from '../../../shared/i18n/index.js';

const policySchema = z.strictObject({
  name: z.string().min(1),
  effectiveFrom: localDateSchema,
  rules: z.array(
    z.object({
      tier: z.enum(['tekun', 'dibao', 'age80']),
      benefits: z.array(z.object({ amount: fenSchema, period: z.string().optional() })).min(1),
    }),
  ),
});

function problem(schema: z.ZodType, input: unknown): ParseProblem {
  const r = parseWith(schema, input, 'policy.json');
  if (r.ok) throw new Error('expected a problem');
  return r.error;
}

describe('parseWith', () => {
  it('returns the typed value when the input fits', () => {
    const input = { name: '广州 2026', effectiveFrom: '2026-01-01', rules: [{ tier: 'age80', benefits: [{ amount: 900 }] }] };
    expect(parseWith(policySchema, input, 'policy.json')).toEqual({ ok: true, value: input });
  });

  it('lists every failing path, with words a person can act on', () => {
    const p = problem(policySchema, {
      name: '',
      effectiveFrom: '2026-02-30',
      rules: [{ tier: 'age80', benefits: [{ amount: 900 }] }, { tier: 'age90', benefits: [] }, { tier: 'dibao', benefits: [{ amount: 12.5 }] }],
      extra: true,
    });
    expect(p.issues.map((i) => i.path)).toEqual(['name', 'effectiveFrom', 'rules[1].tier', 'rules[1].benefits', 'rules[2].benefits[0].amount', ROOT_PATH]);
    expect(formatProblem(p)).toBe(
      [
        'policy.json有误（6处）：',
        '- name：不能为空',
        '- effectiveFrom：日期 2026-02-30 不存在，请核对月份和天数',
        '- rules[1].tier：应为以下之一：tekun / dibao / age80',
        '- rules[1].benefits：不能为空',
        '- rules[2].benefits[0].amount：金额必须是以“分”为单位的整数（如 12.50 元写作 1250）',
        '- （整体）：有不认识的字段：extra（可能拼写有误）',
      ].join('\n'),
    );
    expect(formatProblem(p, 'en')).toBe(
      [
        'Problems in policy.json (6):',
        '- name: Cannot be empty',
        '- effectiveFrom: The date 2026-02-30 does not exist; check the month and day',
        '- rules[1].tier: Should be one of: tekun / dibao / age80',
        '- rules[1].benefits: Cannot be empty',
        '- rules[2].benefits[0].amount: Amounts are whole fen (12.50 yuan is written 1250)',
        '- (root): Unknown fields: extra (perhaps misspelt)',
      ].join('\n'),
    );
  });

  it('keeps a Chinese message on each issue for logs and a Message to render later', () => {
    const p = problem(policySchema, { name: 'x', effectiveFrom: '2026-01-01' });
    expect(p.issues).toEqual([{ path: 'rules', message: '缺少此项', text: { key: 'parse.required' } }]);
  });

  it('names wrong types in both languages', () => {
    const p = problem(z.object({ count: z.number(), list: z.array(z.string()), flag: z.boolean() }), { count: '3', list: {}, flag: null });
    expect(p.issues.map((i) => i.message)).toEqual(['应为数字，实际是文本', '应为列表，实际是对象（字段表）', '应为是/否（true 或 false），实际是空值（null）']);
    expect(render(p.issues[0]?.text ?? message('x'), 'en')).toBe('Should be a number, but is text');
    expect(formatProblem(problem(z.object({ a: z.string() }), 'text'), 'en')).toContain('(root): Should be an object, but is text');
  });

  it('words bounds, formats and multiples', () => {
    const schema = z.object({
      pin: z.string().length(6),
      note: z.string().max(3),
      qty: z.int().min(1).max(5),
      price: z.number().positive(),
      step: z.int().multipleOf(50),
      email: z.email(),
      code: z.string().regex(/^\d+$/),
      items: z.array(z.int()).max(1),
    });
    const p = problem(schema, { pin: '123', note: 'long', qty: 9, price: 0, step: 75, email: 'no', code: 'x', items: [1, 2] });
    expect(p.issues.map((i) => render(i.text, 'en'))).toEqual([
      'Must be exactly 6 characters',
      'At most 3 characters',
      'Must be at most 5',
      'Must be more than 0',
      'Must be a multiple of 50',
      'Wrong format (should be email)',
      'Wrong format',
      'At most 1 items',
    ]);
  });

  it('explains a union by the branch that had the right type, or by listing literal choices', () => {
    const benefit = z.union([z.int(), z.object({ percent: z.int().max(100) })]);
    expect(problem(z.object({ b: benefit }), { b: { percent: 150 } }).issues).toMatchObject([{ path: 'b.percent', message: '不能大于100' }]);
    expect(problem(z.object({ b: benefit }), { b: 'x' }).issues).toMatchObject([{ path: 'b', message: '不符合任何一种允许的写法' }]);
    const kind = z.union([z.literal('fixed'), z.literal('percent')]);
    expect(problem(kind, 'other').issues).toMatchObject([{ path: ROOT_PATH, message: '应为以下之一：fixed / percent' }]);
    const tagged = z.discriminatedUnion('kind', [z.object({ kind: z.literal('fixed'), fen: fenSchema }), z.object({ kind: z.literal('percent'), bp: z.int() })]);
    expect(problem(tagged, { kind: 'fixed', fen: -1 }).issues).toMatchObject([{ path: 'fen', message: '金额不能为负数' }]);
    expect(problem(tagged, { kind: 'gift' }).issues).toMatchObject([{ path: 'kind', message: '应为以下之一：fixed / percent' }]);
  });

  it("uses a schema's own words: a catalog key, or text as written", () => {
    expect(problem(z.int().refine((n) => n % 2 === 0, { error: 'money.negative' }), 3).issues[0]?.message).toBe('金额不能为负数');
    expect(problem(z.string().refine(() => false, { error: '请扫描老人卡' }), 'x').issues[0]?.message).toBe('请扫描老人卡');
    expect(problem(z.string().refine(() => false), 'x').issues[0]?.message).toBe('不符合要求');
  });

  it('never copies the input into a problem unless the schema asks to', () => {
    const schema = z.object({ idNumber: z.string().length(18), age: z.int() });
    const p = problem(schema, { idNumber: '11010519491231002', age: '11010519491231002X' });
    expect(JSON.stringify(p)).not.toContain('1101051949');
  });

  it('takes a Message as the subject and renders it per language', () => {
    const r = parseWith(z.number(), 'x', message('common.yes'));
    expect(!r.ok && render(r.error.message, 'zh-CN')).toBe('是有误（1处）');
    expect(!r.ok && render(r.error.message, 'en')).toBe('Problems in yes (1)');
  });

  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = parseWith(policySchema, input, 'policy.json');
        if (!r.ok) {
          expect(r.error.issues.length).toBeGreaterThan(0);
          expect(formatProblem(r.error).split('\n')).toHaveLength(r.error.issues.length + 1);
        }
      }),
    );
  });
});

describe('formatPath', () => {
  it('renders paths like code', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['rules', 2, 'benefits', 0, 'amount'])).toBe('rules[2].benefits[0].amount');
    expect(formatPath([0, 'name'])).toBe('[0].name');
    expect(formatPath(['odd key', 'x'])).toBe('["odd key"].x');
    expect(formatPath(['餐次', 1])).toBe('餐次[1]');
    expect(formatPath(['a', Symbol('s')])).toBe('a[Symbol(s)]');
  });
});
