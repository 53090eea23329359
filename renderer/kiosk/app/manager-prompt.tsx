/**
 * Manager actions during a cashier's shift: when the back end answers 'forbidden', ask for a
 * manager's PIN (session.elevate) and try the action once more. The elevation lasts until the lock or
 * the end of the shift; the back end, not this dialog, decides who may do what.
 */
import { createContext, useCallback, useContext, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { OperatorView } from '../../../shared/kiosk-api/views.js';
import { useT } from '../../ui/i18n.js';
import { PinPad } from '../screens/pin-pad.js';
import { useKiosk } from './kiosk-client-context.js';

type Guard = <T>(action: () => Promise<ApiResult<T>>) => Promise<ApiResult<T>>;

const ManagerContext = createContext<Guard>((action) => action());

export function useManagerGuard(): Guard {
  return useContext(ManagerContext);
}

export function ManagerPromptProvider({ children }: { children: ReactNode }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [asking, setAsking] = useState(false);
  const [managers, setManagers] = useState<OperatorView[]>([]);
  const [managerId, setManagerId] = useState<string>('');
  const [problem, setProblem] = useState<string | null>(null);
  const settle = useRef<((ok: boolean) => void) | null>(null);

  // One prompt at a time: a second manager action while the PIN is being asked waits for that answer
  // (and then retries, elevated or not) instead of opening a prompt nobody can reach.
  const pending = useRef<Promise<boolean> | null>(null);

  const ask = useCallback(async (): Promise<boolean> => {
    const ops = await client.call('session.operators', {});
    const list = ops.ok ? ops.value.filter((o) => o.role === 'manager') : [];
    setManagers(list);
    setManagerId(list[0]?.id ?? '');
    setProblem(null);
    setAsking(true);
    const granted = await new Promise<boolean>((resolve) => {
      settle.current = resolve;
    });
    settle.current = null;
    setAsking(false);
    return granted;
  }, [client]);

  const guard: Guard = useCallback(
    async (action) => {
      const first = await action();
      if (first.ok || first.error.kind !== 'forbidden') return first;
      if (pending.current === null) {
        pending.current = ask().finally(() => {
          pending.current = null;
        });
      }
      const granted = await pending.current;
      return granted ? action() : first;
    },
    [ask],
  );

  async function submit(pin: string): Promise<void> {
    const r = await client.call('session.elevate', { operatorId: managerId, pin });
    if (r.ok) settle.current?.(true);
    else setProblem(msg(r.error.message));
  }

  return (
    <ManagerContext.Provider value={guard}>
      {children}
      {asking && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-labelledby="manager-title">
            <h2 id="manager-title">{t('ui.manager.title')}</h2>
            <p>{t('ui.manager.why')}</p>
            <label className="field">
              <span>{t('ui.manager.who')}</span>
              <select value={managerId} onChange={(e) => setManagerId(e.target.value)}>
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <PinPad label={t('ui.pin')} onSubmit={(pin) => void submit(pin)} problem={problem} />
            <button type="button" className="button secondary" onClick={() => settle.current?.(false)}>
              {t('ui.cancel')}
            </button>
          </div>
        </div>
      )}
    </ManagerContext.Provider>
  );
}
