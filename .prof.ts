import Database from 'better-sqlite3';
import { rowToRecord, LEDGER_SQL, verifyLedger } from './electron/kiosk/ledger/ledger-store.js';
import { chainHash } from './shared/ledger/chain.js';
import { ledgerRecordSchema } from './shared/ledger/envelope.js';
const db = new Database('/tmp/zbench/big.db', { readonly: true });
const rows = db.prepare(LEDGER_SQL.from).all(1, 50000) as Record<string, unknown>[];
function bench(name: string, f: (row: Record<string, unknown>) => unknown) { for (const r of rows.slice(0, 5000)) f(r); const t = performance.now(); for (const r of rows) f(r); console.log(name.padEnd(20), ((performance.now() - t) * 1000 / rows.length).toFixed(2), 'us'); }
const recs = rows.map((r) => { const x = rowToRecord(r); if (!x.ok) throw new Error(); return x.value; });
let i = 0;
bench('zod safeParse rec', () => ledgerRecordSchema.safeParse(recs[i++ % recs.length]));
i = 0; bench('chainHash', () => { const r = recs[i++ % recs.length]!; return chainHash(r, r.prevHash); });
bench('rowToRecord', (r) => rowToRecord(r));
const t = performance.now(); const v = verifyLedger({ stmt: (sql: string) => db.prepare(sql) as never }); console.log('verifyLedger', v.ok, ((performance.now() - t) * 1000 / 300000).toFixed(2), 'us/row');
