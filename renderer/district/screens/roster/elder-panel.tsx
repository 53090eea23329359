/**
 * One elder as the district holds them: masked ID, birth date, statuses with their validity, regions,
 * care home, cards, active or suspended and the history of that (who, when, why). An admin suspends
 * (a reason is required: the elder will ask why their meal is full price) or reinstates.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { rosterElder, setElderActive } from '../../api/roster-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { useLoad } from '../../app/use-load.js';
import { LoadState, Problem } from '../../parts/load-state.js';
import type { RosterElderDetail } from '../../../../shared/hub-api/roster-views.js';

export function ElderPanel({ elderId, onClose, onChanged }: { elderId: string; onClose: () => void; onChanged: () => void }) {
  const { client } = useHub();
  const { t } = useT();
  const { loaded, reload } = useLoad(() => rosterElder(client, elderId), [client, elderId]);
  const elder = loaded.state === 'ready' ? loaded.value : loaded.value;
  return (
    <section className="panel" aria-labelledby="elder-title" data-testid="elder-panel">
      <div className="screen-head">
        <h2 id="elder-title">{elder?.name ?? elderId}</h2>
        <button type="button" className="button secondary small" onClick={onClose}>
          {t('district.roster.close')}
        </button>
      </div>
      <LoadState loaded={loaded} onRetry={reload} />
      {elder !== null && <ElderFacts elder={elder} />}
      {elder !== null && (
        <StatusChange
          elder={elder}
          onDone={() => {
            reload();
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function ElderFacts({ elder }: { elder: RosterElderDetail }) {
  const { t } = useT();
  const yes = (b: boolean): string => (b ? t('district.roster.yes') : t('district.roster.no'));
  return (
    <>
      <dl className="facts" data-testid="elder-facts">
        <dt>{t('district.roster.col.elderId')}</dt>
        <dd className="mono">{elder.elderId}</dd>
        <dt>{t('district.roster.col.id')}</dt>
        <dd className="mono">{elder.idMasked}</dd>
        <dt>{t('district.roster.col.birth')}</dt>
        <dd>{elder.birthDate}</dd>
        <dt>{t('district.roster.hukou')}</dt>
        <dd className="mono">{elder.hukouRegion ?? '—'}</dd>
        <dt>{t('district.roster.residence')}</dt>
        <dd className="mono">{elder.residenceRegion ?? '—'}</dd>
        <dt>{t('district.roster.careHome')}</dt>
        <dd>{yes(elder.careHome)}</dd>
        <dt>{t('district.roster.livesAlone')}</dt>
        <dd>{yes(elder.livesAlone)}</dd>
        <dt>{t('district.roster.col.state')}</dt>
        <dd data-testid="elder-state">
          {elder.active ? t('district.roster.active') : t('district.roster.suspendedSince', { reason: elder.suspendedReason ?? '', since: elder.suspendedSince === null ? '' : localDateTime(elder.suspendedSince) })}
        </dd>
      </dl>
      <h3>{t('district.roster.col.statuses')}</h3>
      {elder.statuses.length === 0 ? (
        <p>{t('district.roster.noStatuses')}</p>
      ) : (
        <ul data-testid="elder-statuses">
          {elder.statuses.map((s) => (
            <li key={`${s.code}-${s.validFrom ?? ''}`}>{t('district.roster.statusValid', { code: s.code, from: s.validFrom ?? '—', to: s.validTo ?? '—' })}</li>
          ))}
        </ul>
      )}
      <h3>{t('district.roster.cards')}</h3>
      {elder.cards.length === 0 ? (
        <p>{t('district.roster.noCards')}</p>
      ) : (
        <ul>
          {elder.cards.map((c) => (
            <li key={c.uid}>
              <span className="mono">{c.uid}</span> · {t(`district.roster.card.${c.state}`)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('district.roster.history')}</h3>
      {elder.statusChanges.length === 0 ? (
        <p>{t('district.roster.noHistory')}</p>
      ) : (
        <ul data-testid="elder-history">
          {elder.statusChanges.map((c) => (
            <li key={c.at}>
              {t(c.active ? 'district.roster.historyReinstated' : 'district.roster.historySuspended', { at: localDateTime(c.at), by: c.by ?? t('district.roster.console'), reason: c.reason })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Admins only: suspend with a reason, or reinstate with an optional note. */
function StatusChange({ elder, onDone }: { elder: RosterElderDetail; onDone: () => void }) {
  const { client, isAdmin, say } = useHub();
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!isAdmin) return null;
  const suspending = elder.active;

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (suspending && reason.trim() === '') return setProblem(t('district.roster.reasonNeeded'));
    setBusy(true);
    const r = await setElderActive(client, elder.elderId, !suspending, reason.trim());
    setBusy(false);
    if (!r.ok) return setProblem(r.error.message);
    setProblem(null);
    setReason('');
    say(t(suspending ? 'district.roster.saidSuspended' : 'district.roster.saidReinstated', { name: elder.name }));
    announce('elder-status', { elderId: elder.elderId, active: r.value.active });
    onDone();
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t(suspending ? 'district.roster.suspend' : 'district.roster.reinstate')} data-testid="elder-status-form">
      <label className="field">
        <span>{t(suspending ? 'district.roster.reason' : 'district.roster.note')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required={suspending} aria-invalid={problem !== null} data-testid="elder-reason" />
      </label>
      <button type="submit" className={`button${suspending ? ' danger' : ''}`} disabled={busy} data-testid="elder-status-submit">
        {t(suspending ? 'district.roster.suspend' : 'district.roster.reinstate')}
      </button>
      <Problem text={problem} />
    </form>
  );
}
