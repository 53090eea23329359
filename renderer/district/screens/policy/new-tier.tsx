/**
 * Adding a tier: the district picks the kind of benefit (a fixed subsidy, a fixed personal price, a
 * share the elder pays) and the budget that pays it; the tier is added last — tiers are tried in
 * order, so a new one catches only elders no tier above it caught (docs/policy.md §4.10) — with its
 * id, name, who and amount left for the district to fill, which the check asks for beside each field.
 */
import { useState } from 'react';
import { useT } from '../../../ui/i18n.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import type { BenefitKind } from './draft-edits.js';
import { named } from './policy-fields.js';

const KINDS: readonly BenefitKind[] = ['fixedSubsidy', 'fixedPersonal', 'discount'];

export function NewTier({ policy, onAdd }: { policy: Policy; onAdd: (kind: BenefitKind, source: string) => void }) {
  const { t, locale } = useT();
  const [kind, setKind] = useState<BenefitKind>('fixedSubsidy');
  const [source, setSource] = useState(policy.funding[0]?.id ?? '');
  return (
    <fieldset className="panel" data-testid="new-tier">
      <legend>{t('district.policy.addTierTitle')}</legend>
      <p className="hint">{t('district.policy.addTierHint')}</p>
      <div className="inline-form">
        <label className="field">
          <span>{t('district.policy.addTierKind')}</span>
          <select value={kind} onChange={(e) => setKind(KINDS.find((k) => k === e.target.value) ?? 'fixedSubsidy')} data-testid="new-tier-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`district.policy.benefit.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('district.policy.addTierSource')}</span>
          <select value={source} onChange={(e) => setSource(e.target.value)} data-testid="new-tier-source">
            {policy.funding.map((f) => (
              <option key={f.id} value={f.id}>
                {named(locale, f)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button secondary" onClick={() => onAdd(kind, source)} data-testid="new-tier-add">
          {t('district.policy.addTier')}
        </button>
      </div>
    </fieldset>
  );
}
