import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter, maskResidentId } from '../../../shared/idcard.js';
import { render } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { exportRoster, importRoster } from '../../../electron/kiosk/roster/import-roster.js';
import type { ImportReport } from '../../../electron/kiosk/roster/import-roster.js';
import { EXPORT_MARK } from '../../../shared/roster/roster-columns.js';
import { bindCard, countElders, findByCard, findById, reportCardLost, searchElders, upsertElder } from '../../../electron/kiosk/roster/roster-store.js';
import { openKioskStore, rawDatabase } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';
import { parseResidentId } from '../../../shared/idcard.js';
import { DEMO_STATUSES } from '../../../electron/kiosk/demo/demo-roster.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/roster/', import.meta.url));
const NOW = '2025-03-01T02:00:00.000Z';
const STATUSES = DEMO_STATUSES;

/** A valid made-up ID number: region 440106, the birth date, a sequence (odd = man) and its check character. */
function id(birth: string, seq: string): string {
  const first17 = `440106${birth}${seq}`;
  return first17 + checkCharacter(first17);
}

/** The same number with a wrong check character. */
function wrong(n: string): string {
  return n.slice(0, 17) + (n.endsWith('X') ? '0' : 'X');
}

const A = id('19450312', '002'); // 陈秀英, F
const B = id('19380705', '001'); // 黄国强, M
const C = id('19520101', '004');
const D = id('19600229', '006');

