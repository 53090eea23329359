/**
 * A policy's rules in words (shared/policy/describe.ts): the lines a canteen manager reads for each
 * tier of the fixture policies, checked by hand against the policies' own notes and docs/policy.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogs, render } from '../../shared/i18n/catalogs.js';
import type { Message } from '../../shared/i18n/text.js';
import { describePolicy, describeTier } from '../../shared/policy/describe.js';
import { policySchema } from '../../shared/policy/schema.js';
import type { Policy, PolicyInput } from '../../shared/policy/schema.js';
import { loadPolicy } from '../helpers/policies.js';

const FIXTURES = ['guangzhou-2020', 'guangzhou-2026-v2', 'nanjing-jianye', 'tianjin', 'zhuhai-gaoxin'] as const;

function demoPolicy(): Policy {
  const file = new URL('../../electron/kiosk/demo/demo-policy.json', import.meta.url);
  return policySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

const policies: { name: string; policy: Policy }[] = [
  ...FIXTURES.map((name) => ({ name, policy: loadPolicy(name) })),
  { name: 'demo', policy: demoPolicy() },
];

/** The Chinese lines of each tier, by tier name. */
function zhLines(policy: Policy): Record<string, string[]> {
  return Object.fromEntries(describePolicy(policy).map((d) => [d.tier, d.text.map((m) => render(m, 'zh-CN'))]));
}

function tierLines(policy: Policy, tierId: string): string[] {
  const tier = policy.tiers.find((x) => x.id === tierId);
  if (tier === undefined) throw new Error(`no tier ${tierId}`);
  return describeTier(policy, tier).map((m) => render(m, 'zh-CN'));
}

/** A policy made from Guangzhou's with some fields changed, for the forms no fixture uses. */
function variant(change: (p: PolicyInput) => PolicyInput): Policy {
  const base = JSON.parse(readFileSync(new URL('../fixtures/policies/guangzhou-2020.json', import.meta.url), 'utf8')) as PolicyInput;
  return policySchema.parse(change(base));
}

