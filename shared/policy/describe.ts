/**
 * A subsidy policy's rules in words, for the canteen manager's settings screen: one message per line,
 * rendered in whichever language the screen uses (shared/i18n/catalog-policy-words.ts).
 *
 * The words follow what the pricing code does with each field (shared/pricing/), not what a field's
 * name suggests: the policy's conditions hold for every tier besides the tier's own, a tier's limits
 * replace the policy's key by key over the default of one meal per period, the last fixed funding
 * part takes whatever is left, and a budget that pays only for local 户籍 is lost for anyone else.
 */
import { t } from '../i18n/catalogs.js';
import { message } from '../i18n/text.js';
import type { Message, Params } from '../i18n/text.js';
import { formatYuan } from '../money.js';
import type { AreaLevel } from '../region.js';
import { effectiveLimits } from '../pricing/conditions.js';
import type { AmountByPeriod, Benefit, Conditions, FundingPart, Policy, Tier, Who } from './schema.js';

/**
 * A phrase in both languages. Placeholders take plain strings, so a phrase nested in another message
 * is rendered in each language first and passed as `{name}` (Chinese) and `{name_en}` (English).
 */
interface Phrase {
  readonly zh: string;
  readonly en: string;
}

type Value = string | number | Phrase;

/** A message not yet rendered: it becomes a line of its own, or a phrase inside another line. */
interface Draft {
  readonly key: string;
  readonly values: Readonly<Record<string, Value>>;
}

function flatten(values: Readonly<Record<string, Value>>): Params {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'object') {
      out[name] = value.zh;
      out[`${name}_en`] = value.en;
    } else {
      out[name] = value;
    }
  }
  return out;
}

function draft(key: string, values: Readonly<Record<string, Value>> = {}): Draft {
  return { key, values };
}

function phrase(d: Draft): Phrase {
  const params = flatten(d.values);
  return { zh: t(d.key, params, 'zh-CN'), en: t(d.key, params, 'en') };
}

function toMessage(d: Draft): Message {
  return Object.keys(d.values).length === 0 ? message(d.key) : message(d.key, flatten(d.values));
}

/** A name from the policy, in English where the policy gives one. */
function named(x: { readonly name: string; readonly nameEn?: string | undefined }): Phrase {
  return { zh: x.name, en: x.nameEn ?? x.name };
}

/**
 * Items joined pairwise: every join but the last with `between`, the last with `last` — so
 * "特困、低保或低收入" and "A, B or C" each keep their own language's separators.
 */
function joinList(items: readonly Phrase[], last: string, between = 'policyWords.list.item'): Phrase {
  let out: Phrase | undefined;
  items.forEach((item, i) => {
    out = out === undefined ? item : phrase(draft(i === items.length - 1 ? last : between, { a: out, b: item }));
  });
  return out ?? { zh: '', en: '' };
}

function money(fen: number): Phrase {
  return phrase(draft('policyWords.money', { amount: formatYuan(fen) }));
}

function statusName(policy: Policy, code: string): Phrase {
  const status = policy.statuses.find((s) => s.code === code);
  return status === undefined ? { zh: code, en: code } : named(status);
}

function periodName(policy: Policy, id: string): Phrase {
  const period = policy.periods.find((p) => p.id === id);
  return period === undefined ? { zh: id, en: id } : named(period);
}

function sourceName(policy: Policy, id: string): Phrase {
  const source = policy.funding.find((s) => s.id === id);
  return source === undefined ? { zh: id, en: id } : named(source);
}

function area(level: AreaLevel): Phrase {
  return phrase(draft(`policyWords.area.${level}`));
}

// ---- who ----

function agePhrase(min: number | undefined, max: number | undefined): Phrase | null {
  if (min !== undefined && max !== undefined) {
    return phrase(min === max ? draft('policyWords.who.exactAge', { age: min }) : draft('policyWords.who.ageRange', { min, max }));
  }
  if (min !== undefined) return phrase(draft('policyWords.who.minAge', { min }));
  if (max !== undefined) return phrase(draft('policyWords.who.maxAge', { max }));
  return null;
}

/** One way into the tier: every stated field must hold (shared/pricing/tiers.ts whoMatches). */
function whoPhrase(policy: Policy, w: Who): Phrase {
  const parts: Phrase[] = [];
  const age = agePhrase(w.minAge, w.maxAge);
  if (age !== null) parts.push(age);
  if (w.statusesAny !== undefined) {
    const names = w.statusesAny.map((code) => statusName(policy, code));
    parts.push(phrase(draft('policyWords.who.statusesAny', { statuses: joinList(names, 'policyWords.list.or') })));
  }
  if (w.statusesAll !== undefined) {
    const names = w.statusesAll.map((code) => statusName(policy, code));
    // A single status required "all of" reads the same as "one of" it.
    const key = names.length === 1 ? 'policyWords.who.statusesAny' : 'policyWords.who.statusesAll';
    parts.push(phrase(draft(key, { statuses: joinList(names, 'policyWords.list.and') })));
  }
  return joinList(parts, 'policyWords.who.both', 'policyWords.who.both');
}

