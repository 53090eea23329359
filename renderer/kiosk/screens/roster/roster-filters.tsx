/** The roster list's filters: a status held today, active or suspended, regulars or not. */
import type { MethodInput } from '../../../../shared/kiosk-api/methods.js';
import { useT } from '../../../ui/i18n.js';
import type { StatusName } from './use-status-names.js';

export type RosterFilter = MethodInput<'roster.list'>['filter'];

/** A select's value for a three-way boolean filter: '' means "either". */
function triState(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'yes' : 'no';
}

function fromTriState(value: string): boolean | undefined {
  return value === '' ? undefined : value === 'yes';
}

export function RosterFilters({ filter, statuses, onChange }: { filter: RosterFilter; statuses: readonly StatusName[]; onChange: (f: RosterFilter) => void }) {
  const { t } = useT();
  return (
    <fieldset className="roster-filters">
      <legend className="visually-hidden">{t('ui.roster.filters')}</legend>
      <label className="field">
        <span>{t('ui.roster.filter.status')}</span>
        <select value={filter.status ?? ''} onChange={(e) => onChange({ ...filter, status: e.target.value === '' ? undefined : e.target.value })} data-testid="roster-filter-status">
          <option value="">{t('ui.roster.filter.any')}</option>
          {statuses.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('ui.roster.filter.active')}</span>
        <select value={triState(filter.active)} onChange={(e) => onChange({ ...filter, active: fromTriState(e.target.value) })} data-testid="roster-filter-active">
          <option value="">{t('ui.roster.filter.any')}</option>
          <option value="yes">{t('ui.roster.active')}</option>
          <option value="no">{t('ui.suspended')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('ui.roster.filter.regular')}</span>
        <select value={triState(filter.regular)} onChange={(e) => onChange({ ...filter, regular: fromTriState(e.target.value) })} data-testid="roster-filter-regular">
          <option value="">{t('ui.roster.filter.any')}</option>
          <option value="yes">{t('ui.roster.regular')}</option>
          <option value="no">{t('ui.roster.notRegular')}</option>
        </select>
      </label>
    </fieldset>
  );
}