describe('describePolicy on the fixture policies', () => {
  it('Guangzhou: hardship, 80+ and 60–79, in tier order, with the budgets that are lost outside their area', () => {
    const lines = zhLines(loadPolicy('guangzhou-2020'));
    expect(Object.keys(lines)).toEqual(['困难长者', '80岁及以上', '60至79岁']);
    const funding = '资金来源：市级财政 ¥3.00 + 区级财政 ¥3.00 + 镇街 余额';
    // The city budget's "local 户籍 only" goes unsaid: the policy already requires a city 户籍.
    const local = ['区级财政部分仅补贴本区户籍的老人，其他老人自付这部分', '镇街部分仅补贴本镇街户籍的老人，其他老人自付这部分'];
    expect(lines['困难长者']).toEqual([
      '适用：60岁及以上且属于特困、低保、低收入或优抚对象',
      '须户籍在本市',
      '个人付 ¥1.00',
      funding,
      ...local,
      '每餐段限 1 次',
    ]);
    expect(lines['80岁及以上']).toEqual(['适用：80岁及以上', '须户籍在本市', '个人付 ¥3.00', funding, ...local, '每餐段限 1 次']);
    expect(lines['60至79岁']).toEqual(['适用：60至79岁', '须户籍在本市', '个人付 ¥5.00', funding, ...local, '每餐段限 1 次']);
  });

  it('Guangzhou version 2: 60–79 pay 4 yuan', () => {
    expect(zhLines(loadPolicy('guangzhou-2026-v2'))['60至79岁']?.[2]).toBe('个人付 ¥4.00');
  });

  it('Nanjing Jianye: amounts per meal period, three ways into the assisted tier, 户籍 or 常住', () => {
    const lines = zhLines(loadPolicy('nanjing-jianye'));
    expect(lines['扶助对象']).toEqual([
      '适用：60岁及以上且属于特困、低保、低保边缘或计划生育特殊家庭；或60岁及以上且同时属于失能和经济困难；或100岁及以上',
      '须户籍在本区或常住本区',
      '补贴 早餐 ¥1.00、午餐 ¥2.00、晚餐 ¥2.00',
      '资金来源：建邺区财政 全额',
      '每餐段限 1 次',
    ]);
    expect(lines['75岁及以上']).toEqual([
      '适用：75岁及以上',
      '须户籍在本区或常住本区',
      '补贴 早餐 ¥0.50、午餐 ¥1.00、晚餐 ¥1.00',
      '资金来源：建邺区财政 全额',
      '每餐段限 1 次',
    ]);
  });

  it('Tianjin: workday lunches only, no care-home residents, once a day and at most 5 a week, split 50/50', () => {
    const lines = zhLines(loadPolicy('tianjin'));
    const rest = [
      '入住养老机构期间不补贴',
      '须户籍在本市',
      '仅限午餐',
      '仅限工作日（节假日不补贴，调休上班日照常补贴）',
      '补贴 ¥3.00',
      '资金来源：市级财政 50% + 区级财政 50%',
      // The default of once per meal period goes unsaid: once a day implies it.
      '每天最多 1 次',
      '每周最多 5 次',
    ];
    expect(lines['低保低收入重度失能']).toEqual(['适用：60岁及以上且属于低保或低收入且属于重度失能', ...rest]);
    expect(lines['80岁及以上']).toEqual(['适用：80岁及以上', ...rest]);
  });

  it('Zhuhai: city and district subsidies stacked, each with its budget; the district part only for district 户籍; minimum spend', () => {
    expect(zhLines(loadPolicy('zhuhai-gaoxin'))['60岁及以上']).toEqual([
      '适用：60岁及以上',
      '须户籍在本市',
      '餐费满 ¥10.00 才补贴',
      '市级补贴：补贴 ¥3.00',
      '资金来源：珠海市财政 全额',
      '区级补贴：补贴 ¥3.00（须户籍在本区）',
      '资金来源：高新区财政 全额',
      '每天最多 1 次',
    ]);
  });

  it('the demo policy: personal prices per period; one amount for every period is said once', () => {
    const lines = zhLines(demoPolicy());
    expect(lines['困难长者']?.[2]).toBe('个人付 ¥1.00');
    expect(lines['80岁及以上']?.[2]).toBe('个人付 早餐 ¥2.00、午餐 ¥3.00、晚餐 ¥3.00');
    expect(lines['60至79岁']?.[2]).toBe('个人付 早餐 ¥3.00、午餐 ¥5.00、晚餐 ¥5.00');
  });

  it('the English lines use the policy\'s English names', () => {
    const [hardship] = describePolicy(loadPolicy('tianjin'));
    expect(hardship?.text.map((m) => render(m, 'en'))).toEqual([
      'Who: aged 60 or older, with minimum living allowance or low income, with severe care needs',
      'Not while living in a care home',
      'Only for elders with hukou in this city',
      'Only at Lunch',
      'Workdays only (none on public holidays; make-up workdays count)',
      'Subsidy: ¥3.00',
      'Paid by: City budget 50% + District budget 50%',
      'At most 1 a day',
      'At most 5 a week (Monday to Sunday)',
    ]);
  });
});

