/** One page of the roster: each row's name opens the elder's page. */
import type { RosterRow } from '../../../../shared/kiosk-api/roster-views.js';
import { useT } from '../../../ui/i18n.js';

export function RosterTable({ rows, onOpen }: { rows: readonly RosterRow[]; onOpen: (elderId: string) => void }) {
  const { t } = useT();
  return (
    <table className="table roster-table">
      <thead>
        <tr>
          <th scope="col">{t('ui.roster.name')}</th>
          <th scope="col">{t('ui.roster.age')}</th>
          <th scope="col">{t('ui.roster.idMasked')}</th>
          <th scope="col">{t('ui.roster.tagsColumn')}</th>
          <th scope="col">{t('ui.roster.cards')}</th>
          <th scope="col">{t('ui.roster.state')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="roster-row" data-elder-id={r.id} className={r.active ? '' : 'suspended'}>
            <th scope="row">
              <button type="button" className="button secondary row-open" onClick={() => onOpen(r.id)}>
                {r.name}
              </button>
            </th>
            <td>{t('ui.ageYears', { age: r.age })}</td>
            <td className="mono">{r.idMasked}</td>
            <td>
              <span className="tags">
                {r.statuses.map((s) => (
                  <span key={s} className="tag">
                    {s}
                  </span>
                ))}
                {r.regular && <span className="tag">{t('ui.roster.regular')}</span>}
                {r.livesAlone && <span className="tag">{t('ui.roster.livesAlone')}</span>}
              </span>
            </td>
            <td>{r.activeCards}</td>
            <td>{r.active ? t('ui.roster.active') : <strong className="tag warn">{t('ui.suspended')}</strong>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
