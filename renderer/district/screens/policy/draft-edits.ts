/**
 * Edits of the draft's shape, as the policy form makes them: a tier added or removed, an item of a
 * list (a residency rule, a date) added or removed, a set of choices (periods, statuses) ticked, an
 * optional group (conditions, the operator subsidy) dropped when nothing is left in it. Pure, on the
 * plain JSON draft (draft-model.ts), so the JSON editor shows exactly what the form did and the
 * policy schema — not these functions — decides what is valid.
 */
import type { Draft, Json, PathPart } from './draft-model.js';
import { getAt, setAt } from './draft-model.js';

export type BenefitKind = 'fixedSubsidy' | 'fixedPersonal' | 'discount';

/** A value of the draft as a list: itself when it is one, else none (an absent optional list). */
export function listOf(value: Json | undefined): readonly Json[] {
  return Array.isArray(value) ? (value as readonly Json[]) : [];
}

function listAt(draft: Draft, path: readonly PathPart[]): readonly Json[] {
  return listOf(getAt(draft, path));
}

/** A copy with `path` set; `undefined` removes the key. */
function put(draft: Draft, path: readonly PathPart[], value: Json | undefined): Draft {
  return setAt(draft, path, value) as Draft;
}

/**
 * A new tier for the district to fill in: its id, name, who and amount are left out on purpose, so the
 * check names each one beside its field instead of a made-up value being published by mistake. One
 * benefit of the chosen kind, paid wholly by the chosen budget (its `rest`).
 */
export function newTier(kind: BenefitKind, source: string): Json {
  return { who: [{}], benefits: [{ kind, funding: [{ source, rest: true }] }] };
}

/** The draft with `item` last in the list at `path` (the list made when there is none). */
export function appendAt(draft: Draft, path: readonly PathPart[], item: Json): Draft {
  return put(draft, path, [...listAt(draft, path), item]);
}

/** The draft without item `index` of the list at `path`; an emptied list is left out when `dropEmpty`. */
export function removeAt(draft: Draft, path: readonly PathPart[], index: number, dropEmpty: boolean): Draft {
  const rest = listAt(draft, path).filter((_, i) => i !== index);
  return put(draft, path, rest.length === 0 && dropEmpty ? undefined : rest);
}

/**
 * A choice ticked or cleared in a set of choices (`order`: every choice in the order the form shows
 * them), kept in that order; none ticked leaves the key out — the schema's lists of choices are
 * "at least one" when present, and absent means "no such restriction".
 */
export function toggleIn(draft: Draft, path: readonly PathPart[], choice: string, on: boolean, order: readonly string[]): Draft {
  const now = new Set(listAt(draft, path).filter((c): c is string => typeof c === 'string'));
  if (on) now.add(choice);
  else now.delete(choice);
  const next = order.filter((c) => now.has(c));
  // Values the form does not offer (typed in the JSON editor) stay, after the offered ones.
  const other = [...now].filter((c) => !order.includes(c));
  const all = [...next, ...other];
  return put(draft, path, all.length === 0 ? undefined : all);
}

/** The chosen choices at `path` (strings only; anything else is the JSON editor's to show). */
export function chosenAt(draft: Draft, path: readonly PathPart[]): string[] {
  return listAt(draft, path).filter((c): c is string => typeof c === 'string');
}

/** A date added to a list of dates, kept in calendar order and once only (a calendar is a set of days). */
export function addDate(draft: Draft, path: readonly PathPart[], date: string): Draft {
  const dates = chosenAt(draft, path);
  if (dates.includes(date)) return draft;
  return put(draft, path, [...dates, date].sort());
}

/** A flag that means something only when true (`workdaysOnly`, `excludeCareHome`): false leaves it out, as the format reads it. */
export function setFlag(draft: Draft, path: readonly PathPart[], on: boolean): Draft {
  return put(draft, path, on ? true : undefined);
}

/**
 * The draft without an optional group at `path` that has nothing left in it (a tier's conditions
 * after its last condition was cleared): `{}` and absent mean the same, and absent is what a person
 * who never set a condition would have written.
 */
export function dropIfEmpty(draft: Draft, path: readonly PathPart[]): Draft {
  const here = getAt(draft, path);
  const empty = here !== null && typeof here === 'object' && !Array.isArray(here) && Object.keys(here).length === 0;
  return empty ? put(draft, path, undefined) : draft;
}
