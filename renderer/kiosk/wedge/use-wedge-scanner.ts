/**
 * React hook for keyboard-wedge scanning: installs the window listener while the component is mounted.
 * The listener is installed once; settings and callbacks are read through refs, so a screen passing a new
 * callback each render does not tear the listener down (which would drop a scan half-way through).
 * `settings` is the kiosk's WedgeSettings (only the fields that define a scan are read).
 */
import { useEffect, useRef } from 'react';
import type { ScanRules } from './scan-detector.js';
import { installWedgeListener } from './wedge-listener.js';

export function useWedgeScanner(settings: ScanRules, onScan: (text: string) => void, onTyped?: (text: string) => void): void {
  const settingsRef = useRef(settings);
  const onScanRef = useRef(onScan);
  const onTypedRef = useRef(onTyped);

  // Refs are written after render, not during it (React may render and then discard).
  useEffect(() => {
    settingsRef.current = settings;
    onScanRef.current = onScan;
    onTypedRef.current = onTyped;
  });

  useEffect(
    () =>
      installWedgeListener(
        window,
        () => settingsRef.current,
        (text) => onScanRef.current(text),
        (text) => onTypedRef.current?.(text),
      ),
    [],
  );
}
