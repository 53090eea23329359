/**
 * One canteen: its facts, its kiosks (last upload, chain head, clock skew; an admin may revoke one —
 * a stolen or replaced kiosk — after confirming) and, for an admin, a new enrolment code.
 */
import { useEffect, useState } from 'react';
import type { DeviceView } from '../../../../shared/hub-api/routes.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { canteenDetail, revokeDevice } from '../../api/canteens-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { routeHash } from '../../app/routes.js';
import { useLoad } from '../../app/use-load.js';
import { ConfirmDialog } from '../../parts/confirm-dialog.js';
import { LoadState, Problem } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { EnrolmentCode } from './enrolment-code.js';
import { skewParts } from './skew.js';

export function CanteenScreen({ id }: { id: number }) {
  const { client, isAdmin, say } = useHub();
  const { t } = useT();
  const { loaded, reload } = useLoad(() => canteenDetail(client, id), [client, id]);
  const [revoking, setRevoking] = useState<DeviceView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const detail = loaded.state === 'ready' ? loaded.value : null;

  useEffect(() => {
    if (detail !== null) announce('canteen', { id, devices: detail.devices.length });
  }, [detail]);

  async function revoke(device: DeviceView): Promise<void> {
    setBusy(true);
    const r = await revokeDevice(client, device.deviceId);
    setBusy(false);
    setRevoking(null);
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    setProblem(null);
    say(t('district.device.revokedSaid', { device: device.deviceId }));
    announce('device-revoked', { deviceId: device.deviceId });
    reload();
  }

  const c = detail?.canteen ?? null;
  return (
    <main aria-labelledby="canteen-title" className="screen">
      <p>
        <a href={routeHash({ screen: 'canteens', id: null })}>{t('district.canteen.back')}</a>
      </p>
      <ScreenTitle id="canteen-title">{c?.name ?? t('district.canteen.title', { id })}</ScreenTitle>
      <LoadState loaded={loaded} onRetry={reload} />
      {c !== null && detail !== null && (
        <>
          <dl className="facts">
            <dt>{t('district.canteen.regionCode')}</dt>
            <dd className="mono">{c.regionCode}</dd>
            <dt>{t('district.canteen.address')}</dt>
            <dd>{c.address === '' ? '–' : c.address}</dd>
            <dt>{t('district.canteen.operator')}</dt>
            <dd>{c.operatorName === '' ? '–' : c.operatorName}</dd>
            <dt>{t('district.canteen.created')}</dt>
            <dd>{localDateTime(c.createdAt)}</dd>
          </dl>
          {isAdmin && <EnrolmentCode canteenId={c.id} />}
          <section aria-labelledby="devices-title">
            <h2 id="devices-title">{t('district.device.title')}</h2>
            <Problem text={problem} />
            {detail.devices.length === 0 ? (
              <p className="hint" data-testid="no-devices">
                {t('district.device.none')}
              </p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="devices-title">
                <table className="table" data-testid="devices-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('district.col.device')}</th>
                      <th scope="col">{t('district.device.enrolled')}</th>
                      <th scope="col">{t('district.col.lastUpload')}</th>
                      <th scope="col" className="num">
                        {t('district.device.head')}
                      </th>
                      <th scope="col">{t('district.device.skew')}</th>
                      <th scope="col">{t('district.device.state')}</th>
                      {isAdmin && <th scope="col">{t('district.device.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {detail.devices.map((d) => (
                      <tr key={d.deviceId} data-testid={`device-${d.deviceId}`}>
                        <th scope="row" className="mono">
                          {d.deviceId}
                        </th>
                        <td>{localDateTime(d.enrolledAt)}</td>
                        <td>{d.lastUploadAt === null ? t('district.never') : localDateTime(d.lastUploadAt)}</td>
                        <td className="num">{d.headSeq}</td>
                        <td>{d.clockSkewMs === null ? '–' : <Skew ms={d.clockSkewMs} />}</td>
                        <td>{d.revokedAt === null ? t('district.device.active') : t('district.device.revokedAt', { at: localDateTime(d.revokedAt) })}</td>
                        {isAdmin && (
                          <td>
                            {d.revokedAt === null && (
                              <button type="button" className="button danger small" onClick={() => setRevoking(d)} data-testid={`revoke-${d.deviceId}`}>
                                {t('district.device.revoke')}
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      {revoking !== null && (
        <ConfirmDialog
          title={t('district.device.confirmTitle', { device: revoking.deviceId })}
          confirmLabel={t('district.device.revoke')}
          danger
          busy={busy}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
          testId="revoke-dialog"
        >
          <p>{t('district.device.confirmText')}</p>
        </ConfirmDialog>
      )}
    </main>
  );
}

function Skew({ ms }: { ms: number }) {
  const { t } = useT();
  const s = skewParts(ms);
  if (s.minutes === 0 && s.seconds === 0) return <span>{t('district.device.inStep')}</span>;
  const text = t(s.ahead ? 'district.device.ahead' : 'district.device.behind', { minutes: s.minutes, seconds: s.seconds });
  return <span className={s.tooFar ? 'flag bad' : undefined}>{s.tooFar ? t('district.device.skewTooFar', { skew: text }) : text}</span>;
}
