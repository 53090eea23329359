/**
 * Raw HID readers as the set-up screen sees them: each configured reader's state with its saved
 * configuration, the devices plugged in now, and a test swipe's result. Only names, ids and masked
 * numbers: nothing here carries a raw scan.
 */
import { message } from '../../../../shared/i18n/text.js';
import type { ReaderDeviceView, ReaderSetting, ReaderView, TestSwipeView } from '../../../../shared/kiosk-api/settings-views.js';
import type { HidDeviceInfo } from '../../readers/hid-device.js';
import { matches, usagePageKind } from '../../readers/reader-config.js';
import type { ReaderConfig } from '../../readers/reader-config.js';
import type { ReaderState } from '../../readers/reader-manager.js';
import type { TestSwipeResult } from '../../readers/test-swipe.js';

export function readerSettingView(c: ReaderConfig): ReaderSetting {
  // Spelled out so a field added to the back end's schema is not sent to the screen unchecked.
  return {
    id: c.id,
    name: c.name,
    vendorId: c.vendorId,
    productId: c.productId,
    ...(c.usagePage === undefined ? {} : { usagePage: c.usagePage }),
    ...(c.interface === undefined ? {} : { interface: c.interface }),
    ...(c.serial === undefined ? {} : { serial: c.serial }),
    format: c.format,
    uidFormat: c.uidFormat,
    ...(c.reportId === undefined ? {} : { reportId: c.reportId }),
    // The format's options go back to the screen too: it re-sends the whole list when adding a reader.
    ...(c.vendorAscii === undefined ? {} : { vendorAscii: { ...c.vendorAscii } }),
    ...(c.hidPos === undefined ? {} : { hidPos: { ...c.hidPos } }),
  };
}

export function readerView(s: ReaderState, config: ReaderConfig | undefined, testSwipe: boolean): ReaderView {
  return {
    id: s.readerId,
    name: s.name,
    kind: s.device ?? '',
    state: s.connected ? 'connected' : s.lastError === null ? 'disconnected' : 'error',
    lastReadAt: s.lastReadAt === null ? null : new Date(s.lastReadAt).toISOString(),
    lastError: s.lastError === null ? null : message('api.readerError', { detail: s.lastError }),
    errorCount: s.errorCount,
    liveView: s.liveView,
    testSwipe,
    config: config === undefined ? null : readerSettingView(config),
  };
}

const FORMAT_OF_KIND = { keyboard: 'keyboard', hidPos: 'hidPos', vendor: 'vendorAscii' } as const;

export function deviceView(info: HidDeviceInfo, name: string, configs: readonly ReaderConfig[]): ReaderDeviceView {
  const kind = usagePageKind(info.usagePage, info.usage);
  return {
    name,
    vendorId: info.vendorId,
    productId: info.productId,
    usagePage: info.usagePage ?? null,
    // node-hid says -1 when the platform does not know the interface.
    interface: info.interface === undefined || info.interface < 0 ? null : info.interface,
    serial: info.serialNumber ?? null,
    suggestedFormat: kind === undefined || kind === 'other' ? null : FORMAT_OF_KIND[kind],
    configuredAs: configs.find((c) => matches(c, info))?.id ?? null,
  };
}

export function testSwipeView(r: TestSwipeResult): TestSwipeView {
  return {
    scan: r.scan,
    shown: r.shown,
    elder: r.elder === null ? null : { id: r.elder.id, name: r.elder.name, idMasked: r.elder.idMasked, active: r.elder.active },
    card: r.card === null ? null : { uid: r.card.uid, state: r.card.state },
    refusal: r.refusal?.message ?? null,
  };
}
