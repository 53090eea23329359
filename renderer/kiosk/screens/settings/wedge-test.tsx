/**
 * "Scan here": the scan detector run with the settings being edited (not the saved ones), showing
 * what it caught, so the manager can tune timing, prefix and suffix with the real reader before
 * saving. Nothing is checked in: the check-in screen's scanner is not mounted while this screen is.
 * Typing in the box beside it shows that a person's keys are not taken for a scan.
 */
import { useState } from 'react';
import type { ScanRules } from '../../wedge/scan-detector.js';
import { useWedgeScanner } from '../../wedge/use-wedge-scanner.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';

export function WedgeTest({ rules }: { rules: ScanRules }) {
  const { t } = useT();
  const [scans, setScans] = useState<readonly string[]>([]);
  const [typed, setTyped] = useState('');
  useWedgeScanner(rules, (text) => {
    setScans((s) => [text, ...s].slice(0, 5));
    announce('wedge-test', { text });
  });
  const last = scans[0];
  return (
    <div className="wedge-test" data-testid="wedge-test">
      <p className="swipe-here">{t('ui.settings.wedgeTestNow')}</p>
      <p role="status" aria-live="polite" className="wedge-caught">
        {last === undefined ? (
          t('ui.settings.wedgeNothing')
        ) : (
          <>
            {t('ui.settings.wedgeCaught')} <strong className="mono" data-testid="wedge-test-result">{last}</strong> {t('ui.settings.wedgeLength', { n: [...last].length })}
          </>
        )}
      </p>
      {scans.length > 1 && (
        <ol className="wedge-earlier" aria-label={t('ui.settings.wedgeEarlier')}>
          {scans.slice(1).map((s, i) => (
            <li key={i} className="mono">
              {s}
            </li>
          ))}
        </ol>
      )}
      <label className="field">
        <span>{t('ui.settings.wedgeType')}</span>
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="wedge-test-typed" />
      </label>
    </div>
  );
}
