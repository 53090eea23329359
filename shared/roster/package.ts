/**
 * Roster down: the wire format of what the district hub sends a kiosk — the elders of the canteen's
 * area that are new or changed since the kiosk's last version — and the exact bytes the district
 * signs. One definition for both sides (server/roster/roster-package.ts makes and signs it,
 * electron/kiosk/roster-downlink verifies and applies it). Change additively only, or bump FORMAT.
 *
 * Why the resident ID number goes down (docs/hub-roster.md, "PIPL"): the kiosk finds an elder by the
 * ID card in the reader through its own keyed hash (HMAC with a key only the kiosk holds), so it needs
 * the number once to hash it. It keeps only the hash and the masked form; the number travels over TLS
 * inside this signed package and is never written to the kiosk's disk. Birth date and sex are not
 * sent: the kiosk reads them from the number, so they cannot disagree with it.
 */
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from '../ledger/canonical.js';
import { localDateSchema } from '../dates.js';
import { keyIdSchema } from '../qr/token.js';
import { regionCodeSchema } from '../region.js';

/** Prefix of the signed bytes: a signature over a roster can never pass as one over a policy or an upload. */
export const ROSTER_SIGNING_PREFIX = 'zhucan-roster\n';
/** Elders only: every kiosk build reads it. */
export const ROSTER_PACKAGE_FORMAT = 1;
/** Elders and the district's QR keys changed in the range. */
export const ROSTER_PACKAGE_FORMAT_QR_KEYS = 2;

// Crockford's base32 (no I, L, O, U), as the kiosk's own ids; 'D' marks an id the district gave.
export const DISTRICT_ELDER_ID = /^D[0-9A-HJKMNP-TV-Z]{12}$/;
export const districtElderIdSchema = z.string().regex(DISTRICT_ELDER_ID, { error: 'rosterDown.badElderId' });

export const CARD_STATES = ['active', 'lost', 'replaced'] as const;
export type RosterCardState = (typeof CARD_STATES)[number];

export const packageStatusSchema = z.strictObject({
  code: z.string().min(1).max(100),
  validFrom: localDateSchema.nullable(),
  validTo: localDateSchema.nullable(),
});

export const packageCardSchema = z.strictObject({
  uid: z.string().regex(/^[0-9A-F]{4,20}$/),
  state: z.enum(CARD_STATES),
});

/** One elder as the kiosk needs them: to identify (number, cards) and to price (statuses, regions, care home). */
export const packageElderSchema = z.strictObject({
  elderId: districtElderIdSchema,
  name: z.string().min(1).max(100),
  /** The normalised 18-character number; hashed with the kiosk's key and dropped on arrival. */
  idNumber: z.string().regex(/^\d{17}[\dX]$/),
  hukouRegion: regionCodeSchema.nullable(),
  residenceRegion: regionCodeSchema.nullable(),
  careHome: z.boolean(),
  livesAlone: z.boolean(),
  /** False while the district has suspended the elder: no subsidised meal. */
  active: z.boolean(),
  statuses: z.array(packageStatusSchema).max(50),
  cards: z.array(packageCardSchema).max(50),
  /** The elder's roster version at the hub (each change of an elder gets the next number). */
  version: z.int().min(1),
});
export type PackageElder = z.infer<typeof packageElderSchema>;

/**
 * The key id of a raw 32-byte Ed25519 public key — the first 8 hex digits of its SHA-256 (docs/qr.md) —
 * as the kiosk computes it (electron/kiosk/qr/qr-keys.ts keyIdOf).
 */
export function qrKeyIdOfRaw(raw: Uint8Array): string {
  return bytesToHex(sha256(raw)).slice(0, 8);
}

/**
 * A district QR public key as the package carries it: verify only (no private key ever goes down).
 * The kiosk recomputes the id from the key and refuses the package when they differ.
 */
export const packageQrKeySchema = z.strictObject({
  keyId: keyIdSchema,
  /** SPKI DER, base64: an Ed25519 SPKI is 44 bytes, 60 characters. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{59}=$/),
  addedAt: z.iso.datetime({ precision: 3 }),
  /** Set once the district retired it: every code it signed is refused from then on. Final. */
  retiredAt: z.iso.datetime({ precision: 3 }).nullable(),
  /** The key's roster version at the hub (adding it, and retiring it, each took the next number). */
  version: z.int().min(1),
});
export type PackageQrKey = z.infer<typeof packageQrKeySchema>;

export const rosterPackagePayloadSchema = z
  .strictObject({
    format: z.union([z.literal(ROSTER_PACKAGE_FORMAT), z.literal(ROSTER_PACKAGE_FORMAT_QR_KEYS)]),
    districtId: z.int().positive(),
    /** The kiosk this package is for: another kiosk refuses it. */
    deviceId: z.string().min(1).max(100),
    /** The version the kiosk said it has: the package holds every change after it, up to `version`. */
    fromVersion: z.int().min(0),
    /** The highest version included, of an elder or a QR key (= fromVersion when nothing changed). */
    version: z.int().min(0),
    /** True when more changes wait after `version` (a first sync of a large district comes in parts). */
    more: z.boolean(),
    issuedAt: z.iso.datetime({ precision: 3 }),
    elders: z.array(packageElderSchema),
    /**
     * Elders changed in this range who are no longer of the canteen's area (moved to another town):
     * ids only, nothing personal. A kiosk that has one stops subsidising them (active = 0).
     */
    withdrawn: z.array(districtElderIdSchema),
    /** Format 2 only, never empty: the district's QR keys added or retired in the range, in version order. */
    qrKeys: z.array(packageQrKeySchema).min(1).max(1000).optional(),
  })
  // One spelling per content: format 2 if and only if there are keys.
  .refine((p) => (p.format === ROSTER_PACKAGE_FORMAT_QR_KEYS) === (p.qrKeys !== undefined), {
    error: 'rosterKeys.formatMismatch',
    path: ['qrKeys'],
  });
export type RosterPackagePayload = z.infer<typeof rosterPackagePayloadSchema>;

/** What travels: the payload and the district's Ed25519 signature of rosterPackageBytes(payload). */
export const signedRosterPackageSchema = z.strictObject({
  payload: z.unknown(),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type SignedRosterPackage = z.infer<typeof signedRosterPackageSchema>;

/**
 * The signed text. Taken over the payload as received (before any parsing), so a field a newer hub
 * adds is still covered by the signature and an older kiosk's schema then refuses it by name.
 */
export function rosterPackageBytes(payload: unknown): string {
  return ROSTER_SIGNING_PREFIX + canonicalJson(payload);
}

/**
 * What a kiosk reports after re-keying local elders to their district ids: each local id it had
 * written into its ledger, and the district id it became (docs/hub-roster.md). Sent by the device,
 * authenticated like a pull.
 */
export const rosterAliasesSchema = z.strictObject({
  aliases: z
    .array(
      z.strictObject({
        // A local id is one the kiosk made itself; a district id in its place would let a kiosk fold
        // one district elder's meals into another's and hide a double subsidy from detection.
        localElderId: z
          .string()
          .min(1)
          .max(100)
          .refine((id) => !DISTRICT_ELDER_ID.test(id), { error: 'rosterRoutes.aliasIsDistrictId' }),
        elderId: districtElderIdSchema,
      }),
    )
    .max(10_000),
});
export type RosterAliases = z.infer<typeof rosterAliasesSchema>;
