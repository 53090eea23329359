/**
 * The roster code shared by hub and kiosk: the row parser reads a real file; the one sheet reader
 * both import (node-lib/roster/read-sheet.ts, so there is no second copy to drift) reads it from
 * bytes; the roster package's signed bytes; and every message key the roster code uses has both
 * languages in its catalog.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RosterReader } from '../../../shared/roster/import-parse.js';
import type { SheetRow } from '../../../shared/roster/sheet-row.js';
import { ROSTER_SIGNING_PREFIX, rosterPackageBytes } from '../../../shared/roster/package.js';
import { hubRosterCatalog } from '../../../shared/i18n/catalog-hub-roster.js';
import { elderStatusChangeSchema, rosterImportQuerySchema, rosterSearchQuerySchema } from '../../../shared/hub-api/roster-views.js';
import { catalogs } from '../../../shared/i18n/catalogs.js';
import { openSheet } from '../../../node-lib/roster/read-sheet.js';
import { makeIdNumber, withWrongCheck } from '../../helpers/kiosk-fixture.js';

const STATUSES = [
  { code: 'tekun', name: '特困' },
  { code: 'dibao', name: '低保' },
];

const ROWS: string[][] = [
  ['花名册'],
  ['姓名*', '身份证号', '卡号', '类别', '类别起始', '类别截止', '户籍地', '常住地', '养老机构', '独居', '电话', '备注'],
  ['王秀英', makeIdNumber('440106', '1950-03-15', 'F', 1), 'a1b2c3d4；0A0B0C0D', '低保', '2025/1/1', '', '440106001', '440106001', '否', '是', '138', 'x'],
  ['', withWrongCheck(makeIdNumber('440106', '1950-03-15', 'F', 2)), 'zz', '五保', '2025-13-01', '', '4401', '', '也许', '', '', ''],
  ['李国强', makeIdNumber('440106', '1940-05-20', 'M', 3), 'A1B2C3D4', '特困、低保', '20250101', '20241231', '', '', '1', '0', '', ''],
  ['张三', '4401061950031512**', '', '', '', '', '', '', '', '', '', ''],
];

function readAll(reader: { push(row: SheetRow): unknown; finish(format: 'csv'): unknown }): unknown {
  const good = ROWS.map((cells, i) => reader.push({ line: i + 1, cells }));
  return { good, summary: reader.finish('csv') };
}

describe('shared roster code', () => {
  it('the shared row parser reads a file: good rows and the problems of bad ones', () => {
    const shared = readAll(new RosterReader({ statuses: STATUSES }));
    expect(JSON.stringify(shared)).toContain('roster.row.nameEmpty');
    expect(JSON.stringify(shared)).toContain('王秀英');
  });

  it('the sheet reader of hub and kiosk reads CSV (UTF-8 with and without a byte-order mark) into numbered rows', async () => {
    const text = ROWS.map((r) => r.join(',')).join('\r\n');
    const utf8 = new TextEncoder().encode(text);
    const rows = async (bytes: Uint8Array): Promise<SheetRow[]> => {
      const sheet = await openSheet(bytes);
      if (!sheet.ok) throw new Error('unreadable');
      expect(sheet.value.format).toBe('csv');
      const out: SheetRow[] = [];
      sheet.value.eachRow((row) => out.push(row));
      return out;
    };
    const plain = await rows(utf8);
    expect(plain).toEqual(ROWS.map((cells, i) => ({ line: i + 1, cells })));
    expect(await rows(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual(plain);
  });

  it('signs the prefix and the canonical JSON: key order does not matter, content does', () => {
    const a = rosterPackageBytes({ b: 1, a: ['x', { d: null, c: true }] });
    expect(a).toBe(`${ROSTER_SIGNING_PREFIX}{"a":["x",{"c":true,"d":null}],"b":1}`);
    expect(rosterPackageBytes({ a: ['x', { c: true, d: null }], b: 1 })).toBe(a);
    expect(rosterPackageBytes({ a: ['x', { c: true, d: null }], b: 2 })).not.toBe(a);
    // A float was never signed by a hub: no bytes for it.
    expect(() => rosterPackageBytes({ a: 1.5 })).toThrow();
  });

  it('the HTTP views read query strings as a route gets them: a dry run unless accept=true, numbers from text', () => {
    expect(rosterImportQuerySchema.parse({})).toEqual({ accept: false });
    expect(rosterImportQuerySchema.parse({ accept: 'true', format: 'xlsx' })).toEqual({ accept: true, format: 'xlsx' });
    expect(rosterImportQuerySchema.safeParse({ accept: 'yes' }).success).toBe(false);
    expect(rosterSearchQuerySchema.parse({ limit: '20' })).toEqual({ status: 'all', limit: 20 });
    expect(rosterSearchQuerySchema.safeParse({ limit: '201' }).success).toBe(false);
    expect(elderStatusChangeSchema.parse({ active: true })).toEqual({ active: true, reason: '' });
  });

  it('every message key the roster code uses is in the roster catalog in both languages, and no other catalog has it', () => {
    const roots = ['server/roster', 'electron/kiosk/roster-downlink', 'shared/hub-api/roster-views.ts', 'shared/roster/package.ts'];
    const files = roots.flatMap((root) => (root.endsWith('.ts') ? [root] : readdirSync(root).map((f) => join(root, f))));
    const used = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'((?:hub\.roster|rosterDown)\.[A-Za-z.]+)'/g)) if (m[1] !== undefined) used.add(m[1]);
      // Template keys: rosterDown.badElder.${what}
      if (readFileSync(file, 'utf8').includes('`rosterDown.badElder.${what}`')) {
        for (const what of ['idNumber', 'name', 'twice', 'statusDates', 'statusTwice', 'card']) used.add(`rosterDown.badElder.${what}`);
      }
    }
    expect(used.size).toBeGreaterThan(15);
    for (const key of used) {
      const entry = hubRosterCatalog[key];
      expect(entry, key).toBeDefined();
      expect(entry?.['zh-CN'].length, key).toBeGreaterThan(0);
      expect(entry?.en.length, key).toBeGreaterThan(0);
    }
    const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
    for (const [key, entry] of Object.entries(hubRosterCatalog)) {
      expect(placeholders(entry.en), key).toEqual(placeholders(entry['zh-CN']));
    }
    for (const key of Object.keys(hubRosterCatalog)) {
      expect(key).toMatch(/^(hub\.roster|rosterDown)\./);
      const elsewhere = catalogs.filter((c) => c !== hubRosterCatalog && Object.hasOwn(c, key));
      expect(elsewhere, key).toEqual([]);
    }
  });
});
