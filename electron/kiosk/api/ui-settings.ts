/**
 * The screen's settings (language, lock time, wedge timing, speech and sounds), kept in the kiosk's
 * settings table as one JSON value and read back through zod: a damaged value falls back to the
 * defaults instead of leaving the kiosk without a screen.
 */
import type { UiSettings } from '../../../shared/kiosk-api/views.js';
import { DEFAULT_UI_SETTINGS, uiSettingsSchema } from '../../../shared/kiosk-api/views.js';
import { getSetting, setSetting } from '../settings.js';
import type { ReadHandle, WriteTx } from '../store/open.js';

const KEY = 'ui_settings';

export function loadUiSettings(read: ReadHandle): UiSettings {
  const raw = getSetting(read, KEY);
  if (raw === null) return DEFAULT_UI_SETTINGS;
  try {
    // Settings saved by an older version may lack newer fields: those take their defaults.
    const parsed = uiSettingsSchema.safeParse({ ...DEFAULT_UI_SETTINGS, ...(JSON.parse(raw) as object) });
    return parsed.success ? parsed.data : DEFAULT_UI_SETTINGS;
  } catch {
    return DEFAULT_UI_SETTINGS;
  }
}

export function saveUiSettings(tx: WriteTx, settings: UiSettings): void {
  setSetting(tx, KEY, JSON.stringify(uiSettingsSchema.parse(settings)));
}
