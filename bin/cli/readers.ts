/**
 * `zhucan readers list` and `zhucan readers test --seconds N` (docs/readers.md): what USB HID devices
 * this machine sees, and what the configured readers read — without checking anybody in. For the
 * person setting a reader up, who needs to know its vendor and product ids and whether its card
 * numbers come out in the form the roster holds.
 */
import { renderBoth } from '../../shared/i18n/catalogs.js';
import { openKiosk } from '../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { loadNodeHid } from '../../electron/kiosk/readers/hid-device.js';
import { describeDevice, hex4 } from '../../electron/kiosk/readers/reader-config.js';
import { createReaderService } from '../../electron/kiosk/readers/reader-service.js';
import type { ReaderServiceEvent } from '../../electron/kiosk/readers/reader-service.js';
import { integer, parse } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS, missingKiosk, thrownFailure } from './kiosk-env.js';

const USAGE = 'usage: zhucan readers list [--json] | zhucan readers test --seconds N [--db FILE] [--json]';
const MAX_SECONDS = 600;

async function list(argv: readonly string[]): Promise<Outcome> {
  parse(argv, {});
  const loaded = await loadNodeHid();
  if (!loaded.ok) {
    return refused({ error: 'unavailable', message: renderBoth(loaded.error) }, [renderBoth(loaded.error)]);
  }
  const devices = loaded.value.devices().map((info) => ({
    name: describeDevice(info),
    vendorId: hex4(info.vendorId),
    productId: hex4(info.productId),
    usagePage: info.usagePage === undefined ? null : hex4(info.usagePage),
    path: info.path,
  }));
  return done({ devices }, [
    `HID 设备 / HID devices: ${devices.length}`,
    ...devices.map((d) => `${d.vendorId}:${d.productId}  ${d.usagePage === null ? '----' : `0x${d.usagePage}`}  ${d.name}  ${d.path}`),
  ]);
}

/** One event as a line, or nothing for events a person testing a reader need not see. */
function eventLine(e: ReaderServiceEvent): string | null {
  switch (e.kind) {
    case 'testSwipe': {
      const r = e.result;
      const who = r.elder === null ? '—' : `${r.elder.name} ${r.elder.idMasked}${r.elder.active ? '' : ' (暂停 / suspended)'}`;
      const card = r.card === null ? '' : ` [${r.card.state}]`;
      const why = r.refusal === null ? '' : ` — ${renderBoth(r.refusal.message)}`;
      return `${e.readerId}: ${r.scan} ${r.shown}${card} → ${who}${why}`;
    }
    case 'unreadable':
    case 'failed':
    case 'noCashier':
      return `${e.readerId}: ${renderBoth(e.message)}`;
    case 'connected':
      return `${e.readerId}: 已连接 / connected: ${e.device}`;
    case 'disconnected':
      return `${e.readerId}: 已断开 / disconnected (${e.reason})`;
    case 'garbled':
      return `${e.readerId}: 读取不完整 / garbled (${e.reason})`;
    case 'error':
      return `${e.readerId ?? '-'}: 错误 / error: ${e.reason}`;
    case 'unavailable':
    case 'configInvalid':
      return renderBoth(e.message);
    case 'checkin':
      return null; // never happens here: every reader is in test-swipe mode
  }
}

/** `live`: where each line goes as it happens (a person is swiping and watching); null for --json. */
async function watch(kiosk: Kiosk, seconds: number, live: ((line: string) => void) | null): Promise<Outcome> {
  const service = createReaderService({ kiosk, backend: await loadNodeHid(), operatorId: null });
  for (const s of service.manager.states()) service.testSwipe(s.readerId);
  const lines: string[] = [];
  const events: Record<string, unknown>[] = [];
  service.subscribe((e) => {
    const line = eventLine(e);
    if (line === null) return;
    if (live === null) lines.push(line);
    else live(line);
    events.push(e.kind === 'testSwipe' ? { kind: e.kind, readerId: e.readerId, ...e.result } : { ...e });
  });
  service.start();
  const unavailable = service.manager.status.kind === 'unavailable';
  if (!unavailable) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  service.stop();
  const readers = service.manager.states().map((s) => s.readerId);
  if (unavailable) return refused({ error: 'unavailable', events }, lines);
  return done({ readers, events }, [`读卡器 / readers: ${readers.length === 0 ? '—' : readers.join(', ')}`, ...lines]);
}

async function test(argv: readonly string[]): Promise<Outcome> {
  const { values } = parse(argv, { db: KIOSK_OPTIONS.db, seconds: { type: 'string' } });
  const live = values.json === true ? null : (line: string): void => void process.stdout.write(`${line}\n`);
  const seconds = integer(values.seconds, 'seconds') ?? 10;
  if (seconds < 1 || seconds > MAX_SECONDS) throw new UsageError(`--seconds must be 1 to ${MAX_SECONDS}`);
  const file = dbPath(values.db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  let kiosk: Kiosk | undefined;
  try {
    kiosk = openKiosk(file);
    return await watch(kiosk, seconds, live);
  } catch (e) {
    return thrownFailure(e, file);
  } finally {
    kiosk?.close();
  }
}

export async function readersCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest);
  if (sub === 'test') return test(rest);
  throw new UsageError(USAGE);
}
