/**
 * Who this kiosk is: its device id (numbers its ledger), its canteen and region, the policy it
 * prices by. Kept in the settings table; read back through zod like any other boundary.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { regionCodeSchema } from '../../shared/region.js';
import { message } from '../../shared/i18n/text.js';
import type { KioskStore, ReadHandle, WriteTx } from './store/open.js';
import { KioskError } from './kiosk-error.js';

export const kioskIdentitySchema = z.strictObject({
  deviceId: z.string().min(1),
  canteenName: z.string().min(1),
  /** The canteen's own division code, town level where known: residency rules compare against it. */
  canteenRegion: regionCodeSchema,
  /** The policy (all its versions) this canteen prices by. */
  policyId: z.string().min(1),
});
export type KioskIdentity = z.infer<typeof kioskIdentitySchema>;

const KEYS = { deviceId: 'device_id', canteenName: 'canteen_name', canteenRegion: 'canteen_region', policyId: 'policy_id' } as const;

export function getSetting(read: ReadHandle, key: string): string | null {
  return read.stmt<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value ?? null;
}

export function setSetting(tx: WriteTx, key: string, value: string): void {
  tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The kiosk's identity, or a KioskError telling the manager to set the kiosk up first. */
export function kioskIdentity(read: ReadHandle): KioskIdentity {
  const raw = Object.fromEntries(Object.entries(KEYS).map(([field, key]) => [field, getSetting(read, key)]));
  const parsed = kioskIdentitySchema.safeParse(raw);
  if (!parsed.success) throw new KioskError('notSetUp', message('kiosk.notSetUp'));
  return parsed.data;
}

/** First set-up of a kiosk. The device id is made once and never changes: the ledger is numbered under it. */
export function setUpKiosk(
  store: KioskStore,
  input: { canteenName: string; canteenRegion: string; policyId: string; deviceId?: string },
): KioskIdentity {
  return store.write((tx) => {
    const deviceId = getSetting(tx, KEYS.deviceId) ?? input.deviceId ?? `kiosk-${randomUUID()}`;
    const identity = kioskIdentitySchema.parse({ ...input, deviceId });
    for (const [field, key] of Object.entries(KEYS)) setSetting(tx, key, identity[field as keyof KioskIdentity]);
    return identity;
  });
}
