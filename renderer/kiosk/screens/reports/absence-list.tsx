/**
 * Regulars who have not come today, 独居 / 空巢 / 失能 first (the back end orders them), with a phone
 * number to call: the canteen doubles as a daily welfare check. Needs only a cashier, so it loads
 * without a manager PIN; its export is a manager's.
 */
import { useEffect, useState } from 'react';
import type { AbsentElder } from '../../../../shared/kiosk-api/report-views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { ExportButtons } from './export-buttons.js';

export function AbsenceList({ today }: { today: string }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [list, setList] = useState<readonly AbsentElder[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void client.call('reports.absent', { serviceDate: today }).then((r) => {
      if (!current) return;
      if (r.ok) {
        setList(r.value);
        announce('absence', { count: r.value.length });
      } else setProblem(msg(r.error.message));
    });
    return () => {
      current = false;
    };
  }, [client, msg, today]);

  return (
    <section className="absence" aria-labelledby="absence-title">
      <div className="screen-head">
        <h2 id="absence-title">{t('ui.reports.absent', { date: today })}</h2>
        <ExportButtons report="absent" from={today} to={today} />
      </div>
      <p className="hint">{t('ui.reports.absentWhy')}</p>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      {list !== null && list.length === 0 && <p data-testid="absence-none">{t('ui.reports.absentNone')}</p>}
      {list !== null && list.length > 0 && (
        <table className="table" data-testid="absence-list">
          <thead>
            <tr>
              <th scope="col">{t('ui.roster.name')}</th>
              <th scope="col">{t('ui.roster.phone')}</th>
              <th scope="col">{t('ui.reports.priority')}</th>
              <th scope="col">{t('ui.reports.lastMeal')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => (
              <tr key={e.elderId} data-testid="absence-row" className={e.priority.length > 0 ? 'first' : ''}>
                <th scope="row">{e.name}</th>
                {/* Plain text, not a tel: link: the kiosk has no phone, and a link would try to leave the page. */}
                <td className="mono">{e.phone ?? t('ui.reports.noPhone')}</td>
                <td>
                  <span className="tags">
                    {e.priority.map((p) => (
                      <span key={p} className="tag warn">
                        {p}
                      </span>
                    ))}
                    {e.livesAlone && e.priority.length === 0 && <span className="tag">{t('ui.roster.livesAlone')}</span>}
                  </span>
                </td>
                <td>{e.lastMeal ?? t('ui.reports.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
