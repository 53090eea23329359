/**
 * The check-in header's status: each raw reader connected or not (kept live by 'reader' events), and
 * the link to the district hub (upload status events; "not enrolled" until the kiosk is enrolled).
 * Keyboard-wedge readers need no status: they are a keyboard to the computer.
 */
import { useEffect, useState } from 'react';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import type { ReaderBrief } from '../../../shared/kiosk-api/views.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from './kiosk-client-context.js';

type Upload = Extract<KioskEvent, { type: 'upload' }>;

export function StatusStrip() {
  const client = useKiosk();
  const { t, msg } = useT();
  const [readers, setReaders] = useState<ReaderBrief[]>([]);
  const [upload, setUpload] = useState<Upload | null>(null);

  useEffect(() => {
    void client.call('readers.status', {}).then((r) => {
      if (r.ok) setReaders(r.value);
    });
    return client.subscribe((e) => {
      if (e.type === 'reader') {
        const brief: ReaderBrief = { id: e.reader.id, name: e.reader.name, state: e.reader.state };
        setReaders((list) => (list.some((r) => r.id === brief.id) ? list.map((r) => (r.id === brief.id ? brief : r)) : [...list, brief]));
      }
      if (e.type === 'upload') setUpload(e);
    });
  }, [client]);

  return (
    <ul className="status-strip" aria-label={t('ui.status')}>
      {readers.map((r) => (
        <li key={r.id} className={`status ${r.state}`} data-testid={`reader-${r.id}`}>
          {r.name}: {t(`ui.status.reader.${r.state}`)}
        </li>
      ))}
      <li
        className={`status ${upload === null || upload.state === 'notEnrolled' ? 'disconnected' : upload.state === 'offline' || upload.state === 'refused' ? 'error' : 'connected'}`}
        // Why it is offline or stopped, for whoever looks closer (the manager, a technician on the phone).
        title={upload?.problem ? msg(upload.problem) : undefined}
        data-testid="hub-status"
      >
        {upload === null
          ? t('ui.status.hub.notEnrolled')
          : upload.state === 'refused'
            ? t('sync.strip.refused', { pending: upload.pending })
            : t(`ui.status.hub.${upload.state}`, { pending: upload.pending })}
      </li>
    </ul>
  );
}
