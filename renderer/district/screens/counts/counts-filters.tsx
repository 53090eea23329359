/**
 * The daily counts' filters: a date range and a canteen. Applied on submit (Enter in any field), not
 * on each keystroke, so half-typed dates never reach the hub; a range the hub would refuse is
 * explained here first.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { daysBetween, isLocalDate } from '../../../../shared/dates.js';
import { useT } from '../../../ui/i18n.js';
import type { CountsFilter } from '../../api/counting-api.js';
import { CanteenSelect } from '../../parts/canteen-select.js';

/** The longest range the hub counts in one request (a year, leap day included). */
export const MAX_RANGE_DAYS = 366;

export function CountsFilters({ initial, onApply }: { initial: CountsFilter; onApply: (f: CountsFilter) => void }) {
  const { t } = useT();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [canteenId, setCanteenId] = useState(initial.canteenId);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (!isLocalDate(from) || !isLocalDate(to)) return setProblem(t('district.filter.badDate'));
    if (from > to) return setProblem(t('district.filter.fromAfterTo'));
    if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) return setProblem(t('district.filter.tooLong', { max: MAX_RANGE_DAYS }));
    setProblem(null);
    onApply({ from, to, canteenId });
  }

  return (
    <form className="filters" onSubmit={submit} aria-label={t('district.filter.title')} noValidate>
      <label className="field">
        <span>{t('district.filter.from')}</span>
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="counts-from" />
      </label>
      <label className="field">
        <span>{t('district.filter.to')}</span>
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="counts-to" />
      </label>
      <CanteenSelect value={canteenId} onChange={setCanteenId} testId="counts-canteen" />
      <button type="submit" className="button" data-testid="counts-apply">
        {t('district.filter.apply')}
      </button>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
