/**
 * Locks the screen after `minutes` without a touch, click or key (0 = never). The back end also
 * locks by its own count, so a screen that died cannot leave a shift open; this one says so at once.
 */
import { useEffect } from 'react';

/**
 * What counts as someone at the kiosk. A card swipe is caught by the wedge listener, which hides its
 * keys from every other listener, so the screen's own announcements of a check-in or sale count too:
 * a lunch rush of swipes alone must never lock the screen.
 */
const EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'zhucan:checkin', 'zhucan:sale'] as const;

export function useIdleLock(minutes: number, active: boolean, lock: () => void): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer = setTimeout(lock, minutes * 60_000);
    const reset = (): void => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    for (const e of EVENTS) window.addEventListener(e, reset, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of EVENTS) window.removeEventListener(e, reset, { capture: true });
    };
  }, [minutes, active, lock]);
}
