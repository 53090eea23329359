/**
 * One tier of the draft as a district changes it: its id and name; who (age bands, statuses); each
 * benefit's amount per meal period and who pays how much of it; the tier's own conditions; and its
 * limits and caps. The tier's shape (how many age bands, benefits, funding parts) is given by
 * `tier` (draft-form.tsx keeps it); the values are the draft's. The raw JSON editor changes shape.
 */
import { useT } from '../../../ui/i18n.js';
import type { Policy, Tier } from '../../../../shared/policy/schema.js';
import type { BenefitKind } from './draft-edits.js';
import type { PathPart } from './draft-model.js';
import { pathText, problemsAt } from './draft-model.js';
import { ConditionsFields } from './conditions-fields.js';
import { CheckList, fieldId, FieldProblems, named, NumberField, TextField } from './policy-fields.js';
import type { FieldBinding } from './policy-fields.js';

const LIMITS = ['perPeriod', 'perDay', 'perWeek', 'perMonth'] as const;

/**
 * The shape of a tier just added (draft-edits.ts newTier): the form's structure for it. Its values
 * (none yet) are read from the draft, so the zeros here are never shown or published.
 */
export function newTierShape(kind: BenefitKind, source: string): Tier {
  const funding = [{ source, rest: true as const }];
  return { id: '', name: '', who: [{}], benefits: [kind === 'discount' ? { kind, payBp: 0, funding } : { kind, amount: 0, funding }] };
}

export function TierFields({ policy, tier, index, binding, onRemove }: { policy: Policy; tier: Tier; index: number; binding: FieldBinding; onRemove: () => void }) {
  const { t, locale } = useT();
  const base: PathPart[] = ['tiers', index];
  // The tier's name as typed so far (a new tier has none yet), in the reader's language.
  const name = binding.value([...base, locale === 'en' && typeof binding.value([...base, 'nameEn']) === 'string' ? 'nameEn' : 'name']);
  const shown = typeof name === 'string' && name !== '' ? name : t('district.policy.tierUnnamed', { n: index + 1 });
  return (
    <fieldset className="panel" data-testid={`tier-${index}`}>
      <legend>{t('district.policy.tier', { name: shown })}</legend>
      <div className="form-grid">
        <TextField binding={binding} path={[...base, 'id']} label={t('district.policy.tierId')} hint={t('district.policy.tierIdHint')} mono />
        <TextField binding={binding} path={[...base, 'name']} label={t('district.policy.tierName')} />
        <TextField binding={binding} path={[...base, 'nameEn']} label={t('district.policy.tierNameEn')} />
      </div>
      {tier.who.map((_, wi) => {
        const wp = pathText([...base, 'who', wi]);
        return (
          <fieldset key={wi} className="form-grid">
            <legend>{t('district.policy.who', { n: wi + 1 })}</legend>
            <NumberField binding={binding} path={[...base, 'who', wi, 'minAge']} label={t('district.policy.minAge')} kind="int" unit={t('district.policy.years')} />
            <NumberField binding={binding} path={[...base, 'who', wi, 'maxAge']} label={t('district.policy.maxAge')} kind="int" unit={t('district.policy.years')} />
            {policy.statuses.length > 0 && <CheckList binding={binding} path={[...base, 'who', wi, 'statusesAny']} legend={t('district.policy.statusesAny')} choices={policy.statuses.map((st) => ({ value: st.code, label: named(locale, st) }))} />}
            <FieldProblems problems={binding.problems.filter((p) => p.path === wp)} id={`${fieldId(wp)}-problem`} />
          </fieldset>
        );
      })}
      {tier.benefits.map((b, bi) => {
        const bp: PathPart[] = [...base, 'benefits', bi];
        return (
          <fieldset key={bi}>
            <legend>{t(`district.policy.benefit.${b.kind}`)}</legend>
            <div className="form-grid">
              {b.kind === 'discount' ? (
                <NumberField binding={binding} path={[...bp, 'payBp']} label={t('district.policy.payShare')} kind="percent" unit="%" />
              ) : typeof b.amount === 'number' ? (
                <NumberField binding={binding} path={[...bp, 'amount']} label={t(`district.policy.amount.${b.kind}`)} kind="yuan" unit={t('district.policy.yuan')} />
              ) : (
                Object.keys(b.amount).map((period) => (
                  <NumberField
                    key={period}
                    binding={binding}
                    path={[...bp, 'amount', period]}
                    label={`${t(`district.policy.amount.${b.kind}`)} · ${named(locale, policy.periods.find((p) => p.id === period) ?? { name: period })}`}
                    kind="yuan"
                    unit={t('district.policy.yuan')}
                  />
                ))
              )}
              {b.funding.map((part, fi) => {
                const source = named(locale, policy.funding.find((s) => s.id === part.source) ?? { name: part.source });
                const fp: PathPart[] = [...bp, 'funding', fi];
                if ('rest' in part) {
                  return (
                    <p key={fi} className="field">
                      <span>{t('district.policy.fundingRest', { source })}</span>
                    </p>
                  );
                }
                if ('shareBp' in part) return <NumberField key={fi} binding={binding} path={[...fp, 'shareBp']} label={t('district.policy.fundingShare', { source })} kind="percent" unit="%" />;
                if (typeof part.amount === 'number') return <NumberField key={fi} binding={binding} path={[...fp, 'amount']} label={t('district.policy.fundingAmount', { source })} kind="yuan" unit={t('district.policy.yuan')} />;
                return Object.keys(part.amount).map((period) => (
                  <NumberField key={`${fi}-${period}`} binding={binding} path={[...fp, 'amount', period]} label={`${t('district.policy.fundingAmount', { source })} · ${period}`} kind="yuan" unit={t('district.policy.yuan')} />
                ));
              })}
            </div>
            <FundingProblems binding={binding} path={[...bp, 'funding']} />
          </fieldset>
        );
      })}
      <ConditionsFields policy={policy} path={[...base, 'conditions']} binding={binding} legend={t('district.policy.tierConditions')} />
      <fieldset className="form-grid">
        <legend>{t('district.policy.tierLimits')}</legend>
        {LIMITS.map((l) => (
          <NumberField key={l} binding={binding} path={[...base, 'limits', l]} label={t(`district.policy.limit.${l}`)} kind="int" />
        ))}
        <NumberField binding={binding} path={[...base, 'maxSubsidy']} label={t('district.policy.maxSubsidy')} kind="yuan" unit={t('district.policy.yuan')} />
        <NumberField binding={binding} path={[...base, 'minPersonal']} label={t('district.policy.minPersonal')} kind="yuan" unit={t('district.policy.yuan')} />
      </fieldset>
      <div className="actions">
        <button type="button" className="button danger small" onClick={onRemove} data-testid={`tier-${index}-remove`}>
          {t('district.policy.removeTier', { name: shown })}
        </button>
      </div>
    </fieldset>
  );
}

/** Problems of the funding split as a whole (parts that do not add up, an unknown source): not of one amount field. */
function FundingProblems({ binding, path }: { binding: FieldBinding; path: readonly PathPart[] }) {
  const where = pathText(path);
  const mine = problemsAt(binding.problems, where).filter((p) => p.path === where || /^\[\d+\](\.source)?$/.test(p.path.slice(where.length)));
  return <FieldProblems problems={mine} id={`${fieldId(where)}-problem`} />;
}