let dir: string;
let store: KioskStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-roster-'));
  store = openKioskStore(join(dir, 'kiosk.db'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function csv(lines: readonly string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

async function run(path: string, accept = false): Promise<ImportReport> {
  return importRoster(store, path, { accept, statuses: STATUSES, now: NOW });
}

/** Each problem as "line: key" — what a test asserts; the words are checked where they matter. */
function lines(problems: readonly { line: number; reason: Message }[]): string[] {
  return problems.map((p) => `${p.line}: ${p.reason.key}`);
}

interface Counts {
  elders: number;
  statuses: number;
  cards: number;
  settings: number;
}

function counts(): Counts {
  const n = (table: string): number => store.read.stmt<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
  return { elders: n('elders'), statuses: n('elder_statuses'), cards: n('cards'), settings: n('settings') };
}

const HEADER = '姓名,身份证号,卡号,类别,类别起始,类别截止,户籍地,常住地,养老机构,电话,饮食提示,独居,常客';

describe('reading the formats managers bring', () => {
  const rows = [
    HEADER,
    `陈秀英,${A},a1b2c3d4,低保,2020-01-01,,440106001,440106001,否,13800138000,"糖尿病，少糖",是,是`,
    `黄国强,${B},0BADCAFE；11223344,特困、shineng,2019/5/1,2030年12月31日,440106,440106002,0,,,no,1`,
  ];

  async function expectTwoElders(report: ImportReport): Promise<void> {
    expect(report).toMatchObject({ total: 2, good: 2, bad: [], imported: 2, created: 2, updated: 0, accepted: true });
    const a = findById(store, A);
    expect(a.kind).toBe('found');
    if (a.kind !== 'found') return;
    expect(a.elder).toMatchObject({
      name: '陈秀英',
      birthDate: '1945-03-12',
      sex: 'F',
      idMasked: maskResidentId(A),
      hukouRegion: '440106001',
      careHome: false,
      phone: '13800138000',
      dietAlert: '糖尿病，少糖',
      livesAlone: true,
      regular: true,
      statuses: [{ code: 'dibao', validFrom: '2020-01-01', validTo: null }],
      cards: [{ uid: 'A1B2C3D4', state: 'active' }],
    });
    const b = findByCard(store, '11223344');
    expect(b.kind).toBe('found');
    if (b.kind !== 'found') return;
    expect(b.elder).toMatchObject({ name: '黄国强', sex: 'M', regular: true, livesAlone: false, phone: null, dietAlert: null });
    expect(b.statuses).toEqual([
      { code: 'shineng', validFrom: '2019-05-01', validTo: '2030-12-31' },
      { code: 'tekun', validFrom: '2019-05-01', validTo: '2030-12-31' },
    ]);
    expect(b.elder.cards.map((c) => c.uid).sort()).toEqual(['0BADCAFE', '11223344']);
    await Promise.resolve();
  }

  it('CSV in UTF-8 without a byte-order mark', async () => {
    await expectTwoElders(await run(file('utf8.csv', csv(rows)), true));
  });

  it('CSV in UTF-8 with a byte-order mark (Excel\'s "CSV UTF-8")', async () => {
    const path = file('bom.csv', `\uFEFF${csv(rows)}`);
    expect(readFileSync(path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await expectTwoElders(await run(path, true));
  });

  it('CSV in GB18030, as Excel in China saves "CSV" (fixture made with iconv)', async () => {
    const bytes = readFileSync(join(FIXTURES, 'roster-gb18030.csv'));
    // Not valid UTF-8: the importer has to notice and decode it as GB18030.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const report = await run(join(FIXTURES, 'roster-gb18030.csv'), true);
    expect(report).toMatchObject({ total: 3, good: 3, bad: [], imported: 3 });
    expect(searchElders(store, '陈秀英').map((e) => e.dietAlert)).toEqual(['糖尿病，少糖']);
    // 䶮 is outside GBK: a four-byte GB18030 sequence.
    expect(searchElders(store, '刘䶮').map((e) => [e.name, e.careHome, e.hukouRegion])).toEqual([['刘䶮', true, '441900']]);
    const huang = findByCard(store, '0BADCAFE');
    expect(huang.kind === 'found' && huang.elder.statuses.map((s) => s.code)).toEqual(['shineng', 'tekun']);
  });

  it('Excel\'s "Unicode text": UTF-16 with tabs', async () => {
    const tsv = rows.map((r) => r.replace(/"糖尿病，少糖"/, '糖尿病，少糖').split(',').join('\t')).join('\r\n');
    await expectTwoElders(await run(file('unicode.txt', Buffer.from(`\uFEFF${tsv}\r\n`, 'utf16le')), true));
  });

  it('XLSX made with exceljs: first worksheet, date cells, number cells, and an ID that Excel turned into a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    wb.addWorksheet('说明').addRow(['这张表不应被读取']);
    ws.addRow(['姓名', '身份证号', '卡号', '类别', '类别起始', '户籍地', '养老机构', '电话', '常客']);
    ws.addRow(['陈秀英', A, 'a1b2c3d4', '低保', new Date(Date.UTC(2020, 0, 1)), 440106001, false, 13800138000, true]);
    ws.addRow([]);
    ws.addRow([{ richText: [{ text: '黄' }, { text: '国强' }] }, B, 12345678, '特困', '2019-05-01', '440106', '否', null, '否']);
    // Typed as a number, the last digits are gone (18 digits are more than a double holds).
    ws.addRow(['何伯', Number(C), '', '', '', '', '', '', '']);
    const path = join(dir, 'roster.xlsx');
    await wb.xlsx.writeFile(path);

    const report = await run(path, true);
    expect(lines(report.bad)).toEqual(['5: roster.row.idAsNumber']);
    expect(report).toMatchObject({ total: 3, good: 2, imported: 2 });
    const a = findById(store, A);
    expect(a.kind === 'found' && a.elder).toMatchObject({
      hukouRegion: '440106001',
      careHome: false,
      phone: '13800138000',
      regular: true,
      statuses: [{ code: 'dibao', validFrom: '2020-01-01', validTo: null }],
    });
    const b = findByCard(store, '12345678');
    expect(b.kind === 'found' && b.elder).toMatchObject({ name: '黄国强', statuses: [{ code: 'tekun', validFrom: '2019-05-01' }] });
  });

  it('English headers, matched loosely (case, spaces, full-width letters, a required mark); unknown headers reported once', async () => {
    const path = file(
      'english.csv',
      csv([
        ' Name *,ＩＤ Number,CARD,Status,status_from,Hukou_Region,residence region,care_home,Phone,diet_alert,lives_alone,regular,备注,Remarks',
        `Chen Xiuying,${A},A1B2C3D4,dibao,2020-01-01,440106001,440106001,no,13800138000,软食,yes,y,老街坊,x`,
        // Full-width digits, as a Chinese input method types them.
        `Huang Guoqiang,${B.toLowerCase()},,Tekun,,４４０１０６,440106002,１,,,0,0,,`,
      ]),
    );
    const report = await run(path, true);
    expect(report).toMatchObject({ total: 2, good: 2, bad: [], imported: 2 });
    expect(lines(report.warnings)).toEqual(['1: roster.file.unknownColumns']);
    expect(render(report.warnings[0]?.reason ?? { key: '' })).toBe('以下列不认识，已忽略：备注、Remarks');
    const b = findById(store, B);
    expect(b.kind === 'found' && b.elder).toMatchObject({ name: 'Huang Guoqiang', careHome: true, hukouRegion: '440106', statuses: [{ code: 'tekun' }] });
  });
});

describe('finding the header', () => {
  it('passes over a title line or two above it, and says so', async () => {
    const path = file('titled.csv', csv(['天河区长者饭堂助餐对象花名册', '2025年3月', HEADER, `陈秀英,${A},A1B2C3D4,低保,,,,,,,,,`]));
    const report = await run(path, true);
    expect(report).toMatchObject({ total: 1, good: 1, bad: [], imported: 1 });
    expect(lines(report.warnings)).toEqual(['3: roster.file.titleRows']);
    expect(render(report.warnings[0]?.reason ?? { key: '' })).toBe('第1、2行不是表头，当作标题跳过；表头在第3行');
  });

  it('gives up after a few lines, with the first line\'s problem', async () => {
    const path = file('no-header.csv', csv(['花名册', 'a,b', 'c,d', 'e,f', HEADER, `陈秀英,${A},,,,,,,,,,,`]));
    const report = await run(path, true);
    expect(lines(report.bad)).toEqual(['1: roster.file.missingColumns']);
    expect(counts().elders).toBe(0);
  });
});

describe('refusing a file as a whole', () => {
  it('a missing required column is fatal, with the column named, and nothing else is read', async () => {
    const report = await run(file('no-id.csv', csv(['姓名,卡号', '陈秀英,A1B2C3D4'])), true);
    expect(report).toMatchObject({ total: 0, good: 0, imported: 0, accepted: false });
    expect(lines(report.bad)).toEqual(['1: roster.file.missingColumns']);
    expect(render(report.bad[0]?.reason ?? { key: '' })).toContain('身份证号');
    expect(counts().elders).toBe(0);
  });

  it('a column given twice, an old .xls, an empty file, a missing file, a broken quote', async () => {
    expect(lines((await run(file('twice.csv', csv([`姓名,身份证号,name`, `a,${A},b`])))).bad)).toEqual(['1: roster.file.columnTwice']);
    expect(lines((await run(file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).bad)).toEqual(['0: roster.file.xls']);
    expect(lines((await run(file('empty.csv', ''))).bad)).toEqual(['0: roster.file.empty']);
    expect(lines((await run(join(dir, 'nowhere.csv'))).bad)).toEqual(['0: roster.file.unreadable']);
    expect(lines((await run(file('quote.csv', csv([HEADER, `"陈秀英,${A}`])))).bad)).toEqual(['0: roster.file.csvBroken']);
    expect(lines((await run(file('headers-only.csv', csv([HEADER])))).warnings)).toEqual(['1: roster.file.noRows']);
  });
});

describe('bad rows: each reported with its spreadsheet line and a reason', () => {
  it('names every kind of problem, on the line a manager sees in Excel', async () => {
    // A card already bound to someone on the kiosk's roster.
    const other = parseResidentId(D);
    if (!other.ok) throw new Error('fixture ID');
    const otherId = upsertElder(store, { resident: other.value, name: '林淑珍' }, NOW).id;
    expect(bindCard(store, otherId, 'CAFEF00D', NOW).ok).toBe(true);

    const wrongCheck = wrong(A);
    const fifteen = `440106${'450101'}003`; // 1945-01-01, man, old 15-digit form
    const rows = [
      HEADER, //                                                                                     line 1
      `陈秀英,${A},A1B2C3D4,低保,,,440106001,440106001,否,,,否,否`, //                                 2 good
      `,${B},,,,,,,,,,,`, //                                                                          3 empty name
      `张三,${wrongCheck},,,,,,,,,,,`, //                                                             4 check character
      `李四,440106194502300011,,,,,,,,,,,`, //                                                        5 30 February
      `陈秀英,${A.toLowerCase()},,,,,,,,,,,`, //                                                      6 duplicate of line 2
      `王五,${id('19400101', '011')},a1b2c3d4,,,,,,,,,,`, //                                           7 card of line 2
      `赵六,${id('19400101', '021')},CAFEF00D,,,,,,,,,,`, //                                           8 card bound already
      `钱七,${id('19400101', '031')},XYZ,,,,,,,,,,`, //                                                9 card format
      `孙八,${id('19400101', '041')},,五保,,,,,,,,,`, //                                               10 unknown status
      `周九,${id('19400101', '051')},,,,,4401,,,,,,`, //                                               11 region
      `吴十,${id('19400101', '061')},,低保,2025-13-01,,,,,,,,`, //                                      12 date
      `郑一,${id('19400101', '071')},,,,,,,也许,,,,`, //                                                13 yes / no
      `冯二,${fifteen},,,,,,,,,,,`, //                                                                 14 good, converted
      `卫三,440106********0025,,,,,,,,,,,`, //                                                         15 masked
      `蒋四,4.40106E+17,,,,,,,,,,,`, //                                                                16 Excel's number
      ``, //                                                                                           17 blank, still counted
      `沈五,${C},,dibao;Tekun,2024-01-01,2023-01-01,,,,,,,`, //                                          18 ends before start
      `韩六,${C.slice(0, 17)},,,,,,,,,,,`, //                                                          19 length
    ];
    const path = file('bad.csv', csv(rows));
    const report = await run(path);

    expect(lines(report.bad)).toEqual([
      '3: roster.row.nameEmpty',
      '4: id.checkChar',
      '5: id.birthDateInvalid',
      '6: roster.row.idDuplicate',
      '7: roster.row.cardDuplicate',
      '8: roster.row.cardTaken',
      '9: roster.card.format',
      '10: roster.row.statusUnknown',
      '11: roster.row.regionBad',
      '12: roster.row.dateBad',
      '13: roster.row.yesNoBad',
      '15: roster.row.idMasked',
      '16: roster.row.idAsNumber',
      '18: roster.row.dateOrder',
      '19: id.length',
    ]);
    expect(report).toMatchObject({ total: 17, good: 2, imported: 0, accepted: false });
    expect(lines(report.warnings)).toEqual(['14: roster.row.converted15']);

    const said = new Map(report.bad.map((p) => [p.line, render(p.reason)]));
    expect(said.get(4)).toContain(`最后一位应为${checkCharacter(A.slice(0, 17))}`);
    expect(said.get(5)).toContain('1945-02-30');
    expect(said.get(6)).toBe('身份证号与第2行重复（同一位老人出现了两次）');
    expect(said.get(7)).toBe('卡号A1B2C3D4与第2行重复，一张卡只能给一位老人');
    expect(said.get(8)).toBe('卡号CAFEF00D已绑定给花名册中的林淑珍');
    expect(said.get(10)).toBe('类别“五保”不认识，可填写：特困、低保、低收入、优抚、失能、独居');
    expect(said.get(11)).toContain('户籍地');
    expect(said.get(12)).toContain('2025-13-01');
    expect(said.get(13)).toBe('“养老机构”应填“是”或“否”，现在是“也许”');
    const converted = `44010619450101003${checkCharacter('44010619450101003')}`;
    expect(render(report.warnings[0]?.reason ?? { key: '' })).toBe(`15位旧身份证号已转换为18位：${maskResidentId(converted)}`);

    // No reason or warning repeats an ID number of the file.
    const everything = JSON.stringify([report.bad, report.warnings].flat().map((p) => [render(p.reason), render(p.reason, 'en')]));
    for (const n of [A, B, C, wrongCheck, fifteen]) expect(everything).not.toContain(n);
  });

  it('reports every problem of a row, not just the first', async () => {
    const report = await run(file('two.csv', csv([HEADER, `,${B},XYZ,,,,,,,,,,`])));
    expect(lines(report.bad)).toEqual(['2: roster.row.nameEmpty', '2: roster.card.format']);
    expect(report).toMatchObject({ total: 1, good: 0 });
  });
});

describe('dry run and accept', () => {
  const good = [
    HEADER,
    `陈秀英,${A},A1B2C3D4,低保,,,440106001,440106001,否,,,否,否`,
    `无名,${wrong(B)},,,,,,,,,,,`,
    `黄国强,${B},0BADCAFE,特困、失能,,,440106,440106002,否,,,否,是`,
  ];

  it('a dry run reports and changes nothing — not even the kiosk key', async () => {
    const path = file('roster.csv', csv(good));
    const before = counts();
    const report = await run(path, false);
    expect(report).toMatchObject({ total: 3, good: 2, imported: 0, accepted: false });
    expect(lines(report.bad)).toEqual(['3: id.checkChar']);
    expect(counts()).toEqual(before);
  });

  it('accept writes exactly the good rows, in one transaction', async () => {
    const path = file('roster.csv', csv(good));
    let transactions = 0;
    const counted: KioskStore = {
      file: store.file,
      readonly: store.readonly,
      read: store.read,
      write: (fn) => {
        transactions++;
        return store.write(fn);
      },
      close: () => store.close(),
    };
    const report = await importRoster(counted, path, { accept: true, statuses: STATUSES, now: NOW });
    expect(transactions).toBe(1);
    expect(report).toMatchObject({ total: 3, good: 2, imported: 2, created: 2, accepted: true });
    expect(counts()).toEqual({ elders: 2, statuses: 3, cards: 2, settings: 1 });
    expect(searchElders(store, '无名')).toEqual([]);
  });

  it('a second import updates by ID number: statuses replaced, missing columns kept, own lost card left lost', async () => {
    await run(file('first.csv', csv(good)), true);
    const a = findById(store, A);
    if (a.kind !== 'found') throw new Error('not imported');
    expect(reportCardLost(store, 'A1B2C3D4', NOW).ok).toBe(true);

    const path = file('second.csv', csv(['身份证号,姓名,卡号,类别', `${A},陈秀英,A1B2C3D4；D00DFEED,优抚`]));
    const report = await importRoster(store, path, { accept: true, statuses: STATUSES, now: '2025-04-01T02:00:00.000Z' });
    expect(report).toMatchObject({ total: 1, good: 1, imported: 1, created: 0, updated: 1 });
    expect(lines(report.warnings)).toEqual(['2: roster.row.cardLostKept']);
    const again = findById(store, A);
    expect(again.kind === 'found' && again.elder).toMatchObject({
      id: a.elder.id,
      // Not in the second file: unchanged.
      hukouRegion: '440106001',
      statuses: [{ code: 'youfu', validFrom: null, validTo: null }],
      cards: [
        { uid: 'A1B2C3D4', state: 'lost' },
        { uid: 'D00DFEED', state: 'active' },
      ],
    });
    expect(countElders(store)).toBe(2);
  });

  it('a failure in the middle of the write leaves nothing behind (a bug: thrown)', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 100; i++) rows.push(`${i === 60 ? '出错' : `老人${i}`},${id('19400101', String(100 + i * 2 + 1))},${(0x10000000 + i).toString(16)},低保,,,,,,,,,`);
    const path = file('many.csv', csv(rows));
    rawDatabase(store).exec(`CREATE TRIGGER fail_midway BEFORE INSERT ON elders WHEN NEW.name = '出错' BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    const before = counts();
    await expect(run(path, true)).rejects.toThrow('injected');
    expect(counts()).toEqual(before);
  });

  it('a full disk in the middle of the write leaves nothing behind, and says so', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 2000; i++) rows.push(`老人${i},${id(`${1940 + Math.floor(i / 1000)}0101`, String(i % 1000).padStart(3, '0'))},${(0x20000000 + i).toString(16)},低保,,,,,,,,,`);
    const path = file('big.csv', csv(rows));
    const d = rawDatabase(store);
    d.pragma(`max_page_count = ${String(d.pragma('page_count', { simple: true }))}`);
    const before = counts();
    const report = await run(path, true);
    expect(report).toMatchObject({ imported: 0, accepted: false, failure: { key: 'store.error.full' } });
    expect(report.good).toBeGreaterThan(0);
    expect(counts()).toEqual(before);
    d.pragma('max_page_count = 1073741823');
  });
});

describe('privacy', () => {
  it('the plain ID number never reaches the database file (nor its WAL)', async () => {
    const fifteen = '440106450101003';
    const rows = [HEADER, `陈秀英,${A},A1B2C3D4,低保,,,,,,,,,`, `黄国强,${B},,,,,,,,,,,`, `冯二,${fifteen},,,,,,,,,,,`];
    await run(file('roster.csv', csv(rows)), true);
    const converted = findById(store, fifteen);
    expect(converted.kind).toBe('found');
    const dbFile = store.file;
    const walBefore = existsSync(`${dbFile}-wal`) ? readFileSync(`${dbFile}-wal`) : Buffer.alloc(0);
    store.close();
    const bytes = Buffer.concat([readFileSync(dbFile), walBefore]);
    expect(converted.kind === 'found' && converted.elder.idMasked).toMatch(/^\*{14}\d{3}[\dX]$/);
    const fifteenAs18 = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}${checkCharacter(`${fifteen.slice(0, 6)}19${fifteen.slice(6)}`)}`;
    for (const n of [A, B, fifteen, fifteenAs18]) {
      expect(bytes.includes(Buffer.from(n, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(n, 'utf16le'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from(maskResidentId(A), 'utf8'))).toBe(true);
    store = openKioskStore(dbFile);
  });
});

describe('export', () => {
  it('writes the roster with the import headers and masked ID numbers, and cannot be imported back', async () => {
    await run(file('roster.csv', csv([HEADER, `陈秀英,${A},A1B2C3D4,低保,2020-01-01,,440106001,440106001,否,=1+1,,否,是`])), true);
    const out = join(dir, 'export.csv');
    const outcome = await exportRoster(store, out, 'csv', { statuses: STATUSES });
    expect(outcome).toEqual({ rows: 1 });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith(`\uFEFF"${EXPORT_MARK}`)).toBe(true);
    const [note, header, row] = text.slice(1).split('\r\n');
    expect(note).toContain('不能用于导入');
    expect(header).toBe(`${HEADER},暂停`);
    expect(row).toBe(`陈秀英,${maskResidentId(A)},A1B2C3D4,低保,2020-01-01,,440106001,440106001,否,'=1+1,,否,是,否`);
    expect(text).not.toContain(A);

    const back = await run(out, true);
    expect(lines(back.bad)).toEqual(['1: roster.file.isExport']);
    expect(back.accepted).toBe(false);
    // Even with the note removed, the masked numbers are refused row by row.
    const stripped = file('stripped.csv', text.slice(1).split('\r\n').slice(1).join('\r\n'));
    expect(lines((await run(stripped)).bad)).toEqual(['2: roster.row.idMasked']);
  });
});

describe('messages', () => {
  it('every roster and operator key the code uses is in the catalog, in both languages', () => {
    const root = fileURLToPath(new URL('../../../electron/kiosk/', import.meta.url));
    // The row parser and card UIDs live in shared/roster (the hub reads the same files).
    const sources = ['../../shared/roster/card-uid.ts', '../../shared/roster/import-parse.ts', 'roster/import-roster.ts', '../../node-lib/roster/read-sheet.ts', 'roster/roster-store.ts', 'operators.ts'];
    const keys = new Set(sources.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/'((?:roster|operator)\.[\w.]+)'/g)].map((m) => m[1] ?? '')));
    expect(keys.size).toBeGreaterThan(40);
    const missing = [...keys].filter((k) => render({ key: k }) === k || render({ key: k }, 'en') === k);
    expect(missing).toEqual([]);
  });
});
