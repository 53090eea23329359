/**
 * One tier of the draft as a district changes it: who (age bands, statuses), each benefit's amount
 * per meal period and who pays how much of it, and the tier's limits. The tier's shape (how many
 * age bands, benefits, funding parts) is the version's; the raw JSON editor changes shape.
 */
import { useT } from '../../../ui/i18n.js';
import type { Policy, Tier } from '../../../../shared/policy/schema.js';
import type { PathPart } from './draft-model.js';
import { pathText } from './draft-model.js';
import { fieldId, FieldProblems, NumberField } from './policy-fields.js';
import type { FieldBinding } from './policy-fields.js';
import { problemsAt } from './draft-model.js';

const LIMITS = ['perPeriod', 'perDay', 'perWeek', 'perMonth'] as const;

function named(locale: string, item: { name: string; nameEn?: string | undefined }): string {
  return locale === 'en' ? (item.nameEn ?? item.name) : item.name;
}

export function TierFields({ policy, tier, index, binding }: { policy: Policy; tier: Tier; index: number; binding: FieldBinding }) {
  const { t, locale } = useT();
  const base: PathPart[] = ['tiers', index];
  return (
    <fieldset className="panel" data-testid={`tier-${tier.id}`}>
      <legend>{t('district.policy.tier', { name: named(locale, tier) })}</legend>
      {tier.who.map((w, wi) => (
        <fieldset key={wi} className="form-grid">
          <legend>{t('district.policy.who', { n: wi + 1 })}</legend>
          <NumberField binding={binding} path={[...base, 'who', wi, 'minAge']} label={t('district.policy.minAge')} kind="int" unit={t('district.policy.years')} />
          <NumberField binding={binding} path={[...base, 'who', wi, 'maxAge']} label={t('district.policy.maxAge')} kind="int" unit={t('district.policy.years')} />
          <StatusChoice policy={policy} path={[...base, 'who', wi, 'statusesAny']} binding={binding} selected={w.statusesAny ?? []} />
        </fieldset>
      ))}
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
      <fieldset className="form-grid">
        <legend>{t('district.policy.tierLimits')}</legend>
        {LIMITS.map((l) => (
          <NumberField key={l} binding={binding} path={[...base, 'limits', l]} label={t(`district.policy.limit.${l}`)} kind="int" />
        ))}
        <NumberField binding={binding} path={[...base, 'maxSubsidy']} label={t('district.policy.maxSubsidy')} kind="yuan" unit={t('district.policy.yuan')} />
        <NumberField binding={binding} path={[...base, 'minPersonal']} label={t('district.policy.minPersonal')} kind="yuan" unit={t('district.policy.yuan')} />
      </fieldset>
    </fieldset>
  );
}

/** Problems of the funding split as a whole (parts that do not add up, an unknown source): not of one amount field. */
function FundingProblems({ binding, path }: { binding: FieldBinding; path: readonly PathPart[] }) {
  const where = pathText(path);
  const mine = problemsAt(binding.problems, where).filter((p) => p.path === where || /^\[\d+\](\.source)?$/.test(p.path.slice(where.length)));
  return <FieldProblems problems={mine} id={`${fieldId(where)}-problem`} />;
}

/** Statuses that qualify (any of them), as checkboxes of the policy's own status list. */
function StatusChoice({ policy, path, binding, selected }: { policy: Policy; path: readonly PathPart[]; binding: FieldBinding; selected: readonly string[] }) {
  const { t, locale } = useT();
  const current = binding.value(path);
  const chosen = new Set(Array.isArray(current) ? (current as readonly unknown[]).filter((c): c is string => typeof c === 'string') : selected);
  const where = pathText(path);
  const mine = problemsAt(binding.problems, where);
  if (policy.statuses.length === 0) return null;
  return (
    <fieldset aria-describedby={mine.length > 0 ? `${fieldId(where)}-problem` : undefined}>
      <legend>{t('district.policy.statusesAny')}</legend>
      {policy.statuses.map((s) => (
        <label key={s.code} className="check">
          <input
            type="checkbox"
            checked={chosen.has(s.code)}
            onChange={(e) => {
              const next = policy.statuses.map((x) => x.code).filter((c) => (c === s.code ? e.target.checked : chosen.has(c)));
              binding.set(path, next.length === 0 ? undefined : next);
            }}
          />{' '}
          {named(locale, s)}
        </label>
      ))}
      <FieldProblems problems={mine} id={`${fieldId(where)}-problem`} />
    </fieldset>
  );
}
