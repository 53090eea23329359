/**
 * An anomaly's words in the screen's language: the hub sends both renderings of its message (so
 * lists and exports agree with the screen), and the screen picks one.
 */
import type { BilingualText } from '../../../../shared/hub-api/counting-views.js';
import type { Locale } from '../../../../shared/i18n/text.js';

export function textIn(text: BilingualText, locale: Locale): string {
  return text[locale];
}
