/**
 * The slice of node-hid the reader path uses, and the one place that loads it. node-hid is a native
 * module; it is imported lazily (inside `loadNodeHid`) so that every other part of the kiosk runs on a
 * machine where it is missing or cannot load, and a failure comes back as a message
 * ("readers unavailable: <reason>"), never as a crash at start-up.
 */
import { z } from 'zod';
import { message, type Message } from '../../../shared/i18n/text.js';
import { err, ok, type Result } from '../../../shared/result.js';

/** An open device: what `new HID.HID(path)` gives, as far as we use it. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

const u16 = z.number().int().min(0).max(0xffff);
const optionalText = z
  .string()
  .nullish()
  .transform((s) => (s === null || s === undefined || s.trim() === '' ? undefined : s.trim()));

/** One entry of `HID.devices()`, read through zod: it comes out of a native module (a boundary). */
export const hidDeviceInfoSchema = z.object({
  vendorId: u16,
  productId: u16,
  /** What `open` takes (/dev/hidraw3, a Windows device path, an IOService path). */
  path: z.string().min(1),
  product: optionalText,
  manufacturer: optionalText,
  serialNumber: optionalText,
  usagePage: u16.optional(),
  usage: u16.optional(),
  /** USB interface number; -1 when the platform does not say. */
  interface: z.number().int().optional(),
});

/** A listed device. Absent names are left out (never empty strings). */
export interface HidDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly path: string;
  readonly product?: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  readonly usagePage?: number;
  readonly usage?: number;
  readonly interface?: number;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Lists and opens devices: node-hid in the kiosk, a RecordedBackend in tests and demos. */
export interface HidBackend {
  devices(): HidDeviceInfo[];
  open(path: string): HidDeviceLike;
}

/**
 * Entries of `HID.devices()` that fail the schema (no path: a device this user cannot open on some
 * platforms) are left out rather than failing the whole list.
 */
export function readDeviceList(raw: unknown): HidDeviceInfo[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = hidDeviceInfoSchema.safeParse(entry);
    return parsed.success ? [withoutUndefined<HidDeviceInfo>(parsed.data)] : [];
  });
}

/** The parts of the node-hid module we call, as it is seen after a dynamic import. */
interface NodeHidModule {
  devices(): unknown;
  HID: new (path: string) => HidDeviceLike;
  setDriverType?: (type: 'hidraw' | 'libusb') => void;
}

function asNodeHid(mod: unknown): NodeHidModule | undefined {
  const candidates = [mod, (mod as { default?: unknown } | null)?.default];
  for (const c of candidates) {
    if (typeof c === 'object' && c !== null && typeof (c as NodeHidModule).devices === 'function' && typeof (c as NodeHidModule).HID === 'function') {
      return c as NodeHidModule;
    }
  }
  return undefined;
}

export interface LoadNodeHidOptions {
  /**
   * Linux only: 'libusb' uses node-hid's libusb build, which detaches the kernel's driver from the
   * interface it opens (so a keyboard-class reader stops typing while the kiosk holds it). Default: hidraw.
   */
  readonly driver?: 'hidraw' | 'libusb';
  /** For tests: how the module is imported. */
  readonly importer?: () => Promise<unknown>;
}

export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** node-hid as a HidBackend, or why the readers are unavailable. Never throws. */
export async function loadNodeHid(opts: LoadNodeHidOptions = {}): Promise<Result<HidBackend, Message>> {
  let mod: NodeHidModule | undefined;
  try {
    mod = asNodeHid(await (opts.importer ?? (() => import('node-hid')))());
  } catch (e) {
    return err(message('reader.unavailable', { reason: reasonOf(e) }));
  }
  if (mod === undefined) return err(message('reader.unavailable', { reason: 'node-hid has no devices() / HID' }));
  const hid = mod;
  try {
    if (opts.driver !== undefined) hid.setDriverType?.(opts.driver);
    // The native binding loads on first use: list once here so a missing libusb / libudev shows now.
    hid.devices();
  } catch (e) {
    return err(message('reader.unavailable', { reason: reasonOf(e) }));
  }
  return ok({
    devices: () => readDeviceList(hid.devices()),
    open: (path) => new hid.HID(path),
  });
}
