/** The kiosk's operators: who may sign in, with which role; disable one who left, add a new one. */
import { useState } from 'react';
import type { OperatorView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { OperatorAddForm } from './operator-add-form.js';

export function OperatorsPanel({ initial }: { initial: readonly OperatorView[] }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [operators, setOperators] = useState<readonly OperatorView[]>(initial);
  const [problem, setProblem] = useState<string | null>(null);

  async function setActive(op: OperatorView, active: boolean): Promise<void> {
    const r = await guard(() => client.call('operators.setActive', { operatorId: op.id, active }));
    if (r.ok) {
      setProblem(null);
      setOperators((list) => list.map((o) => (o.id === r.value.id ? r.value : o)));
      announce('operator-active', { operatorId: op.id, active: r.value.active });
    } else setProblem(msg(r.error.message));
  }

  return (
    <section aria-labelledby="operators-title" data-testid="operators-panel">
      <h2 id="operators-title">{t('ui.settings.operators')}</h2>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('ui.settings.operatorName')}</th>
            <th scope="col">{t('ui.settings.role')}</th>
            <th scope="col">{t('ui.roster.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('ui.settings.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {operators.map((o) => (
            <tr key={o.id} data-testid="operator-row" className={o.active ? '' : 'suspended'}>
              <th scope="row">{o.name}</th>
              <td>{t(`ui.settings.role.${o.role}`)}</td>
              <td>{o.active ? t('ui.settings.enabled') : t('ui.settings.disabled')}</td>
              <td>
                <button type="button" className={`button small ${o.active ? 'secondary' : ''}`} onClick={() => void setActive(o, !o.active)}>
                  {o.active ? t('ui.settings.disable') : t('ui.settings.enable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <OperatorAddForm onAdded={(op) => setOperators((list) => [...list, op])} />
    </section>
  );
}
