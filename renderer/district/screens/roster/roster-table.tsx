/** One page of the roster's search results: who, masked ID, birth date, active or suspended. */
import { useT } from '../../../ui/i18n.js';
import type { RosterElderView } from '../../../../shared/hub-api/roster-views.js';

export function RosterTable({ elders, selected, onSelect }: { elders: readonly RosterElderView[]; selected: string | null; onSelect: (elderId: string) => void }) {
  const { t } = useT();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="roster-caption">
      <table className="table" data-testid="roster-table">
        <caption id="roster-caption">{t('district.roster.caption', { n: elders.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('district.roster.col.name')}</th>
            <th scope="col">{t('district.roster.col.id')}</th>
            <th scope="col">{t('district.roster.col.birth')}</th>
            <th scope="col">{t('district.roster.col.statuses')}</th>
            <th scope="col">{t('district.roster.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {elders.map((e) => (
            <tr key={e.elderId} data-testid={`roster-row-${e.elderId}`}>
              <th scope="row">
                <button type="button" className="button link small" aria-pressed={selected === e.elderId} onClick={() => onSelect(e.elderId)}>
                  {e.name}
                </button>
              </th>
              <td className="mono">{e.idMasked}</td>
              <td>{e.birthDate}</td>
              <td>{e.statuses.map((s) => s.code).join('、')}</td>
              <td>{e.active ? t('district.roster.active') : t('district.roster.suspended')}</td>
            </tr>
          ))}
          {elders.length === 0 && (
            <tr>
              <td colSpan={5}>{t('district.roster.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
