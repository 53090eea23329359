/**
 * The policy form's draft (renderer/district/screens/policy/draft-model.ts, draft-edits.ts): each
 * field the form edits goes form → policy JSON → form unchanged — the operator subsidy and its
 * budget, the holiday calendar, conditions on a tier, a tier added and a tier removed — and a bad
 * value is named by the policy schema itself at that field's path (no second set of rules).
 */
import { describe, expect, it } from 'vitest';
import { draftFrom, draftToYuan, getAt, setAt, yuanToDraft } from '../../../renderer/district/screens/policy/draft-model.js';
import type { Draft, Json, PathPart } from '../../../renderer/district/screens/policy/draft-model.js';
import { addDate, appendAt, chosenAt, dropIfEmpty, newTier, removeAt, setFlag, toggleIn } from '../../../renderer/district/screens/policy/draft-edits.js';
import { validatePolicyDraft } from '../../../shared/hub-api/policy-views.js';
import type { FieldProblem } from '../../../shared/hub-api/policy-views.js';
import { t } from '../../../shared/i18n/catalogs.js';
import { areaLevelSchema, residencyRuleSchema } from '../../../shared/policy/schema.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { loadPolicy } from '../../helpers/policies.js';

/** guangzhou-2026-v2: periods lunch and dinner; budgets city, district, town; two tiers. */
const START = loadPolicy('guangzhou-2026-v2');

function fresh(): Draft {
  return draftFrom(START, []);
}

function set(draft: Draft, path: readonly PathPart[], value: Json | undefined): Draft {
  return setAt(draft, path, value) as Draft;
}

/** The draft as the JSON editor shows it, read back as the hub reads it: the policy, or its problems. */
function publishable(draft: Draft): Policy {
  const r = validatePolicyDraft(JSON.parse(JSON.stringify(draft)));
  if (!r.ok) throw new Error(`not valid: ${JSON.stringify(r.error.problems.map((p) => `${p.path}: ${p.key}`))}`);
  return r.value;
}

function problems(draft: Draft): FieldProblem[] {
  const r = validatePolicyDraft(JSON.parse(JSON.stringify(draft)));
  return r.ok ? [] : r.error.problems;
}

function pathsAndKeys(draft: Draft): string[] {
  return problems(draft).map((p) => `${p.path} ${p.key}`);
}

/** The form that opens on a published policy (the next version drafted from it). */
function reopened(policy: Policy): Draft {
  return draftFrom(policy, []);
}

describe('the operator subsidy and its budget', () => {
  const AT = ['operatorSubsidy'];

  it('goes form → policy → form: amounts typed in yuan, kept as whole fen, and the budget', () => {
    let d = set(fresh(), [...AT, 'source'], 'district');
    d = set(d, [...AT, 'perElderPerDay'], yuanToDraft('3'));
    d = set(d, [...AT, 'perMeal'], yuanToDraft('2.5'));
    const policy = publishable(d);
    expect(policy.operatorSubsidy).toEqual({ source: 'district', perElderPerDay: 300, perMeal: 250 });
    const back = reopened(policy);
    expect(draftToYuan(getAt(back, [...AT, 'perElderPerDay']))).toBe('3.00');
    expect(draftToYuan(getAt(back, [...AT, 'perMeal']))).toBe('2.50');
    expect(getAt(back, [...AT, 'source'])).toBe('district');
  });

  it('is taken out whole when the form chooses no budget', () => {
    let d = set(fresh(), [...AT, 'source'], 'city');
    d = set(d, [...AT, 'perMeal'], 200);
    d = set(d, AT, undefined);
    expect(publishable(d).operatorSubsidy).toBeUndefined();
  });

  it('has its problems named by the schema at each field: a budget the policy lacks, an amount without a budget, a negative amount', () => {
    expect(pathsAndKeys(set(fresh(), AT, { source: 'province', perMeal: 200 }))).toEqual(['operatorSubsidy.source policy.unknownSource']);
    expect(pathsAndKeys(set(fresh(), [...AT, 'perMeal'], 200))).toEqual(['operatorSubsidy.source parse.required']);
    const negative = problems(set(set(fresh(), [...AT, 'source'], 'city'), [...AT, 'perMeal'], yuanToDraft('-2')));
    expect(negative.map((p) => p.path)).toEqual(['operatorSubsidy.perMeal']);
    // A word, not an amount, stays in the draft as typed, and is named at its field.
    expect(problems(set(set(fresh(), [...AT, 'source'], 'city'), [...AT, 'perMeal'], yuanToDraft('two'))).map((p) => p.path)).toEqual(['operatorSubsidy.perMeal']);
  });
});

