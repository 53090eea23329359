/**
 * The inputs of the policy form. Each is bound to one path of the draft and shows, right under it,
 * the problems the checks found at that path (linked by aria-describedby, so a screen reader reads
 * the problem with the field). Each keeps its own text while typing: "12." is on its way to 12.50,
 * not something to reformat under the cursor.
 */
import { useState } from 'react';
import { useT } from '../../../ui/i18n.js';
import type { FieldProblem } from '../../../../shared/hub-api/policy-views.js';
import type { Draft, Json, PathPart } from './draft-model.js';
import { draftToInt, draftToPercent, draftToYuan, intToDraft, pathText, percentToDraft, problemsAt, setAt, yuanToDraft } from './draft-model.js';
import { dropIfEmpty, toggleIn } from './draft-edits.js';

export interface FieldBinding {
  readonly value: (path: readonly PathPart[]) => Json | undefined;
  readonly set: (path: readonly PathPart[], value: Json | undefined) => void;
  /** A change of the draft's shape (draft-edits.ts): a list item added, a choice ticked. */
  readonly edit: (change: (draft: Draft) => Draft) => void;
  readonly problems: readonly FieldProblem[];
}

/**
 * The binding of an optional group (a tier's conditions, the operator subsidy): every change made
 * through it leaves the group out of the draft when nothing is left in it, as if never set.
 */
export function groupBinding(binding: FieldBinding, group: readonly PathPart[]): FieldBinding {
  return {
    value: binding.value,
    problems: binding.problems,
    edit: (change) => binding.edit((d) => dropIfEmpty(change(d), group)),
    set: (path, value) => binding.edit((d) => dropIfEmpty(setAt(d, path, value) as Draft, group)),
  };
}

/** A name in the reader's language: the English one where the policy gives it. */
export function named(locale: string, item: { readonly name: string; readonly nameEn?: string | undefined }): string {
  return locale === 'en' ? (item.nameEn ?? item.name) : item.name;
}

/** A DOM id from a path: tiers[0].benefits[1].amount → f-tiers-0-benefits-1-amount. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

export function FieldProblems({ problems, id }: { problems: readonly FieldProblem[]; id: string }) {
  const { locale } = useT();
  if (problems.length === 0) return null;
  return (
    <ul className="banner error" id={id} data-testid="field-problem">
      {problems.map((p, i) => (
        <li key={i}>{p[locale]}</li>
      ))}
    </ul>
  );
}

type Kind = 'yuan' | 'int' | 'percent';

const CONVERT: Readonly<Record<Kind, { to: (text: string) => Json | undefined; from: (value: Json | undefined) => string; mode: 'decimal' | 'numeric' }>> = {
  yuan: { to: yuanToDraft, from: draftToYuan, mode: 'decimal' },
  int: { to: intToDraft, from: draftToInt, mode: 'numeric' },
  percent: { to: percentToDraft, from: draftToPercent, mode: 'decimal' },
};

/** A number field: yuan (stored as fen), a whole number, or a percent (stored as basis points). */
export function NumberField({ binding, path, label, kind, unit }: { binding: FieldBinding; path: readonly PathPart[]; label: string; kind: Kind; unit?: string }) {
  const convert = CONVERT[kind];
  const [text, setText] = useState(() => convert.from(binding.value(path)));
  const where = pathText(path);
  const id = fieldId(where);
  const mine = problemsAt(binding.problems, where);
  return (
    <label className="field" htmlFor={id}>
      <span>
        {label}
        {unit === undefined ? '' : ` (${unit})`}
      </span>
      <input
        id={id}
        value={text}
        inputMode={convert.mode}
        onChange={(e) => {
          setText(e.target.value);
          binding.set(path, convert.to(e.target.value));
        }}
        aria-invalid={mine.length > 0}
        aria-describedby={mine.length > 0 ? `${id}-problem` : undefined}
        data-path={where}
      />
      <FieldProblems problems={mine} id={`${id}-problem`} />
    </label>
  );
}

/** A line of text (a tier's id or name); emptied, it leaves the key out and the check names what is missing. */
export function TextField({ binding, path, label, hint, mono }: { binding: FieldBinding; path: readonly PathPart[]; label: string; hint?: string; mono?: boolean }) {
  const value = binding.value(path);
  const where = pathText(path);
  const id = fieldId(where);
  const mine = problemsAt(binding.problems, where);
  const described = [hint === undefined ? null : `${id}-hint`, mine.length > 0 ? `${id}-problem` : null].filter((x) => x !== null).join(' ');
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        className={mono === true ? 'mono' : undefined}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => binding.set(path, e.target.value === '' ? undefined : e.target.value)}
        aria-invalid={mine.length > 0}
        aria-describedby={described === '' ? undefined : described}
        data-path={where}
      />
      {hint !== undefined && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <FieldProblems problems={mine} id={`${id}-problem`} />
    </label>
  );
}

/** A set of choices as checkboxes (statuses, meal periods): none ticked leaves the key out. */
export function CheckList({ binding, path, legend, choices }: { binding: FieldBinding; path: readonly PathPart[]; legend: string; choices: readonly { readonly value: string; readonly label: string }[] }) {
  const current = binding.value(path);
  const chosen = new Set(Array.isArray(current) ? (current as readonly Json[]).filter((c): c is string => typeof c === 'string') : []);
  const where = pathText(path);
  const mine = problemsAt(binding.problems, where);
  const order = choices.map((c) => c.value);
  return (
    <fieldset className="checks" aria-describedby={mine.length > 0 ? `${fieldId(where)}-problem` : undefined} data-path={where}>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.value} className="check">
          <input type="checkbox" checked={chosen.has(c.value)} onChange={(e) => binding.edit((d) => toggleIn(d, path, c.value, e.target.checked, order))} value={c.value} /> {c.label}
        </label>
      ))}
      <FieldProblems problems={mine} id={`${fieldId(where)}-problem`} />
    </fieldset>
  );
}

/** One of a fixed set of values, as the schema lists them. */
export function Choice({ binding, path, label, options, empty }: { binding: FieldBinding; path: readonly PathPart[]; label: string; options: readonly { readonly value: string; readonly label: string }[]; empty?: string }) {
  const value = binding.value(path);
  const where = pathText(path);
  const id = fieldId(where);
  const mine = problemsAt(binding.problems, where);
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => binding.set(path, e.target.value === '' ? undefined : e.target.value)} aria-invalid={mine.length > 0} aria-describedby={mine.length > 0 ? `${id}-problem` : undefined} data-path={where}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldProblems problems={mine} id={`${id}-problem`} />
    </label>
  );
}
