/**
 * The inputs of the policy form. Each is bound to one path of the draft and shows, right under it,
 * the problems the checks found at that path (linked by aria-describedby, so a screen reader reads
 * the problem with the field). Each keeps its own text while typing: "12." is on its way to 12.50,
 * not something to reformat under the cursor.
 */
import { useState } from 'react';
import { useT } from '../../../ui/i18n.js';
import type { FieldProblem } from '../../../../shared/hub-api/policy-views.js';
import type { Json, PathPart } from './draft-model.js';
import { draftToInt, draftToPercent, draftToYuan, intToDraft, pathText, percentToDraft, problemsAt, yuanToDraft } from './draft-model.js';

export interface FieldBinding {
  readonly value: (path: readonly PathPart[]) => Json | undefined;
  readonly set: (path: readonly PathPart[], value: Json | undefined) => void;
  readonly problems: readonly FieldProblem[];
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
