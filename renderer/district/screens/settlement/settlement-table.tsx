/** The month's figures per canteen and per budget, with the district's totals in the footer. */
import type { SettlementFigures } from '../../../../shared/hub-api/counting-views.js';
import { useT } from '../../../ui/i18n.js';
import { sourceName } from '../../parts/labels.js';
import { amountFor, sourcesOf } from './settlement-model.js';

export function SettlementTable({ figures, caption, testId }: { figures: SettlementFigures; caption: string; testId: string }) {
  const { t, yuan } = useT();
  const sources = sourcesOf(figures);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('district.col.canteen')}</th>
            <th scope="col" className="num">
              {t('district.col.claimableMeals')}
            </th>
            <th scope="col" className="num">
              {t('district.col.claimed')}
            </th>
            <th scope="col" className="num">
              {t('district.col.owed')}
            </th>
            <th scope="col" className="num">
              {t('district.col.difference')}
            </th>
            {sources.map((s) => (
              <th key={s} scope="col" className="num">
                {t('district.settle.ofSource', { source: sourceName(t, s) })}
              </th>
            ))}
            <th scope="col" className="num">
              {t('district.col.operatorSubsidy')}
            </th>
            <th scope="col" className="num">
              {t('district.col.payable')}
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.canteens.map((c) => (
            <tr key={c.canteenId} data-testid="settlement-row">
              <th scope="row">{c.canteenName}</th>
              <td className="num">{c.claimableMeals}</td>
              <td className="num">{yuan(c.claimedSubsidy)}</td>
              <td className="num">{yuan(c.subsidy)}</td>
              <td className={`num${c.difference !== 0 ? ' differs' : ''}`}>{yuan(c.difference)}</td>
              {sources.map((s) => (
                <td key={s} className="num">
                  {yuan(amountFor(c, s))}
                </td>
              ))}
              <td className="num">{yuan(c.operatorSubsidy)}</td>
              <td className="num">{yuan(c.payable)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('district.total')}</th>
            <td className="num">{figures.total.claimableMeals}</td>
            <td className="num">{yuan(figures.total.claimedSubsidy)}</td>
            <td className="num" data-testid={`${testId}-owed`}>
              {yuan(figures.total.subsidy)}
            </td>
            <td className="num">{yuan(figures.total.difference)}</td>
            {sources.map((s) => (
              <td key={s} className="num">
                {yuan(amountFor(figures, s))}
              </td>
            ))}
            <td className="num">{yuan(figures.total.operatorSubsidy)}</td>
            <td className="num">{yuan(figures.total.payable)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
