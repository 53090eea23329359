/** The settings form's working copy: numbers kept as typed text until saved. */
import type { UiSettings, WedgeSettings } from '../../../../shared/kiosk-api/views.js';
import { inBounds } from './number-field.js';

export interface SettingsDraft {
  lockMinutes: string;
  speech: boolean;
  sounds: boolean;
  volume: string;
  maxGapMs: string;
  minLength: string;
  prefix: string;
  suffix: string;
  uidFormat: WedgeSettings['uidFormat'];
}

export type NumberKey = 'lockMinutes' | 'volume' | 'maxGapMs' | 'minLength';

/** The bounds of uiSettingsSchema, stated again so the form can say them before saving. */
export const BOUNDS: Readonly<Record<NumberKey, readonly [number, number]>> = {
  lockMinutes: [0, 240],
  volume: [0, 100],
  maxGapMs: [5, 200],
  minLength: [2, 64],
};

export const UID_FORMATS: readonly WedgeSettings['uidFormat'][] = ['dec10', 'hex', 'hexReversed', 'wiegand26'];

export function draftOf(s: UiSettings): SettingsDraft {
  return {
    lockMinutes: String(s.lockMinutes),
    speech: s.speech,
    sounds: s.sounds,
    volume: String(s.volume),
    maxGapMs: String(s.wedge.maxGapMs),
    minLength: String(s.wedge.minLength),
    prefix: s.wedge.prefix,
    suffix: s.wedge.suffix,
    uidFormat: s.wedge.uidFormat,
  };
}

export function draftValid(d: SettingsDraft): boolean {
  return (Object.keys(BOUNDS) as NumberKey[]).every((k) => {
    const [min, max] = BOUNDS[k];
    return inBounds(d[k], min, max);
  });
}

/** The draft as settings; the language is the session's (switched on its own, at once). */
export function settingsOf(d: SettingsDraft, locale: UiSettings['locale']): UiSettings {
  return {
    locale,
    lockMinutes: Number(d.lockMinutes),
    speech: d.speech,
    sounds: d.sounds,
    volume: Number(d.volume),
    wedge: { maxGapMs: Number(d.maxGapMs), minLength: Number(d.minLength), prefix: d.prefix, suffix: d.suffix, uidFormat: d.uidFormat },
  };
}