describe('the holiday calendar', () => {
  const HOLIDAYS = ['calendar', 'holidays'];
  const WORKDAYS = ['calendar', 'workdays'];

  it('goes form → policy → form: dates added in any order are kept once, in calendar order', () => {
    let d = addDate(fresh(), HOLIDAYS, '2026-10-02');
    d = addDate(d, HOLIDAYS, '2026-10-01');
    d = addDate(d, HOLIDAYS, '2026-10-02');
    d = addDate(d, WORKDAYS, '2026-10-10');
    const policy = publishable(d);
    expect(policy.calendar).toEqual({ holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] });
    const back = reopened(policy);
    expect(chosenAt(back, HOLIDAYS)).toEqual(['2026-10-01', '2026-10-02']);
    expect(chosenAt(back, WORKDAYS)).toEqual(['2026-10-10']);
  });

  it('removes a date by its place in the list', () => {
    const d = removeAt(addDate(addDate(fresh(), HOLIDAYS, '2026-10-01'), HOLIDAYS, '2026-10-02'), HOLIDAYS, 0, false);
    expect(publishable(d).calendar.holidays).toEqual(['2026-10-02']);
  });

  it('refuses, beside the date, a day that is both a holiday and a make-up workday', () => {
    const d = addDate(addDate(fresh(), HOLIDAYS, '2026-10-01'), WORKDAYS, '2026-10-01');
    expect(pathsAndKeys(d)).toEqual(['calendar.workdays[0] policy.calendar.both']);
  });
});

describe('conditions on a tier', () => {
  const COND = ['tiers', 1, 'conditions'];

  it('go form → policy → form: residency rules, care home, workdays only, periods, a minimum spend', () => {
    let d = appendAt(fresh(), [...COND, 'residency'], { of: 'hukou', within: 'district' });
    d = appendAt(d, [...COND, 'residency'], { of: 'residence', within: 'town' });
    d = setFlag(d, [...COND, 'excludeCareHome'], true);
    d = setFlag(d, [...COND, 'workdaysOnly'], true);
    d = toggleIn(d, [...COND, 'periods'], 'dinner', true, ['lunch', 'dinner']);
    d = toggleIn(d, [...COND, 'periods'], 'lunch', true, ['lunch', 'dinner']);
    d = set(d, [...COND, 'minSpend'], yuanToDraft('15'));
    const policy = publishable(d);
    expect(policy.tiers[1]?.conditions).toEqual({
      residency: [
        { of: 'hukou', within: 'district' },
        { of: 'residence', within: 'town' },
      ],
      excludeCareHome: true,
      workdaysOnly: true,
      // In the order the form lists the periods, whatever order they were ticked in.
      periods: ['lunch', 'dinner'],
      minSpend: 1500,
    });
    const back = reopened(policy);
    expect(getAt(back, [...COND, 'residency'])).toEqual([
      { of: 'hukou', within: 'district' },
      { of: 'residence', within: 'town' },
    ]);
    expect(getAt(back, [...COND, 'workdaysOnly'])).toBe(true);
    expect(getAt(back, [...COND, 'excludeCareHome'])).toBe(true);
    expect(chosenAt(back, [...COND, 'periods'])).toEqual(['lunch', 'dinner']);
    expect(draftToYuan(getAt(back, [...COND, 'minSpend']))).toBe('15.00');
  });

  it('leave the tier when the last one is cleared: no empty lists, no false flags, no empty group', () => {
    let d = setFlag(fresh(), [...COND, 'workdaysOnly'], true);
    d = toggleIn(d, [...COND, 'periods'], 'lunch', true, ['lunch', 'dinner']);
    d = appendAt(d, [...COND, 'residency'], { of: 'hukou', within: 'city' });
    d = dropIfEmpty(setFlag(d, [...COND, 'workdaysOnly'], false), COND);
    d = dropIfEmpty(toggleIn(d, [...COND, 'periods'], 'lunch', false, ['lunch', 'dinner']), COND);
    expect(getAt(d, COND)).toEqual({ residency: [{ of: 'hukou', within: 'city' }] });
    d = dropIfEmpty(removeAt(d, [...COND, 'residency'], 0, true), COND);
    expect(getAt(d, COND)).toBeUndefined();
    expect(publishable(d).tiers[1]?.conditions).toBeUndefined();
  });

  it('are checked by the schema at their own paths: a period the policy lacks, a level it does not know', () => {
    expect(pathsAndKeys(set(fresh(), [...COND, 'periods'], ['brunch']))).toEqual(['tiers[1].conditions.periods[0] policy.unknownPeriod']);
    expect(pathsAndKeys(appendAt(fresh(), [...COND, 'residency'], { of: 'hukou', within: 'village' }))).toEqual(['tiers[1].conditions.residency[0].within parse.oneOf']);
  });

  it('keep a period the form does not offer (typed in the JSON editor) when another is ticked', () => {
    const d = toggleIn(set(fresh(), [...COND, 'periods'], ['brunch']), [...COND, 'periods'], 'lunch', true, ['lunch', 'dinner']);
    expect(chosenAt(d, [...COND, 'periods'])).toEqual(['lunch', 'brunch']);
  });
});

