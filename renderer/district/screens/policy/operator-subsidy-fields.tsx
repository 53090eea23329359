/**
 * The operator subsidy (运营补贴, docs/policy.md §4.14): paid to the canteen for serving an elder —
 * per elder per day (Beijing 3 yuan) and / or per subsidised meal (Shenzhen 2 yuan) — by one budget
 * of the policy. "None" takes it out of the policy; choosing a budget puts it in, with its amounts
 * to fill. Amounts are typed in yuan and kept in fen.
 */
import { useT } from '../../../ui/i18n.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import type { Draft, PathPart } from './draft-model.js';
import { setAt } from './draft-model.js';
import { Choice, groupBinding, named, NumberField } from './policy-fields.js';
import type { FieldBinding } from './policy-fields.js';

const AT: readonly PathPart[] = ['operatorSubsidy'];

export function OperatorSubsidyFields({ policy, binding }: { policy: Policy; binding: FieldBinding }) {
  const { t, locale } = useT();
  const present = binding.value(AT) !== undefined;
  const group = groupBinding(binding, AT);
  // Choosing "none" removes the whole group, amounts and all: no subsidy is owed without a budget.
  const source: FieldBinding = { ...group, set: (path, value) => (value === undefined ? binding.edit((d) => setAt(d, AT, undefined) as Draft) : group.set(path, value)) };
  return (
    <fieldset className="panel" data-testid="draft-operator-subsidy">
      <legend>{t('district.policy.operator')}</legend>
      <p className="hint">{t('district.policy.operatorHint')}</p>
      <div className="form-grid">
        <Choice binding={source} path={[...AT, 'source']} label={t('district.policy.operatorSource')} empty={t('district.policy.operatorNone')} options={policy.funding.map((f) => ({ value: f.id, label: named(locale, f) }))} />
        {present && (
          <>
            <NumberField binding={group} path={[...AT, 'perElderPerDay']} label={t('district.policy.operatorPerElderPerDay')} kind="yuan" unit={t('district.policy.yuan')} />
            <NumberField binding={group} path={[...AT, 'perMeal']} label={t('district.policy.operatorPerMeal')} kind="yuan" unit={t('district.policy.yuan')} />
          </>
        )}
      </div>
    </fieldset>
  );
}