// ---- conditions ----

/** In the order pricing checks them (shared/pricing/conditions.ts conditionFailure). */
function conditionDrafts(policy: Policy, c: Conditions | undefined): Draft[] {
  if (c === undefined) return [];
  const out: Draft[] = [];
  if (c.excludeCareHome === true) out.push(draft('policyWords.cond.excludeCareHome'));
  if (c.residency !== undefined) {
    // Any one rule is enough.
    const rules = c.residency.map((r) => phrase(draft(`policyWords.residency.${r.of}`, { area: area(r.within) })));
    out.push(draft('policyWords.cond.residency', { rules: joinList(rules, 'policyWords.list.or', 'policyWords.list.or') }));
  }
  if (c.periods !== undefined) {
    const names = c.periods.map((id) => periodName(policy, id));
    out.push(draft('policyWords.cond.periods', { periods: joinList(names, 'policyWords.list.item') }));
  }
  if (c.workdaysOnly === true) out.push(draft('policyWords.cond.workdaysOnly'));
  if (c.minSpend !== undefined) out.push(draft('policyWords.cond.minSpend', { amount: formatYuan(c.minSpend) }));
  return out;
}

/** The periods the policy's and the tier's conditions leave open (every one when neither names any). */
function openPeriods(policy: Policy, tier: Tier): string[] {
  return policy.periods
    .map((p) => p.id)
    .filter((id) => [policy.conditions, tier.conditions].every((c) => c?.periods === undefined || c.periods.includes(id)));
}

// ---- benefits and funding ----

/**
 * An amount, or per period in the policy's period order. `open` is given for a benefit's own amount:
 * a period left out of it gets nothing from the benefit, which is said when such a period is open.
 */
function amountPhrase(policy: Policy, a: AmountByPeriod, open: readonly string[] | null): Phrase {
  if (typeof a === 'number') return money(a);
  // The same amount in every period is just that amount (the demo policy's hardship breakfast, lunch and dinner).
  const each = policy.periods.map((p) => a[p.id]);
  const first = each[0];
  if (first !== undefined && each.every((fen) => fen === first)) return money(first);
  const items = policy.periods.flatMap((p) => {
    const fen = a[p.id];
    return fen === undefined ? [] : [phrase(draft('policyWords.amount.period', { period: named(p), amount: formatYuan(fen) }))];
  });
  const list = joinList(items, 'policyWords.list.item');
  const missing = open !== null && open.some((id) => a[id] === undefined);
  return missing ? phrase(draft('policyWords.amount.otherPeriodsNone', { amounts: list })) : list;
}

