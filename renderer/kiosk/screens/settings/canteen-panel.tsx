/**
 * The canteen this kiosk serves, read-only: its name, the kiosk's device id (which numbers its
 * ledger) and the time zone of its service dates. They are set once at set-up (`zhucan setup`) and
 * come from the district at enrolment, never edited here: the ledger is numbered under them.
 */
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { useT } from '../../../ui/i18n.js';

export function CanteenPanel({ session }: { session: SessionView }) {
  const { t } = useT();
  return (
    <section aria-labelledby="canteen-title" data-testid="canteen-panel">
      <h2 id="canteen-title">{t('ui.settings.canteen')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('ui.settings.canteenName')}</dt>
          <dd>{session.canteenName}</dd>
        </div>
        <div>
          <dt>{t('ui.settings.deviceId')}</dt>
          <dd className="mono">{session.deviceId}</dd>
        </div>
        <div>
          <dt>{t('ui.settings.timeZone')}</dt>
          <dd>{session.timeZone}</dd>
        </div>
      </dl>
      <p className="hint">{t('ui.settings.canteenHint')}</p>
    </section>
  );
}
