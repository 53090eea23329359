/**
 * The paper roster for a power cut: every active elder with the masked ID and a box per meal period
 * to tick, printed on A4. Meals ticked on it are entered afterwards as back-filled records.
 */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { paperRosterRowSchema } from '../../../shared/kiosk-api/roster-views.js';
import type { SessionView } from '../../../shared/kiosk-api/views.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';

type Row = z.infer<typeof paperRosterRowSchema>;

export function PaperRosterScreen({ session }: { session: SessionView }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void client.call('roster.paper', {}).then((r) => {
      if (r.ok) setRows(r.value);
      else setProblem(msg(r.error.message));
    });
  }, [client, msg]);

  return (
    <main className="paper-roster" aria-labelledby="paper-title">
      <div className="screen-head no-print">
        <h1 id="paper-title">{t('ui.paper.title')}</h1>
        <button type="button" className="button" onClick={() => window.print()} disabled={rows === null}>
          {t('ui.print')}
        </button>
      </div>
      <p className="print-only">
        {session.canteenName} · {t('ui.paper.dateLine')}
      </p>
      {problem !== null && <p className="banner error">{problem}</p>}
      {rows !== null && (
        <table className="table paper">
          <caption>{t('ui.paper.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.paper.name')}</th>
              <th scope="col">{t('ui.paper.id')}</th>
              <th scope="col">{t('ui.paper.age')}</th>
              {session.periods.map((p) => (
                <th scope="col" key={p.id}>
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.name}</td>
                <td className="mono">{r.idMasked}</td>
                <td>{t(`ui.ageBand.${r.ageBand}`)}</td>
                {session.periods.map((p) => (
                  <td key={p.id} className="tick" aria-label={t('ui.paper.tick')} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
