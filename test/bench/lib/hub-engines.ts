/**
 * The hub's two engines for the benchmarks — embedded PGlite in a temp folder, and a real PostgreSQL
 * 15 server started for the run (test/helpers/postgres.ts: initdb in a temp folder, 127.0.0.1 only,
 * stopped and removed at the end) — and the district the benchmarks fill: one district, its policy
 * published, a canteen per kiosk and every kiosk enrolled through a real one-time code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonParam, openHubDb } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import type { UploadBatch } from '../../../shared/hub-api/upload.js';
import { makeHubDistrict, SETUP_AT } from '../../helpers/hub-upload.js';
import type { HubDistrict, TestKiosk } from '../../helpers/hub-upload.js';
import { startPostgres } from '../../helpers/postgres.js';
import type { PostgresServer } from '../../helpers/postgres.js';
import { BENCH_POLICY, DISTRICT_REGION } from './hub-ledgers.js';
import type { KioskIdentity, KioskLedger } from './hub-ledgers.js';

export type HubEngineName = 'PGlite' | 'PostgreSQL';

export interface BenchHubDb {
  readonly engine: HubEngineName;
  readonly db: HubDb;
  close(): Promise<void>;
}

let server: PostgresServer | null = null;

/** A new, migrated, empty hub database on `engine`. The PostgreSQL server is started on first use. */
export async function openBenchHubDb(engine: HubEngineName): Promise<BenchHubDb> {
  if (engine === 'PGlite') {
    const dir = mkdtempSync(join(tmpdir(), 'zhucan-bench-hub-'));
    const { db } = await openHubDb({ dataDir: join(dir, 'pgdata') });
    return {
      engine,
      db,
      async close() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  server ??= await startPostgres();
  const { db } = await openHubDb({ databaseUrl: await server.createDatabase() });
  return { engine, db, close: () => db.close() };
}

/** Stops the PostgreSQL server if one was started (its folder is removed with it). */
export async function stopBenchPostgres(): Promise<void> {
  await server?.stop();
  server = null;
}

/**
 * The benchmarks' district (county 440104) with the Guangzhou policy v2 in force. The policy row is
 * written as publishPolicy writes it, by SQL: publishing now refuses a first version numbered 2, or
 * one that took effect in the past — right for a district admin, but the benchmark's district is one
 * that has been running under v2 since July, which is what its ledgers are priced with.
 */
export async function benchDistrict(db: HubDb, name: string): Promise<HubDistrict> {
  const hub = await makeHubDistrict(db, { name, regionCode: DISTRICT_REGION });
  const p = BENCH_POLICY;
  await db.execute(
    `INSERT INTO policies (district_id, policy_id, version, effective_from, effective_to, document, published_at, published_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
    [hub.districtId, p.id, p.version, p.effectiveFrom, p.effectiveTo ?? null, jsonParam(p), SETUP_AT, hub.admin.id],
  );
  return { ...hub, policies: [p] };
}

/**
 * One district (county 440104, the Guangzhou policy published), a canteen per ledger in the ledger's
 * town, and each ledger's device enrolled there; returns each device's signer.
 */
export async function enrolLedgers(db: HubDb, ledgers: readonly KioskIdentity[]): Promise<Map<string, TestKiosk>> {
  const hub = await benchDistrict(db, '越秀区');
  const signers = new Map<string, TestKiosk>();
  for (const ledger of ledgers) {
    const canteen = await hub.canteen(`长者饭堂 ${ledger.kioskIndex}`, ledger.regionCode);
    signers.set(ledger.deviceId, await hub.kiosk(canteen, ledger.deviceId));
  }
  return signers;
}

export interface SignedBatch {
  readonly batch: UploadBatch;
  /** The hub's clock when it arrives: two minutes after its last record, as a kiosk syncing as it goes. */
  readonly receivedAt: string;
}

/** A ledger cut into batches of `size`, each signed with the device's enrolled key. */
export function signedBatches(ledger: KioskLedger, signer: TestKiosk, size: number): SignedBatch[] {
  const out: SignedBatch[] = [];
  for (let from = 0; from < ledger.records.length; from += size) {
    const records = ledger.records.slice(from, from + size);
    const last = records[records.length - 1];
    if (last === undefined) continue;
    const sentAt = new Date(Date.parse(last.at) + 120_000).toISOString();
    out.push({ batch: signer.sign({ deviceId: ledger.deviceId, sentAt, records, signature: '' }), receivedAt: sentAt });
  }
  return out;
}

/**
 * Runs `send` over every kiosk's batches with `concurrency` uploads in flight: each worker takes the
 * next kiosk and sends its batches in order (a kiosk's chain must arrive in order), so batches of
 * different kiosks interleave as they do at a hub serving many canteens at once.
 */
export async function sendAll(
  kiosks: readonly (readonly SignedBatch[])[],
  concurrency: number,
  send: (b: SignedBatch) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const batches = kiosks[next++];
      if (batches === undefined) return;
      for (const b of batches) await send(b);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
