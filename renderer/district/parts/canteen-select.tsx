/** A filter's canteen: all of the district's, or one of them (the list from the hub). */
import { useT } from '../../ui/i18n.js';
import { listCanteens } from '../api/canteens-api.js';
import { useHub } from '../app/hub-context.js';
import { useLoad } from '../app/use-load.js';

export function CanteenSelect({ value, onChange, testId }: { value: number | null; onChange: (id: number | null) => void; testId: string }) {
  const { client } = useHub();
  const { t } = useT();
  const { loaded } = useLoad(() => listCanteens(client), [client]);
  const canteens = loaded.state === 'ready' ? loaded.value.canteens : [];
  return (
    <label className="field">
      <span>{t('district.filter.canteen')}</span>
      <select value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} data-testid={testId}>
        <option value="">{t('district.filter.allCanteens')}</option>
        {canteens.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
