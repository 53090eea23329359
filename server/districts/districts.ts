/**
 * Districts (区民政局): the unit of visibility and the signer of what the hub sends down to kiosks.
 * A district is made from the hub's console (there is no account yet to make it), with its own
 * Ed25519 key pair: policy versions and roster downloads are signed with the private half, and each
 * kiosk learns the public half when it enrols, so a kiosk trusts only its own district's downloads.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { dbInstant, dbInt, isHubDbError } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { instant } from '../accounts/accounts.js';
import { isPlainText, refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';

export interface District {
  readonly id: number;
  readonly name: string;
  /** County-level 行政区划 code, 6 digits; one district per code. */
  readonly regionCode: string;
  /** Ed25519 public key, SPKI DER base64: what kiosks check the district's downloads with. */
  readonly publicKey: string;
  readonly createdAt: string;
}

const districtRow = z.object({
  id: dbInt,
  name: z.string(),
  region_code: z.string(),
  signing_public_key: z.string().nullable(),
  created_at: dbInstant,
});
const COLUMNS = 'id, name, region_code, signing_public_key, created_at';

function toDistrict(row: z.infer<typeof districtRow>): District {
  // Every district made by createDistrict has a key; one without (made by hand in SQL) shows as
  // empty, and districtSigningKey refuses it, rather than this read failing.
  return { id: row.id, name: row.name, regionCode: row.region_code, publicKey: row.signing_public_key ?? '', createdAt: row.created_at };
}

const REGION_CODE = /^[0-9]{6}$/;

export type CreateDistrictRefusal = HubRefusal<'badName' | 'badRegionCode' | 'regionTaken'>;

/** Only the console makes districts: a hub's districts are set up by whoever runs the hub. */
export async function createDistrict(
  db: HubQueries,
  input: { readonly actor: 'console'; readonly name: string; readonly regionCode: string; readonly now: string },
): Promise<Result<District, CreateDistrictRefusal>> {
  instant(input.now);
  if (!isPlainText(input.name, 100) || input.name.trim() === '') return refuse('badName', 'hub.district.nameShape');
  if (!REGION_CODE.test(input.regionCode)) return refuse('badRegionCode', 'hub.district.regionCode');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicDer = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const privateDer = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  try {
    const [row] = await db.query(
      `INSERT INTO districts (name, region_code, created_at, signing_private_key, signing_public_key) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${COLUMNS}`,
      [input.name, input.regionCode, input.now, privateDer, publicDer],
      districtRow,
    );
    if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
    return ok(toDistrict(row));
  } catch (e) {
    if (isHubDbError(e, 'unique') && e.constraint === 'districts_region_code_key') return refuse('regionTaken', 'hub.district.regionTaken', { regionCode: input.regionCode });
    throw e;
  }
}

export async function listDistricts(db: HubQueries): Promise<District[]> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM districts ORDER BY region_code, id`, [], districtRow);
  return rows.map(toDistrict);
}

export async function getDistrict(db: HubQueries, districtId: number): Promise<District | null> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM districts WHERE id = $1`, [districtId], districtRow);
  return row === undefined ? null : toDistrict(row);
}

export interface DistrictSigningKey {
  readonly districtId: number;
  readonly privateKey: KeyObject;
  /** SPKI DER base64, as kiosks hold it. */
  readonly publicKey: string;
}

/**
 * The district's key pair for signing policy and roster downloads, or why not. Only server code
 * that signs calls this; the private half never leaves the hub in any answer.
 */
export async function districtSigningKey(db: HubQueries, districtId: number): Promise<Result<DistrictSigningKey, HubRefusal<'unknown' | 'noKey'>>> {
  const [row] = await db.query(
    `SELECT signing_private_key, signing_public_key FROM districts WHERE id = $1`,
    [districtId],
    z.object({ signing_private_key: z.string().nullable(), signing_public_key: z.string().nullable() }),
  );
  if (row === undefined) return refuse('unknown', 'hub.account.unknownDistrict');
  if (row.signing_private_key === null || row.signing_public_key === null) return refuse('noKey', 'hub.district.noKey');
  const privateKey = createPrivateKey({ key: Buffer.from(row.signing_private_key, 'base64'), format: 'der', type: 'pkcs8' });
  return ok({ districtId, privateKey, publicKey: row.signing_public_key });
}
