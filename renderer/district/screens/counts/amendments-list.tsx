/** The days whose counts changed after they were first counted, each with the records that changed them. */
import { useT } from '../../../ui/i18n.js';
import { localDateTime } from '../../app/district-calendar.js';
import { amendmentAnchor } from './counts-table.js';
import type { amendedDays } from './counts-model.js';

export function AmendmentsList({ days }: { days: ReturnType<typeof amendedDays> }) {
  const { t } = useT();
  if (days.length === 0) return null;
  return (
    <section aria-labelledby="amendments-title" data-testid="amendments">
      <h2 id="amendments-title">{t('district.counts.amendmentsTitle')}</h2>
      <p className="hint">{t('district.counts.amendmentsHint')}</p>
      {days.map((d) => (
        <div key={`${d.canteenId}|${d.serviceDate}`} id={amendmentAnchor(d.canteenId, d.serviceDate)} tabIndex={-1} className="amendment-day">
          <h3>{t('district.counts.amendedDay', { canteen: d.canteenName, date: d.serviceDate })}</h3>
          <table className="table">
            <caption className="visually-hidden">{t('district.counts.amendedDay', { canteen: d.canteenName, date: d.serviceDate })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district.col.device')}</th>
                <th scope="col">{t('district.col.seq')}</th>
                <th scope="col">{t('district.col.change')}</th>
                <th scope="col">{t('district.col.received')}</th>
              </tr>
            </thead>
            <tbody>
              {d.amendments.map((a) => (
                <tr key={`${a.deviceId}|${a.seq}`}>
                  <td className="mono">{a.deviceId}</td>
                  <td className="num">{a.seq}</td>
                  <td>{t(`district.counts.amendment.${a.kind}`)}</td>
                  <td>{localDateTime(a.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
