/**
 * What the draft would have done to last month's real meals: the cost per budget now and under the
 * draft, the meals that change, the elders better and worse off with the biggest changes, and each
 * canteen. A difference is signed (+ costs the budget more), so a reader never has to subtract.
 */
import { useT } from '../../../ui/i18n.js';
import type { BudgetChange, Change, ElderChange, SimulationReport } from '../../../../shared/hub-api/policy-views.js';

function signed(yuan: (fen: number) => string, fen: number): string {
  if (fen === 0) return yuan(0);
  return fen > 0 ? `+${yuan(fen)}` : `−${yuan(-fen)}`;
}

function ChangeCells({ change, testId }: { change: Change; testId?: string }) {
  const { yuan } = useT();
  return (
    <>
      <td className="num">{yuan(change.current)}</td>
      <td className="num">{yuan(change.draft)}</td>
      <td className="num" data-testid={testId}>
        {signed(yuan, change.difference)}
      </td>
    </>
  );
}

function ChangeHead({ first }: { first: string }) {
  const { t } = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('district.policy.sim.now')}</th>
        <th scope="col">{t('district.policy.sim.draft')}</th>
        <th scope="col">{t('district.policy.sim.difference')}</th>
      </tr>
    </thead>
  );
}

export function SimulationView({ report }: { report: SimulationReport }) {
  const { t, locale, yuan } = useT();
  const budgetName = (b: BudgetChange): string => (locale === 'en' ? (b.nameEn ?? b.name) : b.name);
  return (
    <section aria-labelledby="sim-title" data-testid="simulation">
      <h3 id="sim-title">{t('district.policy.sim.title', { month: report.month, from: report.from, to: report.to })}</h3>
      <p>{t('district.policy.sim.meals', { meals: report.meals, other: report.otherPolicyMeals, recorded: yuan(report.totals.recordedSubsidy) })}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="sim-budgets-caption">
        <table className="table" data-testid="sim-budgets">
          <caption id="sim-budgets-caption">{t('district.policy.sim.budgets')}</caption>
          <ChangeHead first={t('district.policy.sim.budget')} />
          <tbody>
            {report.budgets.map((b) => (
              <tr key={b.source} data-testid={`sim-budget-${b.source}`}>
                <th scope="row">{budgetName(b)}</th>
                <ChangeCells change={b} testId={`sim-budget-${b.source}-difference`} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('district.policy.sim.totalSubsidy')}</th>
              <ChangeCells change={report.totals.subsidy} testId="sim-total-difference" />
            </tr>
            <tr>
              <th scope="row">{t('district.policy.sim.operatorSubsidy')}</th>
              <ChangeCells change={report.totals.operatorSubsidy} testId="sim-operator-difference" />
            </tr>
          </tfoot>
        </table>
      </div>
      <ul data-testid="sim-meal-changes">
        <li>{t('district.policy.sim.lost', { n: report.mealChanges.lostSubsidy })}</li>
        <li>{t('district.policy.sim.gained', { n: report.mealChanges.gainedSubsidy })}</li>
        <li>{t('district.policy.sim.amountChanged', { n: report.mealChanges.amountChanged })}</li>
      </ul>
      <p data-testid="sim-elders">{t('district.policy.sim.elders', { better: report.elders.betterOff, worse: report.elders.worseOff, same: report.elders.unchanged })}</p>
      <ElderTable id="sim-gains" caption={t('district.policy.sim.biggestGains')} elders={report.elders.biggestGains} />
      <ElderTable id="sim-losses" caption={t('district.policy.sim.biggestLosses')} elders={report.elders.biggestLosses} />
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="sim-canteens-caption">
        <table className="table" data-testid="sim-canteens">
          <caption id="sim-canteens-caption">{t('district.policy.sim.canteens')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('district.policy.sim.canteen')}</th>
              <th scope="col">{t('district.policy.sim.mealsCol')}</th>
              <th scope="col">{t('district.policy.sim.now')}</th>
              <th scope="col">{t('district.policy.sim.draft')}</th>
              <th scope="col">{t('district.policy.sim.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {report.canteens.map((c) => (
              <tr key={c.canteenId}>
                <th scope="row">{c.name}</th>
                <td className="num">{c.meals}</td>
                <ChangeCells change={c} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The elders whose month changes most one way: the roster id (meals carry no names), band, statuses, where they ate. */
function ElderTable({ id, caption, elders }: { id: string; caption: string; elders: readonly ElderChange[] }) {
  const { t } = useT();
  if (elders.length === 0) return <p>{t('district.policy.sim.noneOfThese', { what: caption })}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="table" data-testid={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('district.policy.sim.elder')}</th>
            <th scope="col">{t('district.policy.sim.ageBand')}</th>
            <th scope="col">{t('district.policy.sim.statuses')}</th>
            <th scope="col">{t('district.policy.sim.canteen')}</th>
            <th scope="col">{t('district.policy.sim.mealsCol')}</th>
            <th scope="col">{t('district.policy.sim.now')}</th>
            <th scope="col">{t('district.policy.sim.draft')}</th>
            <th scope="col">{t('district.policy.sim.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {elders.map((e) => (
            <tr key={e.elderId}>
              <th scope="row" className="mono">
                {e.elderId}
              </th>
              <td>{e.ageBand}</td>
              <td>{e.statuses.join('、')}</td>
              <td>{e.canteenName}</td>
              <td className="num">{e.meals}</td>
              <ChangeCells change={e} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
