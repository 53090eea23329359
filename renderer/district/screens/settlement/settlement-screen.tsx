/**
 * Monthly settlement: pick a month; what each canteen is owed, split by budget, beside what its
 * kiosks claimed; the district's totals per budget; its state — draft, approved (by whom, when), or
 * changed since approval (late meals arrived: both sets of figures side by side). An admin approves
 * after confirming; the approval is a revision, so approving again after changes is visible too.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { approveSettlement, settlement, settlementPath } from '../../api/counting-api.js';
import { localDateTime, previousMonth } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { useLoad } from '../../app/use-load.js';
import { ConfirmDialog } from '../../parts/confirm-dialog.js';
import { ExportButtons } from '../../parts/export-buttons.js';
import { sourceName } from '../../parts/labels.js';
import { LoadState, Problem } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { AverageElders } from './average-elders.js';
import { monthEnded } from './settlement-model.js';
import { SettlementTable } from './settlement-table.js';

export function SettlementScreen() {
  const { client, today, say, isAdmin } = useHub();
  const { t, yuan } = useT();
  const [month, setMonth] = useState(previousMonth(today));
  const [typed, setTyped] = useState(month);
  const { loaded, reload } = useLoad(() => settlement(client, month), [client, month]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const view = loaded.state === 'ready' ? loaded.value : null;

  useEffect(() => {
    if (view === null) return;
    say(t('district.settle.said', { month: view.month, state: t(`district.settle.state.${view.state}`), owed: yuan(view.total.subsidy) }));
    announce('settlement', { month: view.month, state: view.state, canteens: view.canteens.length, subsidy: view.total.subsidy });
  }, [view]);

  function pick(e: FormEvent): void {
    e.preventDefault();
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(typed)) {
      setProblem(null);
      setMonth(typed);
    } else setProblem(t('district.settle.badMonth'));
  }

  async function approve(): Promise<void> {
    setBusy(true);
    const r = await approveSettlement(client, month);
    setBusy(false);
    setConfirming(false);
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    setProblem(null);
    say(t('district.settle.approvedSaid', { month, revision: r.value.revision }));
    announce('settlement-approved', { month, revision: r.value.revision });
    // The month as it stands now: approved, with this revision in its history.
    reload();
  }

  const canApprove = view !== null && view.state !== 'approved' && monthEnded(view.month, today);
  return (
    <main aria-labelledby="settlement-title" className="screen">
      <div className="screen-head">
        <ScreenTitle id="settlement-title">{t('district.settle.title')}</ScreenTitle>
        <ExportButtons path={settlementPath(month)} query={{}} name={`settlement-${month}`} label={t('district.settle.export')} testId="settlement-export" />
      </div>
      <form className="filters" onSubmit={pick} noValidate>
        <label className="field">
          <span>{t('district.settle.month')}</span>
          <input type="month" value={typed} max={today.slice(0, 7)} onChange={(e) => setTyped(e.target.value)} data-testid="settlement-month" />
        </label>
        <button type="submit" className="button" data-testid="settlement-show">
          {t('district.filter.apply')}
        </button>
      </form>
      <Problem text={problem} />
      <LoadState loaded={loaded} onRetry={reload} />
      {view !== null && (
        <>
          <section className="settlement-state" aria-labelledby="settlement-state-title">
            <h2 id="settlement-state-title">{t('district.settle.stateOf', { month: view.month, from: view.from, to: view.to })}</h2>
            <p className={`state-badge ${view.state}`} data-testid="settlement-state">
              {t(`district.settle.state.${view.state}`)}
            </p>
            {view.approval !== null && (
              <p>
                {t('district.settle.approvedBy', {
                  revision: view.approval.revision,
                  at: localDateTime(view.approval.approvedAt),
                  who: view.approval.approvedByLogin ?? t('district.settle.console'),
                })}
              </p>
            )}
            {view.state === 'changed' && (
              <p className="banner warning" data-testid="settlement-changed">
                {t('district.settle.changedSince', { n: view.amendmentsSinceApproval })}
              </p>
            )}
            {isAdmin && (
              <div className="actions">
                <button type="button" className="button primary" disabled={!canApprove || busy} onClick={() => setConfirming(true)} data-testid="settlement-approve">
                  {view.state === 'changed' ? t('district.settle.approveAgain') : t('district.settle.approve')}
                </button>
                {!monthEnded(view.month, today) && <span className="hint">{t('district.settle.notEnded')}</span>}
              </div>
            )}
          </section>
          <section aria-labelledby="settlement-sources-title">
            <h2 id="settlement-sources-title">{t('district.settle.bySource')}</h2>
            <ul className="source-totals" data-testid="settlement-sources">
              {view.bySource.map((s) => (
                <li key={s.source}>
                  <span>{sourceName(t, s.source)}</span> <strong>{yuan(s.amount)}</strong>
                </li>
              ))}
              <li>
                <span>{t('district.col.operatorSubsidy')}</span> <strong>{yuan(view.total.operatorSubsidy)}</strong>
              </li>
              <li className="grand">
                <span>{t('district.col.payable')}</span> <strong data-testid="settlement-payable">{yuan(view.total.payable)}</strong>
              </li>
            </ul>
          </section>
          {view.canteens.length === 0 ? (
            <p className="hint">{t('district.settle.none')}</p>
          ) : (
            <SettlementTable figures={view} caption={t('district.settle.tableCaption', { month: view.month })} testId="settlement-table" />
          )}
          {view.approvedFigures !== null && (
            <SettlementTable figures={view.approvedFigures} caption={t('district.settle.approvedCaption', { revision: view.approval?.revision ?? 0 })} testId="settlement-approved-table" />
          )}
          {view.revisions.length > 0 && (
            <section aria-labelledby="settlement-revisions-title">
              <h2 id="settlement-revisions-title">{t('district.settle.revisions')}</h2>
              <ol data-testid="settlement-revisions">
                {view.revisions.map((r) => (
                  <li key={r.revision}>
                    {t('district.settle.revision', {
                      revision: r.revision,
                      at: localDateTime(r.approvedAt),
                      who: r.approvedByLogin ?? t('district.settle.console'),
                      owed: yuan(r.total.subsidy),
                    })}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
      <AverageElders month={month} />
      {confirming && view !== null && (
        <ConfirmDialog
          title={t('district.settle.confirmTitle', { month: view.month })}
          confirmLabel={t('district.settle.confirm')}
          busy={busy}
          onConfirm={() => void approve()}
          onCancel={() => setConfirming(false)}
          testId="approve-dialog"
        >
          <p>{t('district.settle.confirmText', { canteens: view.canteens.length, owed: yuan(view.total.subsidy), payable: yuan(view.total.payable) })}</p>
        </ConfirmDialog>
      )}
    </main>
  );
}
