/**
 * The whole draft as JSON, for what the form does not offer (a new status or budget, a meal period,
 * a benefit of another shape or a second one on a tier, `statusesAll`): an advanced fallback, closed
 * by default. It edits the same draft as the form, so each shows what the other did. Applying text that is not JSON
 * leaves the draft as it was and says why; JSON that is not yet a valid policy is taken — the
 * checks then name its problems.
 */
import { useState } from 'react';
import { useT } from '../../../ui/i18n.js';
import type { Draft } from './draft-model.js';

export function JsonEditor({ draft, onApply }: { draft: Draft; onApply: (next: Draft) => void }) {
  const { t } = useT();
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = text ?? JSON.stringify(draft, null, 2);
  function apply(): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(shown);
    } catch (e) {
      return setProblem(t('district.policy.jsonBroken', { why: e instanceof Error ? e.message : String(e) }));
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return setProblem(t('district.policy.jsonNotObject'));
    setProblem(null);
    setText(null);
    onApply(parsed as Draft);
  }
  return (
    <details className="panel" onToggle={() => setText(null)}>
      <summary>{t('district.policy.json')}</summary>
      <label className="field">
        <span>{t('district.policy.jsonLabel')}</span>
        <textarea value={shown} onChange={(e) => setText(e.target.value)} rows={16} spellCheck={false} aria-invalid={problem !== null} aria-describedby={problem === null ? undefined : 'json-problem'} data-testid="policy-json" />
      </label>
      {problem !== null && (
        <p id="json-problem" className="banner error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button secondary" onClick={apply} data-testid="policy-json-apply">
        {t('district.policy.jsonApply')}
      </button>
    </details>
  );
}
