/**
 * The daily counts, one row per canteen × date × period × age band × claimable, 100 to a page. A day
 * whose count changed after it was first counted (a late meal or void) is marked on each of its rows
 * and links to its amendments below: never a silent change (issue 5).
 */
import { useState } from 'react';
import { useT } from '../../../ui/i18n.js';
import { ageBandName, periodName } from '../../parts/labels.js';
import { Pager } from '../../parts/pager.js';
import { pageOf, totalsOf } from './counts-model.js';
import type { CountRow } from './counts-model.js';

const PAGE = 100;

export function amendmentAnchor(canteenId: number, serviceDate: string): string {
  return `amended-${canteenId}-${serviceDate}`;
}

export function CountsTable({ rows }: { rows: readonly CountRow[] }) {
  const { t, yuan } = useT();
  const [page, setPage] = useState(0);
  const shown = pageOf(rows, page, PAGE);
  const total = totalsOf(rows);
  return (
    <section aria-labelledby="counts-table-caption">
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="counts-table-caption">
        <table className="table" data-testid="counts-table">
          <caption id="counts-table-caption">{t('district.counts.tableCaption', { rows: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('district.col.date')}</th>
              <th scope="col">{t('district.col.canteen')}</th>
              <th scope="col">{t('district.col.period')}</th>
              <th scope="col">{t('district.col.ageBand')}</th>
              <th scope="col">{t('district.col.claimable')}</th>
              <th scope="col" className="num">
                {t('district.col.meals')}
              </th>
              <th scope="col" className="num">
                {t('district.col.standard')}
              </th>
              <th scope="col" className="num">
                {t('district.col.personal')}
              </th>
              <th scope="col" className="num">
                {t('district.col.claimed')}
              </th>
              <th scope="col" className="num">
                {t('district.col.owed')}
              </th>
              <th scope="col" className="num">
                {t('district.col.operatorSubsidy')}
              </th>
              <th scope="col">{t('district.col.dayState')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((r) => (
              <tr key={`${r.canteenId}|${r.serviceDate}|${r.periodId}|${r.ageBand}|${r.claimable}`} className={r.day?.amended === true ? 'amended' : undefined} data-testid="counts-row">
                <td>{r.serviceDate}</td>
                <th scope="row">{r.canteenName}</th>
                <td>{periodName(t, r.periodId)}</td>
                <td>{ageBandName(t, r.ageBand)}</td>
                <td>{r.claimable ? t('district.yes') : t('district.no')}</td>
                <td className="num">{r.meals}</td>
                <td className="num">{yuan(r.standard)}</td>
                <td className="num">{yuan(r.personal)}</td>
                <td className="num">{yuan(r.claimedSubsidy)}</td>
                <td className="num">{yuan(r.subsidy)}</td>
                <td className="num">{yuan(r.operatorSubsidy)}</td>
                <td>
                  {r.day?.amended === true && (
                    <a className="flag warn" href={`#${amendmentAnchor(r.canteenId, r.serviceDate)}`} data-testid="amended-mark" onClick={(e) => jumpTo(e, amendmentAnchor(r.canteenId, r.serviceDate))}>
                      {t('district.counts.amended', { n: r.day.amendments.length })}
                    </a>
                  )}
                  {r.day !== null && r.day.closeMismatches > 0 && <span className="flag bad">{t('district.counts.closeMismatch')}</span>}
                  {r.day !== null && !r.day.closed && <span className="flag">{t('district.counts.notClosed')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {t('district.total')}
              </th>
              <td className="num" data-testid="counts-total-meals">
                {total.meals}
              </td>
              <td className="num">{yuan(total.standard)}</td>
              <td className="num">{yuan(total.personal)}</td>
              <td className="num">{yuan(total.claimedSubsidy)}</td>
              <td className="num">{yuan(total.subsidy)}</td>
              <td className="num">{yuan(total.operatorSubsidy)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} label={t('district.counts.pages')} />
    </section>
  );
}

/**
 * In-page links must not touch the hash: the hash is the app's route. Scroll to the target and
 * move the focus there instead.
 */
function jumpTo(e: { preventDefault: () => void }, id: string): void {
  e.preventDefault();
  const target = document.getElementById(id);
  target?.scrollIntoView({ block: 'start' });
  target?.focus();
}