describe('forms no fixture uses', () => {
  it('discounts as 折, a discount stacked under a subsidy, shares in percent, caps', () => {
    const policy = variant((p) => ({
      ...p,
      maxSubsidy: 800,
      tiers: [
        {
          id: 'age80',
          name: '80岁及以上',
          who: [{ minAge: 80 }],
          benefits: [
            { kind: 'discount', payBp: 8500, funding: [{ source: 'city', shareBp: 6667 }, { source: 'district', shareBp: 3333 }] },
            { kind: 'fixedSubsidy', amount: 200, when: { periods: ['lunch'], minSpend: 1500 }, funding: [{ source: 'district', rest: true }] },
          ],
          minPersonal: 200,
        },
        { id: 'age60', name: '60至79岁', who: [{ minAge: 60, maxAge: 79 }], benefits: [{ kind: 'discount', payBp: 9000, funding: [{ source: 'city', rest: true }] }] },
      ],
    }));
    expect(tierLines(policy, 'age80')).toEqual([
      '适用：80岁及以上',
      '须户籍在本市',
      '按 8.5 折付费',
      '资金来源：市级财政 66.67% + 区级财政 33.33%',
      '区级财政部分仅补贴本区户籍的老人，其他老人自付这部分',
      '补贴 ¥2.00（仅限午餐，餐费满 ¥15.00 才补贴）',
      '资金来源：区级财政 全额',
      '每餐段限 1 次',
      '每餐补贴最多 ¥8.00',
      '个人每餐最少付 ¥2.00',
    ]);
    expect(tierLines(policy, 'age60')[2]).toBe('按 9 折付费');
  });

  it('a tier\'s limits replace the policy\'s key by key; a monthly limit does not hide a weekly one', () => {
    const policy = variant((p) => ({
      ...p,
      limits: { perDay: 2, perWeek: 6 },
      tiers: p.tiers.map((tier) => (tier.id === 'age80' ? { ...tier, limits: { perDay: 1, perMonth: 4 } } : tier)),
    }));
    // The policy's perWeek stays; the tier's perDay replaces 2; perPeriod 1 is the default and shows
    // where no wider limit of 1 implies it.
    expect(tierLines(policy, 'age80').slice(-3)).toEqual(['每天最多 1 次', '每周最多 6 次', '每月最多 4 次']);
    expect(tierLines(policy, 'age60').slice(-3)).toEqual(['每餐段限 1 次', '每天最多 2 次', '每周最多 6 次']);
  });

  it('an amount named for some periods says the others get nothing; a fixed last funding part takes the rest', () => {
    const policy = variant((p) => ({
      ...p,
      tiers: [
        {
          id: 'age60',
          name: '60岁及以上',
          who: [{ maxAge: 130 }, { statusesAll: ['dibao', 'youfu'] }],
          conditions: { excludeCareHome: true, residency: [{ of: 'hukou', within: 'town' }] },
          benefits: [{ kind: 'fixedSubsidy', amount: { lunch: 300 }, funding: [{ source: 'city', amount: 100 }, { source: 'town', amount: 100 }] }],
        },
      ],
    }));
    expect(tierLines(policy, 'age60')).toEqual([
      '适用：130岁及以下；或同时属于低保和优抚对象',
      '须户籍在本市',
      '入住养老机构期间不补贴',
      '须户籍在本镇街',
      '补贴 午餐 ¥3.00（其他餐段不适用）',
      // The tier requires a town 户籍, so no budget's "local only" rule can bite.
      '资金来源：市级财政 ¥1.00 + 镇街 余额',
      '每餐段限 1 次',
    ]);
  });
});

describe('every line of every policy', () => {
  const all: { where: string; msg: Message }[] = [];
  const add = (name: string, policy: Policy): void => {
    for (const { tier, text } of describePolicy(policy)) for (const msg of text) all.push({ where: `${name} / ${tier}`, msg });
  };
  policies.forEach(({ name, policy }) => add(name, policy));

  it('uses only keys defined in the catalogs, in both languages', () => {
    expect(all.length).toBeGreaterThan(50);
    const defined = (key: string): boolean => catalogs.some((c) => Object.hasOwn(c, key));
    expect(all.filter(({ msg }) => !defined(msg.key) || render(msg, 'en') === msg.key).map((x) => x.msg.key)).toEqual([]);
  });

  it('has every placeholder filled and no nested key left unrendered', () => {
    const bad = all.flatMap(({ where, msg }) =>
      (['zh-CN', 'en'] as const)
        .map((locale) => render(msg, locale))
        .filter((line) => line.includes('{') || line.includes('policyWords.'))
        .map((line) => `${where}: ${line}`),
    );
    expect(bad).toEqual([]);
  });

  it('carries amounts as formatted strings, so rendering needs no money code', () => {
    const params = all.flatMap(({ msg }) => Object.entries(msg.params ?? {}));
    expect(params.filter(([name, value]) => name.startsWith('amount') && typeof value !== 'string')).toEqual([]);
    expect(params.some(([name, value]) => name === 'amount' && value === '10.00')).toBe(true);
  });

  it('is one entry per tier, named as the policy names it', () => {
    for (const { policy } of policies) expect(describePolicy(policy).map((d) => d.tier)).toEqual(policy.tiers.map((x) => x.name));
  });
});
