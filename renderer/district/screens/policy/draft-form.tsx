/**
 * A new version of the policy, prefilled from the one in force: the fields a district actually
 * changes (effective date; period standard prices; district-wide conditions and limits; the holiday
 * calendar; the operator subsidy and its budget; tiers added and removed, and per tier its name, who,
 * amounts and their funding split, conditions, limits) as a form, and the whole document as JSON for
 * anything else — both edit the one draft, so each shows what the other did. Check (every problem
 * beside its field), simulate on last month, and (admin) publish after confirming the effective date.
 * Publishing is offered only for the draft exactly as it was last checked clean.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import type { FieldProblem, SimulationReport } from '../../../../shared/hub-api/policy-views.js';
import { validatePolicyDraft } from '../../../../shared/hub-api/policy-views.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import { checkDraft, isReport, publishPolicy, simulateDraft } from '../../api/policy-api.js';
import type { PolicyListing } from '../../api/policy-api.js';
import { previousMonth } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { ConfirmDialog } from '../../parts/confirm-dialog.js';
import { Problem } from '../../parts/load-state.js';
import { CalendarFields } from './calendar-fields.js';
import { ConditionsFields } from './conditions-fields.js';
import { appendAt, newTier, removeAt } from './draft-edits.js';
import type { BenefitKind } from './draft-edits.js';
import type { Draft, Json, PathPart } from './draft-model.js';
import { getAt, localProblems, pathText, problemsAt, setAt } from './draft-model.js';
import { NewTier } from './new-tier.js';
import { OperatorSubsidyFields } from './operator-subsidy-fields.js';
import { fieldId, FieldProblems, NumberField } from './policy-fields.js';
import type { FieldBinding } from './policy-fields.js';
import { JsonEditor } from './json-editor.js';
import { SimulationView } from './simulation-view.js';
import { newTierShape, TierFields } from './tier-fields.js';

const LIMITS = ['perPeriod', 'perDay', 'perWeek', 'perMonth'] as const;

type Checked = { readonly state: 'none' } | { readonly state: 'problems' } | { readonly state: 'clean'; readonly policy: Policy; readonly text: string };

export function DraftForm({ start, published, onCancel, onPublished }: { start: Draft; published: readonly PolicyListing[]; onCancel: () => void; onPublished: (p: Policy) => void }) {
  const { client, isAdmin, today, say } = useHub();
  const { t, locale } = useT();
  const [draft, setDraft] = useState<Draft>(start);
  // The shape the form shows (which tiers, and in each how many age bands, benefits, funding parts):
  // the last valid policy document the JSON editor applied, with the tiers the form added or removed.
  const [shape, setShape] = useState<Policy>(() => policySchema.parse(start));
  // Remounts the inputs when the JSON editor replaces the draft, so each shows the new value.
  const [generation, setGeneration] = useState(0);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [checked, setChecked] = useState<Checked>({ state: 'none' });
  const [report, setReport] = useState<SimulationReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const month = previousMonth(today);

  const set = useCallback((path: readonly PathPart[], value: Json | undefined) => {
    setDraft((d) => setAt(d, path, value) as Draft);
    setChecked({ state: 'none' });
  }, []);
  const edit = useCallback((change: (d: Draft) => Draft) => {
    setDraft(change);
    setChecked({ state: 'none' });
  }, []);
  const binding = useMemo<FieldBinding>(() => ({ value: (path) => getAt(draft, path), set, edit, problems }), [draft, set, edit, problems]);

  function addTier(kind: BenefitKind, source: string): void {
    edit((d) => appendAt(d, ['tiers'], newTier(kind, source)));
    setShape((s) => ({ ...s, tiers: [...s.tiers, newTierShape(kind, source)] }));
    // The new tier's first field takes the focus: its id is the first thing to fill.
    const at = shape.tiers.length;
    requestAnimationFrame(() => document.getElementById(fieldId(pathText(['tiers', at, 'id'])))?.focus());
    say(t('district.policy.saidTierAdded', { n: at + 1 }));
  }

  function removeTier(index: number): void {
    edit((d) => removeAt(d, ['tiers'], index, false));
    setShape((s) => ({ ...s, tiers: s.tiers.filter((_, i) => i !== index) }));
    // Problems found before name paths by index, which have just moved: check again to see them.
    setProblems([]);
    say(t('district.policy.saidTierRemoved', { n: index + 1 }));
  }
  const text = JSON.stringify(draft);

  function show(found: readonly FieldProblem[]): void {
    setProblems([...found]);
    say(t('district.policy.saidProblems', { n: found.length }));
    announce('policy-problems', { count: found.length, paths: found.map((p) => p.path) });
    // The first field with a problem takes the focus: where the person has to go next.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function check(e: FormEvent): Promise<void> {
    e.preventDefault();
    setFailure(null);
    const local = localProblems(draft, published, new Date().toISOString());
    if (local.problems.length > 0 || local.policy === null) {
      setChecked({ state: 'problems' });
      return show(local.problems);
    }
    setBusy(true);
    const r = await checkDraft(client, draft);
    setBusy(false);
    if (!r.ok) return setFailure(r.error.message);
    if (r.value.problems.length > 0) {
      setChecked({ state: 'problems' });
      return show(r.value.problems);
    }
    setProblems([]);
    setChecked({ state: 'clean', policy: local.policy, text });
    say(t('district.policy.saidClean'));
    announce('policy-clean', { version: local.policy.version });
  }

  async function simulate(): Promise<void> {
    setFailure(null);
    const valid = validatePolicyDraft(draft);
    if (!valid.ok) return show(valid.error.problems);
    setBusy(true);
    const r = await simulateDraft(client, draft, month);
    setBusy(false);
    if (!r.ok) return setFailure(r.error.message);
    if (!isReport(r.value)) return show(r.value.problems);
    setReport(r.value);
    const total = r.value.totals.subsidy;
    say(t('district.policy.saidSimulated', { month: r.value.month }));
    const operator = r.value.totals.operatorSubsidy;
    announce('policy-simulated', { month: r.value.month, current: total.current, draft: total.draft, difference: total.difference, budgets: r.value.budgets.map((b) => ({ source: b.source, difference: b.difference })), operator: { current: operator.current, draft: operator.draft } });
  }

  async function publish(policy: Policy): Promise<void> {
    setBusy(true);
    const r = await publishPolicy(client, policy);
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setFailure(r.error.message);
    say(t('district.policy.saidPublished', { version: policy.version, date: policy.effectiveFrom }));
    announce('policy-published', { policyId: policy.id, version: policy.version, effectiveFrom: policy.effectiveFrom });
    onPublished(policy);
  }

  const version = getAt(draft, ['version']);
  const versionText = typeof version === 'number' || typeof version === 'string' ? String(version) : '';
  const clean = checked.state === 'clean' && checked.text === text ? checked.policy : null;
  return (
    <form className="panel" onSubmit={(e) => void check(e)} noValidate aria-labelledby="draft-title" data-testid="policy-draft">
      <h2 id="draft-title">{t('district.policy.draftTitle', { version: versionText })}</h2>
      {problems.length > 0 && (
        <div className="banner error" role="alert" data-testid="policy-problems">
          <p>{t('district.policy.problems', { n: problems.length })}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <span className="mono">{p.path}</span>: {p[locale]}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div key={generation}>
        <fieldset className="form-grid">
          <legend>{t('district.policy.versionAndDate')}</legend>
          <p className="field">
            <span>{t('district.policy.version')}</span>
            <strong data-testid="draft-version">{versionText}</strong>
            <FieldProblems problems={problemsAt(problems, 'version')} id="f-version-problem" />
          </p>
          <DateField binding={binding} />
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('district.policy.periods')}</legend>
          {shape.periods.map((p, i) => (
            <NumberField key={p.id} binding={binding} path={['periods', i, 'standardPrice']} label={t('district.policy.standardPrice', { period: locale === 'en' ? (p.nameEn ?? p.name) : p.name })} kind="yuan" unit={t('district.policy.yuan')} />
          ))}
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('district.policy.limits')}</legend>
          {LIMITS.map((l) => (
            <NumberField key={l} binding={binding} path={['limits', l]} label={t(`district.policy.limit.${l}`)} kind="int" />
          ))}
        </fieldset>
        <ConditionsFields policy={shape} path={['conditions']} binding={binding} legend={t('district.policy.conditions')} />
        <CalendarFields binding={binding} />
        <OperatorSubsidyFields policy={shape} binding={binding} />
        <h3>{t('district.policy.tiers', { n: shape.tiers.length })}</h3>
        <p className="hint">{t('district.policy.tiersHint')}</p>
        {shape.tiers.map((tier, i) => (
          <TierFields key={`${tier.id}-${i}-${shape.tiers.length}`} policy={shape} tier={tier} index={i} binding={binding} onRemove={() => removeTier(i)} />
        ))}
        <NewTier policy={shape} onAdd={addTier} />
      </div>
      <JsonEditor
        draft={draft}
        onApply={(next) => {
          setDraft(next);
          const parsed = policySchema.safeParse(next);
          if (parsed.success) setShape(parsed.data);
          setGeneration((g) => g + 1);
          setChecked({ state: 'none' });
        }}
      />
      <Problem text={failure} />
      {clean !== null && (
        <p className="banner ok" role="status" data-testid="policy-clean">
          {t('district.policy.clean', { version: clean.version, date: clean.effectiveFrom })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('district.cancel')}
        </button>
        <button type="submit" className="button" disabled={busy} data-testid="policy-check">
          {t('district.policy.check')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void simulate()} data-testid="policy-simulate">
          {t('district.policy.simulate', { month })}
        </button>
        {isAdmin && (
          <button type="button" className="button primary" disabled={busy || clean === null} onClick={() => setConfirming(true)} data-testid="policy-publish">
            {t('district.policy.publish')}
          </button>
        )}
      </div>
      {clean === null && isAdmin && <p className="hint">{t('district.policy.publishHint')}</p>}
      {report !== null && <SimulationView report={report} />}
      {confirming && clean !== null && (
        <ConfirmDialog title={t('district.policy.confirmTitle', { version: clean.version })} confirmLabel={t('district.policy.publish')} busy={busy} onConfirm={() => void publish(clean)} onCancel={() => setConfirming(false)} testId="publish-dialog">
          <p>{t('district.policy.confirmText', { name: clean.name, version: clean.version, date: clean.effectiveFrom })}</p>
          <p>{t('district.policy.confirmForever')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}

function DateField({ binding }: { binding: FieldBinding }) {
  const { t } = useT();
  const value = binding.value(['effectiveFrom']);
  const where = pathText(['effectiveFrom']);
  const mine = problemsAt(binding.problems, where);
  const id = fieldId(where);
  return (
    <label className="field" htmlFor={id}>
      <span>{t('district.policy.effectiveFrom')}</span>
      <input
        id={id}
        type="date"
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => binding.set(['effectiveFrom'], e.target.value === '' ? undefined : e.target.value)}
        aria-invalid={mine.length > 0}
        aria-describedby={mine.length > 0 ? `${id}-problem` : undefined}
        data-testid="draft-effective-from"
      />
      <FieldProblems problems={mine} id={`${id}-problem`} />
    </label>
  );
}
