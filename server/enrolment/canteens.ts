/**
 * Canteens, as a district admin creates them before their kiosk enrols. Reads and writes take the
 * acting account and refuse another district's canteens ('forbidden'): an account sees its own
 * district only.
 */
import { z } from 'zod';
import { dbInstant, dbInt, isHubDbError } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { requireAdminOf, requireMemberOf } from '../accounts/accounts.js';
import type { Account, Actor } from '../accounts/accounts.js';
import { isPlainText, refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';

export interface Canteen {
  readonly id: number;
  readonly districtId: number;
  readonly name: string;
  /** 行政区划 code: 6 digits (county) or 9 (town); the town decides which budgets pay. */
  readonly regionCode: string;
  readonly address: string;
  readonly operatorName: string;
  readonly createdAt: string;
}

export const canteenRow = z.object({
  id: dbInt,
  district_id: dbInt,
  name: z.string(),
  region_code: z.string(),
  address: z.string(),
  operator_name: z.string(),
  created_at: dbInstant,
});
const COLUMNS = 'id, district_id, name, region_code, address, operator_name, created_at';

function toCanteen(row: z.infer<typeof canteenRow>): Canteen {
  return {
    id: row.id,
    districtId: row.district_id,
    name: row.name,
    regionCode: row.region_code,
    address: row.address,
    operatorName: row.operator_name,
    createdAt: row.created_at,
  };
}

export interface NewCanteen {
  readonly actor: Actor;
  readonly districtId: number;
  readonly name: string;
  readonly regionCode: string;
  readonly address: string;
  readonly operatorName: string;
  readonly now: string;
}

export type CreateCanteenRefusal = HubRefusal<'forbidden' | 'badName' | 'badRegionCode' | 'badAddress' | 'badOperator' | 'nameTaken' | 'unknownDistrict'>;

// Counties and towns: the subsidy rules name no finer area (a village's 12-digit code would place
// a canteen more precisely than any budget is split).
const REGION_CODE = /^[0-9]{6}([0-9]{3})?$/;

export async function createCanteen(db: HubQueries, input: NewCanteen): Promise<Result<Canteen, CreateCanteenRefusal>> {
  const allowed = requireAdminOf(input.actor, input.districtId);
  if (!allowed.ok) return allowed;
  if (!isPlainText(input.name, 200) || input.name.trim() === '') return refuse('badName', 'hub.canteen.nameShape');
  if (!REGION_CODE.test(input.regionCode)) return refuse('badRegionCode', 'hub.canteen.regionCode');
  if (!isPlainText(input.address, 500, 0)) return refuse('badAddress', 'hub.canteen.addressShape');
  if (!isPlainText(input.operatorName, 200, 0)) return refuse('badOperator', 'hub.canteen.operatorShape');
  try {
    const [row] = await db.query(
      `INSERT INTO canteens (district_id, name, region_code, address, operator_name, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${COLUMNS}`,
      [input.districtId, input.name, input.regionCode, input.address, input.operatorName, input.now],
      canteenRow,
    );
    if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
    return ok(toCanteen(row));
  } catch (e) {
    if (isHubDbError(e, 'unique') && e.constraint === 'canteens_district_name_key') return refuse('nameTaken', 'hub.canteen.nameTaken', { name: input.name });
    if (isHubDbError(e, 'foreignKey')) return refuse('unknownDistrict', 'hub.account.unknownDistrict');
    throw e;
  }
}

/** One canteen, if it is in the actor's district. */
export async function getCanteen(db: HubQueries, actor: Actor, canteenId: number): Promise<Result<Canteen, HubRefusal<'forbidden' | 'unknown'>>> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM canteens WHERE id = $1`, [canteenId], canteenRow);
  if (row === undefined) return refuse('unknown', 'hub.canteen.unknown');
  const canteen = toCanteen(row);
  const allowed = requireMemberOf(actor, canteen.districtId);
  return allowed.ok ? ok(canteen) : allowed;
}

/** The canteens of the actor's own district, by name. */
export async function listCanteens(db: HubQueries, actor: Account): Promise<Canteen[]> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM canteens WHERE district_id = $1 ORDER BY name, id`, [actor.districtId], canteenRow);
  return rows.map(toCanteen);
}
