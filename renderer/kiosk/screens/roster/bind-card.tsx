/**
 * Binding a card to the elder: swipe it on the wedge reader, or type the number printed on it. The
 * check-in screen's scanner is not mounted while this screen is shown, so a swipe here never checks
 * anybody in; this component mounts its own scanner for as long as it is open.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ElderDetail } from '../../../../shared/kiosk-api/roster-views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { useWedgeScanner } from '../../wedge/use-wedge-scanner.js';

export function BindCard({ session, elder, onBound, onCancel }: { session: SessionView; elder: ElderDetail; onBound: (d: ElderDetail) => void; onCancel: () => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function bind(uid: string, how: 'swipe' | 'typed'): Promise<void> {
    const text = uid.trim();
    if (text === '' || busy) return;
    setBusy(true);
    const r = await guard(() => client.call('roster.bindCard', { elderId: elder.id, uid: text }));
    setBusy(false);
    if (r.ok) {
      announce('card-bound', { elderId: elder.id, how, cards: r.value.cards.length });
      onBound(r.value);
    } else {
      setProblem(msg(r.error.message));
      announce('card-bind-error', { kind: r.error.kind });
    }
  }

  useWedgeScanner(session.settings.wedge, (text) => void bind(text, 'swipe'));

  function submit(e: FormEvent): void {
    e.preventDefault();
    void bind(typed, 'typed');
  }

  return (
    <form className="bind-card" onSubmit={submit} data-testid="bind-card">
      <h3>{t('ui.roster.bindTitle', { name: elder.name })}</h3>
      <p className="swipe-here" role="status" aria-live="polite">
        {busy ? t('ui.roster.binding') : t('ui.roster.swipeNow')}
      </p>
      <label className="field">
        <span>{t('ui.roster.typeCard')}</span>
        <input value={typed} maxLength={64} autoComplete="off" className="mono" onChange={(e) => setTyped(e.target.value)} data-testid="bind-card-input" />
      </label>
      {problem !== null && (
        <p className="banner error" role="alert" data-testid="bind-card-problem">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={typed.trim() === '' || busy} data-testid="bind-card-submit">
          {t('ui.roster.bindTyped')}
        </button>
      </div>
    </form>
  );
}
