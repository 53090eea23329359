/**
 * Register a new elder or edit one. The resident ID number is asked for a new elder only: the kiosk
 * keeps no plaintext ID number, so it can neither show nor change it afterwards. What the schema
 * checks is checked here first, so the manager reads the reason beside the field.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ElderDetail, ElderEdit } from '../../../../shared/kiosk-api/roster-views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { StatusRowsEditor } from './status-rows-editor.js';
import type { StatusRow } from './status-rows-editor.js';
import type { StatusName } from './use-status-names.js';

/** County (6 digits) or town (9 digits) code of the administrative division. */
const REGION = /^\d{6}(\d{3})?$/;
const RESIDENT_ID = /^\d{17}[\dXx]$/;

interface Draft {
  residentId: string;
  name: string;
  phone: string;
  hukouRegion: string;
  residenceRegion: string;
  dietAlert: string;
  careHome: boolean;
  regular: boolean;
  livesAlone: boolean;
  statuses: StatusRow[];
}

function draftOf(elder: ElderDetail | null): Draft {
  return {
    residentId: '',
    name: elder?.name ?? '',
    phone: elder?.phone ?? '',
    hukouRegion: elder?.hukouRegion ?? '',
    residenceRegion: elder?.residenceRegion ?? '',
    dietAlert: elder?.dietAlert ?? '',
    careHome: elder?.careHome ?? false,
    regular: elder?.regular ?? false,
    livesAlone: elder?.livesAlone ?? false,
    statuses: elder?.statusRows.map((s) => ({ code: s.code, validFrom: s.validFrom, validTo: s.validTo })) ?? [],
  };
}

/** The fields that are wrong, as catalog keys by field; empty when the draft can be sent. */
function problemsOf(d: Draft, isNew: boolean): Partial<Record<keyof Draft, string>> {
  const p: Partial<Record<keyof Draft, string>> = {};
  if (isNew && !RESIDENT_ID.test(d.residentId.trim())) p.residentId = 'ui.roster.bad.residentId';
  if (d.name.trim() === '') p.name = 'ui.roster.bad.name';
  if (d.hukouRegion.trim() !== '' && !REGION.test(d.hukouRegion.trim())) p.hukouRegion = 'ui.roster.bad.region';
  if (d.residenceRegion.trim() !== '' && !REGION.test(d.residenceRegion.trim())) p.residenceRegion = 'ui.roster.bad.region';
  if (d.statuses.some((s) => s.code === '')) p.statuses = 'ui.roster.bad.statusCode';
  else if (d.statuses.some((s) => s.validFrom !== null && s.validTo !== null && s.validTo < s.validFrom)) p.statuses = 'ui.roster.bad.statusDates';
  return p;
}

function editOf(d: Draft, elder: ElderDetail | null): ElderEdit {
  const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
  return {
    ...(elder === null ? { residentId: d.residentId.trim().toUpperCase() } : { elderId: elder.id }),
    name: d.name.trim(),
    phone: orNull(d.phone),
    hukouRegion: orNull(d.hukouRegion),
    residenceRegion: orNull(d.residenceRegion),
    dietAlert: orNull(d.dietAlert),
    careHome: d.careHome,
    regular: d.regular,
    livesAlone: d.livesAlone,
    statuses: d.statuses,
  };
}

export function ElderForm({
  elder,
  statuses,
  onSaved,
  onCancel,
}: {
  elder: ElderDetail | null;
  statuses: readonly StatusName[];
  onSaved: (d: ElderDetail) => void;
  onCancel: () => void;
}) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(elder));
  const [shown, setShown] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Bumped on each refused submit: focus then moves to the first field to correct (keyboard users).
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  const isNew = elder === null;
  const problems = problemsOf(draft, isNew);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => ({ ...d, [key]: value }));
  const fieldProblem = (key: keyof Draft) => {
    const p = problems[key];
    return shown && p !== undefined ? (
      <span className="problem" id={`elder-${key}-problem`}>
        {t(p)}
      </span>
    ) : null;
  };
  const described = (key: keyof Draft) => (shown && problems[key] !== undefined ? { 'aria-invalid': true, 'aria-describedby': `elder-${key}-problem` } : {});

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setShown(true);
    if (Object.keys(problems).length > 0) {
      setRefusals((n) => n + 1);
      return;
    }
    setSaving(true);
    const edit = editOf(draft, elder);
    const r = await guard(() => client.call('roster.save', edit));
    setSaving(false);
    if (r.ok) {
      announce('elder-saved', { elderId: r.value.id, created: isNew });
      onSaved(r.value);
    } else {
      const issues = r.error.issues?.map((i) => `${i.path}: ${msg(i.message)}`) ?? [];
      setProblem([msg(r.error.message), ...issues].join('；'));
    }
  }

  const text = (key: 'name' | 'phone' | 'hukouRegion' | 'residenceRegion' | 'dietAlert', label: string, max: number, extra: { inputMode?: 'numeric' | 'tel' } = {}) => (
    <label className="field">
      <span>{label}</span>
      <input value={draft[key]} maxLength={max} onChange={(e) => set(key, e.target.value)} data-testid={`elder-${key}`} {...extra} {...described(key)} />
      {fieldProblem(key)}
    </label>
  );
  const check = (key: 'careHome' | 'regular' | 'livesAlone', label: string) => (
    <label className="check">
      <input type="checkbox" checked={draft[key]} onChange={(e) => set(key, e.target.checked)} data-testid={`elder-${key}`} />
      {label}
    </label>
  );

  return (
    <form ref={formRef} className="elder-form" onSubmit={(e) => void submit(e)} noValidate data-testid="elder-form">
      {isNew ? (
        <label className="field">
          <span>{t('ui.roster.residentId')}</span>
          <input
            value={draft.residentId}
            maxLength={18}
            autoComplete="off"
            className="mono"
            onChange={(e) => set('residentId', e.target.value)}
            data-testid="elder-residentId"
            {...described('residentId')}
          />
          <span className="hint">{t('ui.roster.residentIdHint')}</span>
          {fieldProblem('residentId')}
        </label>
      ) : (
        <p className="hint">{t('ui.roster.residentIdFixed', { masked: elder.idMasked })}</p>
      )}
      {text('name', t('ui.roster.name'), 40)}
      {text('phone', t('ui.roster.phone'), 20, { inputMode: 'tel' })}
      {text('hukouRegion', t('ui.roster.hukouRegion'), 9, { inputMode: 'numeric' })}
      {text('residenceRegion', t('ui.roster.residenceRegion'), 9, { inputMode: 'numeric' })}
      <p className="hint">{t('ui.roster.regionHint')}</p>
      {text('dietAlert', t('ui.roster.dietAlert'), 80)}
      <fieldset className="checks">
        <legend className="visually-hidden">{t('ui.roster.details')}</legend>
        {check('regular', t('ui.roster.regular'))}
        {check('livesAlone', t('ui.roster.livesAlone'))}
        {check('careHome', t('ui.roster.careHome'))}
      </fieldset>
      <StatusRowsEditor rows={draft.statuses} statuses={statuses} onChange={(rows) => set('statuses', rows)} />
      {fieldProblem('statuses')}
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
        <button type="submit" className="button big primary" disabled={saving} data-testid="elder-save">
          {isNew ? t('ui.roster.register') : t('ui.roster.save')}
        </button>
      </div>
    </form>
  );
}