describe('tiers added and removed', () => {
  // guangzhou-2026-v2 has three tiers (hardship, age80, age60): a new one is the fourth.
  const NEW = START.tiers.length;

  it('asks for what a new tier lacks, at each field: its id, name, who and amount — nothing made up', () => {
    const d = appendAt(fresh(), ['tiers'], newTier('fixedSubsidy', 'city'));
    expect(pathsAndKeys(d).sort()).toEqual([`tiers[${NEW}].benefits[0].amount parse.required`, `tiers[${NEW}].id parse.required`, `tiers[${NEW}].name parse.required`, `tiers[${NEW}].who[0] policy.who.empty`].sort());
  });

  it('goes form → policy → form once filled: a tier of 60+ non-residents paying a discount, with a condition', () => {
    let d = appendAt(fresh(), ['tiers'], newTier('discount', 'district'));
    d = set(d, ['tiers', NEW, 'id'], 'age60-visitor');
    d = set(d, ['tiers', NEW, 'name'], '60岁以上非本区户籍');
    d = set(d, ['tiers', NEW, 'who', 0, 'minAge'], 60);
    d = set(d, ['tiers', NEW, 'benefits', 0, 'payBp'], 9000);
    d = setFlag(d, ['tiers', NEW, 'conditions', 'workdaysOnly'], true);
    const policy = publishable(d);
    expect(policy.tiers[NEW]).toEqual({
      id: 'age60-visitor',
      name: '60岁以上非本区户籍',
      who: [{ minAge: 60 }],
      benefits: [{ kind: 'discount', payBp: 9000, funding: [{ source: 'district', rest: true }] }],
      conditions: { workdaysOnly: true },
    });
    expect(reopened(policy)['tiers']).toEqual(JSON.parse(JSON.stringify(policy.tiers)));
  });

  it('names a second tier of the same id beside the id', () => {
    let d = appendAt(fresh(), ['tiers'], newTier('fixedPersonal', 'town'));
    d = set(d, ['tiers', NEW, 'id'], START.tiers[0]?.id ?? '');
    d = set(d, ['tiers', NEW, 'name'], '重复');
    d = set(d, ['tiers', NEW, 'who', 0, 'minAge'], 80);
    d = set(d, ['tiers', NEW, 'benefits', 0, 'amount'], 300);
    expect(pathsAndKeys(d)).toEqual([`tiers[${NEW}].id policy.duplicate.tier`]);
  });

  it('removes a tier, the ones after it moving up; the last one cannot go', () => {
    const d = removeAt(fresh(), ['tiers'], 0, false);
    expect(publishable(d).tiers.map((x) => x.id)).toEqual(['age80', 'age60']);
    const none = removeAt(removeAt(d, ['tiers'], 1, false), ['tiers'], 0, false);
    expect(pathsAndKeys(none)).toEqual(['tiers parse.tooSmall.empty']);
  });
});

describe('the words of the choices the form builds from the schema', () => {
  it('has each residency basis and area level in Chinese and English', () => {
    const keys = [...residencyRuleSchema.shape.of.options.map((o) => `district.policy.cond.of.${o}`), ...areaLevelSchema.options.map((l) => `district.policy.cond.level.${l}`)];
    for (const key of keys) {
      expect(t(key, undefined, 'zh-CN'), key).not.toBe(key);
      expect(t(key, undefined, 'en'), key).not.toBe(key);
    }
  });
});
