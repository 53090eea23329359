/**
 * One elder's page (manager), in a dialog: the details, statuses, cards and the last 60 days' meals;
 * from here edit, bind a card, report a card lost, suspend or resume. Each change answers with the
 * elder's page as it now is, which replaces the one shown.
 */
import { useEffect, useState } from 'react';
import type { ElderDetail } from '../../../../shared/kiosk-api/roster-views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { Dialog } from '../dialog.js';
import { BindCard } from './bind-card.js';
import { ElderCards } from './elder-cards.js';
import { ElderFacts } from './elder-facts.js';
import { ElderForm } from './elder-form.js';
import { ElderMeals } from './elder-meals.js';
import { useEscape } from './use-escape.js';
import type { StatusName } from './use-status-names.js';

type Mode = 'view' | 'edit' | 'bind';

export function ElderPage({
  session,
  elderId,
  statuses,
  onChanged,
  onClose,
}: {
  session: SessionView;
  elderId: string;
  statuses: readonly StatusName[];
  onChanged: () => void;
  onClose: () => void;
}) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [elder, setElder] = useState<ElderDetail | null>(null);
  const [mode, setMode] = useState<Mode>('view');
  const [problem, setProblem] = useState<string | null>(null);
  useEscape(() => (mode === 'view' ? onClose() : setMode('view')));

  useEffect(() => {
    let current = true;
    void guard(() => client.call('roster.get', { elderId })).then((r) => {
      if (!current) return;
      if (r.ok) {
        setElder(r.value);
        announce('elder', { elderId: r.value.id });
      } else setProblem(msg(r.error.message));
    });
    return () => {
      current = false;
    };
  }, [client, guard, msg, elderId]);

  /** A change came back as the elder's new page: show it, and have the list read again. */
  function changed(d: ElderDetail): void {
    setElder(d);
    setProblem(null);
    setMode('view');
    onChanged();
  }

  async function setActive(active: boolean): Promise<void> {
    const r = await guard(() => client.call('roster.setActive', { elderId, active }));
    if (r.ok) {
      changed(r.value);
      announce('elder-active', { elderId, active: r.value.active });
    } else setProblem(msg(r.error.message));
  }

  const title = elder === null ? t('ui.roster.elderTitle') : elder.name;
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="elder-page" data-testid="elder-page">
        {problem !== null && (
          <p className="banner error" role="alert">
            {problem}
          </p>
        )}
        {elder !== null && mode === 'view' && (
          <>
            {!elder.active && (
              <p className="banner warning" role="status">
                {t('ui.roster.suspendedBanner')}
              </p>
            )}
            <div className="actions">
              <button type="button" className="button" onClick={() => setMode('edit')} data-testid="elder-edit">
                {t('ui.roster.edit')}
              </button>
              <button type="button" className="button" onClick={() => setMode('bind')} data-testid="elder-bind">
                {t('ui.roster.bind')}
              </button>
              {elder.active ? (
                <button type="button" className="button danger" onClick={() => void setActive(false)} data-testid="elder-suspend">
                  {t('ui.roster.suspend')}
                </button>
              ) : (
                <button type="button" className="button primary" onClick={() => void setActive(true)} data-testid="elder-resume">
                  {t('ui.roster.resume')}
                </button>
              )}
            </div>
            <ElderFacts elder={elder} />
            <ElderCards elder={elder} onChanged={changed} />
            <ElderMeals session={session} meals={elder.meals} />
          </>
        )}
        {elder !== null && mode === 'edit' && <ElderForm elder={elder} statuses={statuses} onSaved={changed} onCancel={() => setMode('view')} />}
        {elder !== null && mode === 'bind' && <BindCard session={session} elder={elder} onBound={changed} onCancel={() => setMode('view')} />}
      </div>
    </Dialog>
  );
}
