/**
 * Conditions (docs/policy.md §4.7), on the whole policy or on one tier: 户籍 / 常住 residency rules
 * (any one is enough), no subsidy in a care home, only some meal periods, workdays only (the calendar
 * decides), a minimum spend. Every field is optional; the group leaves the draft when its last
 * condition is cleared. The schema checks each value, here and at the hub.
 */
import { useT } from '../../../ui/i18n.js';
import { areaLevelSchema, residencyRuleSchema } from '../../../../shared/policy/schema.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import { appendAt, listOf, removeAt, setFlag } from './draft-edits.js';
import type { PathPart } from './draft-model.js';
import { pathText, problemsAt } from './draft-model.js';
import { CheckList, Choice, fieldId, FieldProblems, groupBinding, named, NumberField } from './policy-fields.js';
import type { FieldBinding } from './policy-fields.js';

const OF = residencyRuleSchema.shape.of.options;
const LEVELS = areaLevelSchema.options;

export function ConditionsFields({ policy, path, binding, legend }: { policy: Policy; path: readonly PathPart[]; binding: FieldBinding; legend: string }) {
  const { t, locale } = useT();
  const group = groupBinding(binding, path);
  const where = pathText(path);
  const testId = fieldId(where);
  return (
    <fieldset className="conditions" data-testid={testId}>
      <legend>{legend}</legend>
      <ResidencyRules path={[...path, 'residency']} binding={group} />
      <div className="form-grid">
        <Flag binding={group} path={[...path, 'excludeCareHome']} label={t('district.policy.cond.excludeCareHome')} />
        <Flag binding={group} path={[...path, 'workdaysOnly']} label={t('district.policy.cond.workdaysOnly')} />
        <NumberField binding={group} path={[...path, 'minSpend']} label={t('district.policy.cond.minSpend')} kind="yuan" unit={t('district.policy.yuan')} />
      </div>
      <CheckList binding={group} path={[...path, 'periods']} legend={t('district.policy.cond.periods')} choices={policy.periods.map((p) => ({ value: p.id, label: named(locale, p) }))} />
      <FieldProblems problems={binding.problems.filter((p) => p.path === where)} id={`${testId}-problem`} />
    </fieldset>
  );
}

function Flag({ binding, path, label }: { binding: FieldBinding; path: readonly PathPart[]; label: string }) {
  const where = pathText(path);
  const mine = problemsAt(binding.problems, where);
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" checked={binding.value(path) === true} onChange={(e) => binding.edit((d) => setFlag(d, path, e.target.checked))} aria-invalid={mine.length > 0} aria-describedby={mine.length > 0 ? `${fieldId(where)}-problem` : undefined} data-path={where} /> {label}
      </label>
      <FieldProblems problems={mine} id={`${fieldId(where)}-problem`} />
    </div>
  );
}

/** 户籍 / 常住 within the canteen's city, district … — a list of rules, any one enough. */
function ResidencyRules({ path, binding }: { path: readonly PathPart[]; binding: FieldBinding }) {
  const { t } = useT();
  const rules = listOf(binding.value(path));
  const where = pathText(path);
  return (
    <fieldset className="list-edit">
      <legend>{t('district.policy.cond.residency')}</legend>
      {rules.length === 0 && <p className="hint">{t('district.policy.cond.residencyNone')}</p>}
      {rules.map((_, i) => (
        <div key={i} className="inline-form">
          <Choice binding={binding} path={[...path, i, 'of']} label={t('district.policy.cond.of', { n: i + 1 })} options={OF.map((o) => ({ value: o, label: t(`district.policy.cond.of.${o}`) }))} />
          <Choice binding={binding} path={[...path, i, 'within']} label={t('district.policy.cond.within', { n: i + 1 })} options={LEVELS.map((l) => ({ value: l, label: t(`district.policy.cond.level.${l}`) }))} />
          <button type="button" className="button secondary small" onClick={() => binding.edit((d) => removeAt(d, path, i, true))}>
            {t('district.policy.cond.removeRule', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" className="button secondary small" onClick={() => binding.edit((d) => appendAt(d, path, { of: 'hukou', within: 'district' }))} data-testid={`${fieldId(where)}-add`}>
        {t('district.policy.cond.addRule')}
      </button>
      <FieldProblems problems={binding.problems.filter((p) => p.path === where)} id={`${fieldId(where)}-problem`} />
    </fieldset>
  );
}
