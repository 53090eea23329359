/**
 * A PIN entry for a touch screen and a numeric keypad alike: big digit buttons and a password field
 * that also takes typed digits. Enter (or 确定) submits.
 */
import { useState } from 'react';
import { useT } from '../../ui/i18n.js';

export function PinPad({ label, onSubmit, problem }: { label: string; onSubmit: (pin: string) => void; problem: string | null }) {
  const { t } = useT();
  const [pin, setPin] = useState('');
  const press = (d: string): void => setPin((p) => (p.length < 8 ? p + d : p));
  function submit(): void {
    if (pin.length === 0) return;
    onSubmit(pin);
    setPin('');
  }
  return (
    <form
      className="pin-pad"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="field">
        <span>{label}</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          value={pin}
          maxLength={8}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
          data-testid="pin-input"
        />
      </label>
      {problem !== null && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="pin-key" onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="pin-key" onClick={() => setPin('')} aria-label={t('ui.pin.clear')}>
          {t('ui.pin.clearShort')}
        </button>
        <button type="button" className="pin-key" onClick={() => press('0')}>
          0
        </button>
        <button type="submit" className="pin-key ok">
          {t('ui.ok')}
        </button>
      </div>
    </form>
  );
}
