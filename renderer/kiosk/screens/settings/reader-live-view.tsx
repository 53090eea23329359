/**
 * Live view of one raw HID reader (set-up screen): each report's bytes as hex and the scan it
 * completed, the last 20 rows, from 'readerLive' events. The back end already withheld the bytes of a
 * scan that may be an ID number (keyboard reports spell its digits) and masked its text: this shows
 * the note it sent instead. The bytes are in the form test/fixtures/hid recordings use.
 */
import { useEffect, useState } from 'react';
import type { KioskEvent } from '../../../../shared/kiosk-api/events.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';

type LiveLine = Extract<KioskEvent, { type: 'readerLive' }>;

/** Enough to see a whole card number typed (a press and a release per key) without scrolling forever. */
export const LIVE_LINES = 20;

interface LiveRow {
  readonly line: LiveLine;
  /** How many withheld reports this row stands for (0: a report shown as it came). */
  readonly withheld: number;
}

/**
 * Adds a report to the rows. Consecutive withheld reports (an ID number typed key by key: 36 of them)
 * become one row with a count, so the note is read once and the other rows stay in view.
 */
function append(rows: readonly LiveRow[], line: LiveLine): LiveRow[] {
  const last = rows.at(-1);
  if (line.note !== null && last !== undefined && last.line.note !== null && last.line.decoded === '') {
    // The run ends at the report that completed the scan: its masked text replaces the row's.
    return [...rows.slice(0, -1), { line, withheld: last.withheld + 1 }];
  }
  return [...rows, { line, withheld: line.note === null ? 0 : 1 }].slice(-LIVE_LINES);
}

export function ReaderLiveView({ readerId, readerName }: { readerId: string; readerName: string }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [rows, setRows] = useState<readonly LiveRow[]>([]);
  const [received, setReceived] = useState(0);

  useEffect(
    () =>
      client.subscribe((e) => {
        if (e.type !== 'readerLive' || e.readerId !== readerId) return;
        setRows((list) => append(list, e));
        setReceived((n) => n + 1);
      }),
    [client, readerId],
  );

  // Announced once shown, so a test (or a recording script) waits on the screen, not on the event.
  useEffect(() => {
    if (received > 0) announce('reader-live', { readerId, received });
  }, [readerId, received]);

  return (
    <section aria-labelledby={`reader-live-${readerId}`} data-testid="reader-live-view">
      <h3 id={`reader-live-${readerId}`}>{t('ui.settings.readers.liveTitle', { name: readerName })}</h3>
      <p className="hint">{t('ui.settings.readers.liveHint')}</p>
      {rows.length === 0 ? (
        <p data-testid="reader-live-empty">{t('ui.settings.readers.liveNothing')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('ui.settings.readers.liveBytes')}</th>
              <th scope="col">{t('ui.settings.readers.liveDecoded')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ line: l, withheld }, i) => (
              <tr key={`${received - rows.length + i}`} data-testid="reader-live-line">
                <td className="mono" data-testid="reader-live-bytes">
                  {l.note === null ? l.bytes : withheld > 1 ? t('ui.settings.readers.liveWithheldRun', { note: msg(l.note), n: withheld }) : msg(l.note)}
                </td>
                <td className="mono" data-testid="reader-live-decoded">
                  {l.garbled !== null ? t('ui.settings.readers.liveGarbled', { reason: l.garbled }) : l.decoded === '' ? '' : l.decoded}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="button small secondary" disabled={rows.length === 0} onClick={() => setRows([])} data-testid="reader-live-clear">
        {t('ui.settings.readers.liveClear')}
      </button>
    </section>
  );
}
