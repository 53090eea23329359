/** A new cashier or manager: name, role and a PIN of 4–8 digits (kept only as a hash by the back end). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { OperatorView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';

const PIN = /^\d{4,8}$/;

export function OperatorAddForm({ onAdded }: { onAdded: (op: OperatorView) => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorView['role']>('cashier');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ready = name.trim() !== '' && PIN.test(pin);

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!ready) return;
    const r = await guard(() => client.call('operators.add', { name: name.trim(), role, pin }));
    if (r.ok) {
      setName('');
      setPin('');
      setProblem(null);
      onAdded(r.value);
      announce('operator-added', { operatorId: r.value.id, role: r.value.role });
    } else setProblem(msg(r.error.message));
  }

  return (
    <form className="operator-add" onSubmit={(e) => void add(e)} aria-labelledby="operator-add-title">
      <h3 id="operator-add-title">{t('ui.settings.addOperator')}</h3>
      <div className="inline-form">
        <label className="field">
          <span>{t('ui.settings.operatorName')}</span>
          <input value={name} maxLength={40} autoComplete="off" onChange={(e) => setName(e.target.value)} data-testid="operator-name-input" />
        </label>
        <label className="field">
          <span>{t('ui.settings.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value === 'manager' ? 'manager' : 'cashier')} data-testid="operator-role">
            <option value="cashier">{t('ui.settings.role.cashier')}</option>
            <option value="manager">{t('ui.settings.role.manager')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('ui.settings.pin')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/[^\d]/g, ''))}
            aria-describedby="operator-pin-hint"
            data-testid="operator-pin"
          />
          <span id="operator-pin-hint" className="hint">
            {t('ui.settings.pinHint')}
          </span>
        </label>
        <button type="submit" className="button primary" disabled={!ready} data-testid="operator-add">
          {t('ui.settings.add')}
        </button>
      </div>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
