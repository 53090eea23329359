/**
 * The policy's calendar (docs/policy.md §4.5): the public holidays on which a `workdaysOnly` meal is
 * not subsidised, and the make-up workdays (调休上班) on a Saturday or Sunday on which it is. The
 * State Council publishes both each year; the district copies them here, a date at a time. The
 * schema refuses a date that is in both lists, beside the date.
 */
import { useState } from 'react';
import { useT } from '../../../ui/i18n.js';
import { addDate, listOf, removeAt } from './draft-edits.js';
import type { PathPart } from './draft-model.js';
import { pathText, problemsAt } from './draft-model.js';
import { fieldId, FieldProblems } from './policy-fields.js';
import type { FieldBinding } from './policy-fields.js';

export function CalendarFields({ binding }: { binding: FieldBinding }) {
  const { t } = useT();
  return (
    <fieldset className="panel" data-testid="draft-calendar">
      <legend>{t('district.policy.calendar')}</legend>
      <p className="hint">{t('district.policy.calendarHint')}</p>
      <div className="form-grid">
        <DateList binding={binding} path={['calendar', 'holidays']} label={t('district.policy.holidays')} />
        <DateList binding={binding} path={['calendar', 'workdays']} label={t('district.policy.workdays')} />
      </div>
    </fieldset>
  );
}

function DateList({ binding, path, label }: { binding: FieldBinding; path: readonly PathPart[]; label: string }) {
  const { t } = useT();
  const [date, setDate] = useState('');
  const where = pathText(path);
  const id = fieldId(where);
  // Every entry of the draft's list, at its index there (a problem names the index); a value that is
  // not a date string (typed in the JSON editor) is shown as JSON, beside the schema's word on it.
  const dates = listOf(binding.value(path)).map((d) => (typeof d === 'string' ? d : JSON.stringify(d)));
  const whole = binding.problems.filter((p) => p.path === where);
  return (
    <fieldset className="list-edit" data-testid={id}>
      <legend>{label}</legend>
      {dates.length === 0 ? (
        <p className="hint">{t('district.policy.noDates')}</p>
      ) : (
        <ul className="date-list">
          {dates.map((d, i) => {
            const mine = problemsAt(binding.problems, pathText([...path, i]));
            return (
              <li key={`${i}-${d}`} data-path={pathText([...path, i])}>
                <span className="mono">{d}</span>{' '}
                <button type="button" className="button secondary small" onClick={() => binding.edit((x) => removeAt(x, path, i, false))} aria-describedby={mine.length > 0 ? `${id}-${i}-problem` : undefined}>
                  {t('district.policy.removeDate', { date: d })}
                </button>
                <FieldProblems problems={mine} id={`${id}-${i}-problem`} />
              </li>
            );
          })}
        </ul>
      )}
      <div className="inline-form">
        <label className="field" htmlFor={`${id}-new`}>
          <span>{t('district.policy.dateToAdd')}</span>
          <input id={`${id}-new`} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid={`${id}-new`} />
        </label>
        <button
          type="button"
          className="button secondary"
          disabled={date === ''}
          onClick={() => {
            binding.edit((x) => addDate(x, path, date));
            setDate('');
          }}
          data-testid={`${id}-add`}
        >
          {t('district.policy.addDate')}
        </button>
      </div>
      <FieldProblems problems={whole} id={`${id}-problem`} />
    </fieldset>
  );
}
