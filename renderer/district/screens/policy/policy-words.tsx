/** The rules of a version in words, tier by tier, as describe.ts words them for the kiosk's manager. */
import { useT } from '../../../ui/i18n.js';
import { describePolicy } from '../../../../shared/policy/describe.js';
import type { Policy } from '../../../../shared/policy/schema.js';

export function PolicyWords({ policy }: { policy: Policy }) {
  const { t, msg } = useT();
  return (
    <section aria-labelledby="policy-words-title" data-testid="policy-words">
      <h2 id="policy-words-title">{t('district.policy.words', { name: policy.name, version: policy.version, date: policy.effectiveFrom })}</h2>
      {describePolicy(policy).map((tier) => (
        <section key={tier.tier} aria-label={tier.tier}>
          <h3>{tier.tier}</h3>
          <ul>
            {tier.text.map((line, i) => (
              <li key={i}>{msg(line)}</li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