/** 9000 → "9", 8500 → "8.5": the 折 figure as Chinese shoppers read it (as shared/pricing/benefits.ts). */
function discountRate(payBp: number): string {
  const whole = Math.floor(payBp / 1000);
  const rest = String(payBp % 1000).padStart(3, '0').replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

/** 5000 → "50", 3333 → "33.33": basis points as a percentage, without float arithmetic. */
function percent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

function benefitDraft(policy: Policy, tier: Tier, b: Benefit): Draft {
  const open = openPeriods(policy, tier);
  let d: Draft;
  switch (b.kind) {
    case 'fixedPersonal':
      d = draft('policyWords.benefit.fixedPersonal', { amount: amountPhrase(policy, b.amount, open) });
      break;
    case 'fixedSubsidy':
      d = draft('policyWords.benefit.fixedSubsidy', { amount: amountPhrase(policy, b.amount, open) });
      break;
    case 'discount':
      d = draft('policyWords.benefit.discount', { rate: discountRate(b.payBp) });
      break;
  }
  const when = conditionDrafts(policy, b.when).map(phrase);
  if (when.length > 0) {
    d = draft('policyWords.benefit.when', { text: phrase(d), when: joinList(when, 'policyWords.list.clause', 'policyWords.list.clause') });
  }
  // A benefit's name has no English form in the format; the English line shows it as written.
  if (b.name !== undefined) d = draft('policyWords.benefit.named', { name: { zh: b.name, en: b.name }, text: phrase(d) });
  return d;
}

function fundingDraft(policy: Policy, parts: readonly FundingPart[]): Draft {
  const items = parts.map((part, i) => {
    const source = sourceName(policy, part.source);
    if ('shareBp' in part) return phrase(draft('policyWords.funding.share', { source, percent: percent(part.shareBp) }));
    // The last part takes whatever the others leave, whatever amount it states (pricing's split()).
    if ('rest' in part || i === parts.length - 1) {
      return phrase(draft(parts.length === 1 ? 'policyWords.funding.all' : 'policyWords.funding.rest', { source }));
    }
    return phrase(draft('policyWords.funding.amount', { source, amount: amountPhrase(policy, part.amount, null) }));
  });
  return draft('policyWords.funding', { parts: joinList(items, 'policyWords.funding.plus', 'policyWords.funding.plus') });
}

const LEVEL_RANK: Readonly<Record<AreaLevel, number>> = { province: 0, city: 1, district: 2, town: 3 };

/**
 * Whether some condition set that must hold already requires 户籍 within the budget's area: then its
 * "local 户籍 only" rule never bites and saying it would only puzzle the reader. A narrower area
 * implies a wider one (same town ⇒ same district ⇒ same city).
 */
function hukouRequired(level: AreaLevel, sets: readonly (Conditions | undefined)[]): boolean {
  return sets.some((c) => c?.residency !== undefined && c.residency.every((r) => r.of === 'hukou' && LEVEL_RANK[r.within] >= LEVEL_RANK[level]));
}

// ---- limits and caps ----

function limitDrafts(policy: Policy, tier: Tier): Draft[] {
  const l = effectiveLimits(policy.limits, tier.limits);
  // A limit is left out when a wider one of at most the same count already implies it (once a day
  // implies once a period). A week may span two months, so a monthly limit never implies a weekly one.
  const impliedBy = (count: number, wider: readonly (number | undefined)[]): boolean =>
    wider.some((w) => w !== undefined && w <= count);
  const out: Draft[] = [];
  if (l.perPeriod !== undefined && !impliedBy(l.perPeriod, [l.perDay, l.perWeek, l.perMonth])) {
    out.push(draft('policyWords.limit.perPeriod', { count: l.perPeriod }));
  }
  if (l.perDay !== undefined && !impliedBy(l.perDay, [l.perWeek, l.perMonth])) {
    out.push(draft('policyWords.limit.perDay', { count: l.perDay }));
  }
  if (l.perWeek !== undefined) out.push(draft('policyWords.limit.perWeek', { count: l.perWeek }));
  if (l.perMonth !== undefined) out.push(draft('policyWords.limit.perMonth', { count: l.perMonth }));
  return out;
}

// ---- the whole ----

/** The lines a manager reads for one tier: who, conditions, each benefit with who pays it, limits, caps. */
export function describeTier(policy: Policy, tier: Tier): Message[] {
  const lines: Draft[] = [];
  const whoEntries = tier.who.map((w) => whoPhrase(policy, w));
  lines.push(draft('policyWords.who', { who: joinList(whoEntries, 'policyWords.who.alternative', 'policyWords.who.alternative') }));

  // The policy's conditions and the tier's both hold; one stated in both is said once.
  const seen = new Set<string>();
  for (const c of [...conditionDrafts(policy, policy.conditions), ...conditionDrafts(policy, tier.conditions)]) {
    const id = JSON.stringify([c.key, flatten(c.values)]);
    if (!seen.has(id)) lines.push(c);
    seen.add(id);
  }

  const localSaid = new Set<string>();
  for (const b of tier.benefits) {
    lines.push(benefitDraft(policy, tier, b), fundingDraft(policy, b.funding));
    for (const part of b.funding) {
      const level = policy.funding.find((s) => s.id === part.source)?.paysOnlyForHukouWithin;
      if (level === undefined || localSaid.has(part.source)) continue;
      if (hukouRequired(level, [policy.conditions, tier.conditions, b.when])) continue;
      localSaid.add(part.source);
      lines.push(draft('policyWords.funding.local', { source: sourceName(policy, part.source), area: area(level) }));
    }
  }

  lines.push(...limitDrafts(policy, tier));
  const maxSubsidy = tier.maxSubsidy ?? policy.maxSubsidy;
  if (maxSubsidy !== undefined) lines.push(draft('policyWords.maxSubsidy', { amount: formatYuan(maxSubsidy) }));
  const minPersonal = tier.minPersonal ?? policy.minPersonal;
  if (minPersonal !== undefined) lines.push(draft('policyWords.minPersonal', { amount: formatYuan(minPersonal) }));
  return lines.map(toMessage);
}

/** Every tier in the policy's order (the order in which an elder is matched to one). */
export function describePolicy(policy: Policy): { tier: string; text: Message[] }[] {
  return policy.tiers.map((tier) => ({ tier: tier.name, text: describeTier(policy, tier) }));
}
