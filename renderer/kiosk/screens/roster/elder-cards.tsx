/**
 * An elder's cards with their state; an active card can be reported lost (after a confirmation: a
 * lost card is refused at every swipe from then on and cannot be bound again).
 */
import { useState } from 'react';
import type { ElderDetail } from '../../../../shared/kiosk-api/roster-views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';

export function ElderCards({ elder, onChanged }: { elder: ElderDetail; onChanged: (d: ElderDetail) => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function reportLost(uid: string): Promise<void> {
    const r = await guard(() => client.call('roster.reportLost', { elderId: elder.id, uid }));
    setConfirming(null);
    if (r.ok) {
      setProblem(null);
      onChanged(r.value);
      announce('card-lost', { elderId: elder.id, uid });
    } else setProblem(msg(r.error.message));
  }

  return (
    <section aria-labelledby="elder-cards-title">
      <h3 id="elder-cards-title">{t('ui.roster.cards')}</h3>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      {elder.cards.length === 0 ? (
        <p>{t('ui.roster.noCards')}</p>
      ) : (
        <ul className="card-list" data-testid="elder-cards">
          {elder.cards.map((c) => (
            <li key={c.uid} data-testid="elder-card" data-uid={c.uid}>
              <span className="mono">{c.uid}</span> <span className={`tag card-${c.state}`}>{t(`ui.roster.card.${c.state}`)}</span>
              {c.state === 'active' && confirming !== c.uid && (
                <button type="button" className="button small secondary" onClick={() => setConfirming(c.uid)} data-testid="card-lost">
                  {t('ui.roster.reportLost')}
                </button>
              )}
              {confirming === c.uid && (
                <span className="confirm-inline" role="group" aria-label={t('ui.roster.reportLost')}>
                  <span>{t('ui.roster.lostConfirm', { uid: c.uid })}</span>
                  <button type="button" className="button small danger" onClick={() => void reportLost(c.uid)} data-testid="card-lost-confirm">
                    {t('ui.roster.reportLost')}
                  </button>
                  <button type="button" className="button small secondary" onClick={() => setConfirming(null)}>
                    {t('ui.cancel')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
