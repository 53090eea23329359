/**
 * `zhucan sync [--once] [--db FILE]` (docs/cli.md, docs/sync.md): how the kiosk's link to the district
 * hub stands — enrolled or not, the hub, records waiting, the acknowledged head, the last success and
 * the last problem. With --once it also pushes everything now (past any backoff or refusal wait) and
 * exits: a kiosk back from weeks offline can be caught up by hand, and tests drive it this way.
 * The running kiosk's own uploader may send at the same moment; the hub's idempotence by (device,
 * seq) makes that harmless.
 */
import { message } from '../../shared/i18n/text.js';
import type { Message } from '../../shared/i18n/text.js';
import { deviceKeyFile, fileKeyStore } from '../../electron/kiosk/sync/device-key.js';
import { syncReport } from '../../electron/kiosk/sync/sync-report.js';
import { createUploader } from '../../electron/kiosk/sync/uploader.js';
import type { UploaderState } from '../../electron/kiosk/sync/uploader.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { parse } from './args.js';
import { done, refused, say } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS, missingKiosk, thrownFailure } from './kiosk-env.js';

export const SYNC_USAGE = 'zhucan sync [--once] [--db FILE]';

function statusLines(store: KioskStore, state: UploaderState | null, problem: Message | null): string[] {
  const r = syncReport(store.read);
  if (r.link === null) return [say(message('sync.status.notEnrolled'))];
  const lines = [
    say(message('sync.status.hub', { hub: r.link.hubUrl, canteen: r.link.canteen.name, district: r.link.canteen.districtName })),
    say(message('sync.status.pending', { pending: r.pending, seq: r.link.acked.seq })),
    say(r.link.lastSuccessAt === null ? message('sync.status.never') : message('sync.status.lastSuccess', { at: r.link.lastSuccessAt })),
  ];
  if (state !== null) lines.push(say(message(`sync.status.state.${state}`)));
  const shown = problem ?? r.lastProblem;
  if (shown !== null) lines.push(say(message('sync.status.problem', { problem: say(shown) })));
  const skew = r.link.clockSkewMs;
  if (skew !== null && Math.abs(skew) >= 1000) {
    const direction = message(skew > 0 ? 'sync.status.ahead' : 'sync.status.behind');
    lines.push(say(message('sync.status.skew', { seconds: Math.round(Math.abs(skew) / 1000), direction: say(direction) })));
  }
  return lines;
}

function statusJson(store: KioskStore): Record<string, unknown> {
  const r = syncReport(store.read);
  return {
    enrolled: r.link !== null,
    hub: r.link?.hubUrl ?? null,
    deviceId: r.link?.deviceId ?? null,
    canteen: r.link?.canteen ?? null,
    pending: r.pending,
    ledgerHead: r.ledgerHead,
    acked: r.link?.acked ?? null,
    lastAttemptAt: r.link?.lastAttemptAt ?? null,
    lastSuccessAt: r.link?.lastSuccessAt ?? null,
    lastProblem: r.lastProblem === null ? null : say(r.lastProblem),
    refused: r.link?.refused ?? null,
    clockSkewMs: r.link?.clockSkewMs ?? null,
  };
}

export async function syncCommand(argv: readonly string[]): Promise<Outcome> {
  const { values } = parse(argv, { db: KIOSK_OPTIONS.db, once: { type: 'boolean' } });
  const file = dbPath(values.db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  let store: KioskStore | undefined;
  try {
    store = openKioskStore(file, { check: true });
    if (values.once !== true) return done({ file, ...statusJson(store) }, statusLines(store, null, null));
    if (syncReport(store.read).link === null) {
      const text = say(message('sync.status.notEnrolled'));
      return refused({ error: 'notEnrolled', message: text, file, ...statusJson(store) }, [text]);
    }
    const uploader = createUploader({ store, keys: fileKeyStore(deviceKeyFile(file)) });
    const status = await uploader.pushNow();
    uploader.stop();
    const json = { file, state: status.state, ...statusJson(store), problem: status.problem === null ? null : say(status.problem) };
    const lines = statusLines(store, status.state, status.problem);
    return status.state === 'idle' ? done(json, lines) : refused({ error: status.state, ...json }, lines);
  } catch (e) {
    return thrownFailure(e, file);
  } finally {
    store?.close();
  }
}
