/** A kiosk's clock skew in words-ready parts: sign, minutes and seconds, and whether it breaks the 5-minute rule. */
import { SKEW_MS } from '../overview/overview-figures.js';

export function skewParts(ms: number): { ahead: boolean; minutes: number; seconds: number; tooFar: boolean } {
  const abs = Math.abs(ms);
  const totalSeconds = Math.round(abs / 1000);
  return { ahead: ms > 0, minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60, tooFar: abs > SKEW_MS };
}
