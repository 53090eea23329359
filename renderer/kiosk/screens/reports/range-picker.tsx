/** Which days a report covers: today, this month, a chosen month, or a chosen range of dates. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../../../ui/i18n.js';

export type ReportQuery = { readonly kind: 'range'; readonly from: string; readonly to: string } | { readonly kind: 'month'; readonly month: string };

export function RangePicker({ today, onPick }: { today: string; onPick: (q: ReportQuery) => void }) {
  const { t } = useT();
  const [from, setFrom] = useState(today.slice(0, 8) + '01');
  const [to, setTo] = useState(today);
  const [month, setMonth] = useState(today.slice(0, 7));

  function range(e: FormEvent): void {
    e.preventDefault();
    if (from !== '' && to !== '' && from <= to) onPick({ kind: 'range', from, to });
  }

  function chosenMonth(e: FormEvent): void {
    e.preventDefault();
    if (/^\d{4}-\d{2}$/.test(month)) onPick({ kind: 'month', month });
  }

  return (
    <div className="range-picker">
      <div className="actions">
        <button type="button" className="button" onClick={() => onPick({ kind: 'range', from: today, to: today })} data-testid="report-today">
          {t('ui.reports.today')}
        </button>
        <button type="button" className="button" onClick={() => onPick({ kind: 'month', month: today.slice(0, 7) })} data-testid="report-month">
          {t('ui.reports.thisMonth')}
        </button>
      </div>
      <form className="inline-form" onSubmit={chosenMonth}>
        <label className="field">
          <span>{t('ui.reports.month')}</span>
          <input type="month" value={month} max={today.slice(0, 7)} onChange={(e) => setMonth(e.target.value)} data-testid="report-month-input" />
        </label>
        <button type="submit" className="button secondary" data-testid="report-month-show">
          {t('ui.reports.show')}
        </button>
      </form>
      <form className="inline-form" onSubmit={range}>
        <label className="field">
          <span>{t('ui.reports.from')}</span>
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" />
        </label>
        <label className="field">
          <span>{t('ui.reports.to')}</span>
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="report-to" />
        </label>
        <button type="submit" className="button secondary" disabled={from === '' || to === '' || from > to} data-testid="report-range-show">
          {t('ui.reports.show')}
        </button>
      </form>
    </div>
  );
}
