/**
 * An anomaly's sentence for district staff, from its kind and figures: key 'hub.anomaly.<kind>'
 * with parameters from the row itself (canteen, device, date) and the scalar figures of its details.
 * Rendered in both languages here so lists, exports and the CLI show the same words.
 */
import { render } from '../../shared/i18n/index.js';
import type { Params } from '../../shared/i18n/index.js';
import type { AnomalyKind, BilingualText } from '../../shared/hub-api/counting-views.js';

export interface AnomalyFacts {
  readonly kind: AnomalyKind;
  readonly canteenName: string | null;
  readonly deviceId: string | null;
  readonly serviceDate: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export function anomalyMessage(a: AnomalyFacts): BilingualText {
  const params: Record<string, string | number> = {
    canteen: a.canteenName ?? '—',
    device: a.deviceId ?? '—',
    date: a.serviceDate ?? '—',
  };
  // Details are written by the hub itself (ingest, detection); only their scalars can be words.
  for (const [name, value] of Object.entries(a.details)) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) params[name] = value;
  }
  // The edit check says which population it compared with: the roster, or the stand-in of a district
  // that has no roster yet (details.basis, written by detect-edit-check.ts).
  const key = a.kind === 'editCheck' && a.details['basis'] === 'roster' ? 'hub.anomaly.editCheckRoster' : `hub.anomaly.${a.kind}`;
  const p: Params = params;
  return { key, params: p, 'zh-CN': render({ key, params: p }, 'zh-CN'), en: render({ key, params: p }, 'en') };
}
