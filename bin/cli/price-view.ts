/** A pricing result as the command line shows it: amounts in fen and yuan, messages in both languages. */
import { formatYuan } from '../../shared/money.js';
import { render } from '../../shared/i18n/catalogs.js';
import type { PriceResult } from '../../shared/pricing/types.js';
import type { Message } from '../../shared/i18n/text.js';

const both = (m: Message) => ({ 'zh-CN': render(m, 'zh-CN'), en: render(m, 'en') });

export function priceJson(r: PriceResult): Record<string, unknown> {
  return {
    policy: r.policy,
    periodId: r.periodId,
    standard: r.standard,
    subsidy: r.subsidy,
    personal: r.personal,
    subsidised: r.subsidised,
    tier: r.tier,
    refusal: r.refusal === null ? null : { code: r.refusal.code, message: both(r.refusal.message), firstMealAt: r.refusal.firstMealAt ?? null },
    rules: r.rules.map((x) => ({ code: x.code, label: x.label ?? null, effect: x.effect, message: both(x.message) })),
    funding: r.funding,
    operatorSubsidy: r.operatorSubsidy,
    facts: r.facts,
  };
}

export function priceLines(r: PriceResult): string[] {
  const lines = [
    `餐费 / price ${formatYuan(r.standard)}  补贴 / subsidy ${formatYuan(r.subsidy)}  自付 / pays ${formatYuan(r.personal)}`,
  ];
  if (r.tier !== null) lines.push(`档次 / tier: ${r.tier.name}${r.tier.nameEn === null ? '' : ` (${r.tier.nameEn})`}`);
  if (r.refusal !== null) lines.push(`不补贴 / not subsidised: ${render(r.refusal.message, 'zh-CN')} / ${render(r.refusal.message, 'en')}`);
  for (const rule of r.rules) {
    if (rule.code === 'tier') continue;
    const label = rule.label === undefined ? '' : `${rule.label}: `;
    lines.push(`  · ${label}${render(rule.message, 'zh-CN')} / ${render(rule.message, 'en')}`);
  }
  if (r.funding.length > 0) lines.push(`资金来源 / funding: ${r.funding.map((f) => `${f.source} ${formatYuan(f.amount)}`).join(' + ')}`);
  return lines;
}
