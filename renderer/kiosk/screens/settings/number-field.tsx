/**
 * A whole number within bounds. The text is kept as typed (an emptied field is not 0), and the
 * bounds are stated beside it; the form refuses to save while a field is out of them.
 */
import { useT } from '../../../ui/i18n.js';

export function NumberField({ label, value, min, max, onChange, testId }: { label: string; value: string; min: number; max: number; onChange: (v: string) => void; testId: string }) {
  const { t } = useT();
  const bad = !inBounds(value, min, max);
  const hintId = `${testId}-hint`;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/[^\d]/g, ''))}
        aria-invalid={bad}
        aria-describedby={hintId}
        data-testid={testId}
      />
      <span id={hintId} className={bad ? 'problem' : 'hint'}>
        {t('ui.settings.between', { min, max })}
      </span>
    </label>
  );
}

export function inBounds(value: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(value)) return false;
  const n = Number(value);
  return n >= min && n <= max;
}
