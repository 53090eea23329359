/**
 * A new canteen (admin): name, region code (county 6 digits or town 9: the town decides which
 * budgets pay), address, operator. The form checks what it can before sending; the hub decides the
 * rest (a name already used in the district) and its words are shown as they come.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { CanteenView } from '../../../../shared/hub-api/routes.js';
import { useT } from '../../../ui/i18n.js';
import { createCanteen } from '../../api/canteens-api.js';
import { useHub } from '../../app/hub-context.js';
import { Problem } from '../../parts/load-state.js';

const REGION_CODE = /^[0-9]{6}([0-9]{3})?$/;

export function CanteenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (c: CanteenView) => void }) {
  const { client, session } = useHub();
  const { t } = useT();
  const [name, setName] = useState('');
  const [regionCode, setRegionCode] = useState(session.account.district.regionCode);
  const [address, setAddress] = useState('');
  const [operatorName, setOperatorName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [badField, setBadField] = useState<'name' | 'regionCode' | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (name.trim() === '') {
      setBadField('name');
      return setProblem(t('district.canteen.nameNeeded'));
    }
    if (!REGION_CODE.test(regionCode)) {
      setBadField('regionCode');
      return setProblem(t('district.canteen.regionCodeShape'));
    }
    setBadField(null);
    setBusy(true);
    const r = await createCanteen(client, { name: name.trim(), regionCode, address: address.trim(), operatorName: operatorName.trim() });
    setBusy(false);
    if (r.ok) onCreated(r.value);
    else setProblem(r.error.message);
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="canteen-form-title" noValidate data-testid="canteen-form">
      <h2 id="canteen-form-title">{t('district.canteens.add')}</h2>
      <div className="form-grid">
        <label className="field">
          <span>{t('district.canteen.name')}</span>
          <input ref={first} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required aria-invalid={badField === 'name'} data-testid="canteen-name" />
        </label>
        <label className="field">
          <span>{t('district.canteen.regionCode')}</span>
          <input
            value={regionCode}
            onChange={(e) => setRegionCode(e.target.value.trim())}
            inputMode="numeric"
            maxLength={9}
            required
            aria-invalid={badField === 'regionCode'}
            aria-describedby="region-hint"
            data-testid="canteen-region"
          />
          <span id="region-hint" className="hint">
            {t('district.canteen.regionHint')}
          </span>
        </label>
        <label className="field">
          <span>{t('district.canteen.address')}</span>
          <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={500} data-testid="canteen-address" />
        </label>
        <label className="field">
          <span>{t('district.canteen.operator')}</span>
          <input value={operatorName} onChange={(e) => setOperatorName(e.target.value)} maxLength={200} data-testid="canteen-operator" />
        </label>
      </div>
      <Problem text={problem} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('district.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy} data-testid="canteen-create">
          {t('district.canteen.create')}
        </button>
      </div>
    </form>
  );
}
