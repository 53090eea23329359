/**
 * End-to-end harness of the district web app: a real hub in this process — PGlite in a temp folder,
 * migrated, the real HTTP server on a free 127.0.0.1 port serving dist/renderer/district — seeded the
 * way a district really fills up: a district with its signing keys and published policy, an admin and
 * a viewer, two canteens, three kiosks enrolled through one-time codes, and ledgers priced by the
 * shared price(), sealed, signed and sent through the real ingest (test/helpers/hub-upload.ts).
 * Debian's Chromium through playwright-core; tests wait for what the page announces (`zhucan:*`
 * events) or for elements, never for a fixed time.
 *
 * The hub's clock and the page's clock both start at NOW (14:30 in Guangzhou on Tuesday 2026-11-24)
 * and run in real time, so "today" is the seeded day on both sides.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount } from '../../server/accounts/index.js';
import type { HubRoute } from '../../server/http/route.js';
import { startHubHttpServer } from '../../server/http/hub-http-server.js';
import type { HubHttpServer } from '../../server/http/hub-http-server.js';
import { openHubStore } from '../../server/hub-server.js';
import type { HubStore } from '../../server/hub-server.js';
import { ingestBatch } from '../../server/ingest/index.js';
import type { Canteen } from '../../server/enrolment/index.js';
import { uploadAcceptedSchema } from '../../shared/hub-api/upload.js';
import type { UploadBatch } from '../../shared/hub-api/upload.js';
import type { LedgerRecord } from '../../shared/ledger/envelope.js';
import { makeHubDistrict, testElder } from '../helpers/hub-upload.js';
import type { HubDistrict, TestElder, TestKiosk } from '../helpers/hub-upload.js';
import { loadPolicy } from '../helpers/policies.js';
import { launchChromium, recordEvents, TestClock } from './kiosk-harness.js';

export { after, eventAfter, eventCount, launchChromium } from './kiosk-harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const DISTRICT_STATIC_DIR = join(ROOT, 'dist/renderer/district');

/** 14:30 in Guangzhou on Tuesday 2026-11-24: lunch is over, the day not yet closed. */
export const NOW = '2026-11-24T06:30:00.000Z';
export const TODAY = '2026-11-24';
export const LAST_MONTH = '2026-10';

export const PASSWORD = 'district-pass-2026';
export const ADMIN = { login: 'wang.admin', password: PASSWORD } as const;
export const VIEWER = { login: 'li.viewer', password: PASSWORD } as const;

export const CANTEEN_A = '东山长者饭堂';
export const CANTEEN_B = '北京街长者饭堂';

/** The newest modification time of any file under `dir` (0 when there is none). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let most = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    most = Math.max(most, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return most;
}

/**
 * The built web app to serve: dist/renderer/district when it is newer than its sources (the app, the
 * shared UI helpers, the shared code it imports — `npm test` builds it first), otherwise a fresh build
 * of this test process's own in a temp folder. A test never runs on yesterday's build, and test files
 * running side by side never build over each other's dist/.
 */
let ownBuild: string | null = null;
export function districtStaticDir(): string {
  const index = join(DISTRICT_STATIC_DIR, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...['renderer/district', 'renderer/ui', 'renderer/kiosk/screens/reports', 'shared'].map((d) => newest(join(ROOT, d))));
  if (built > sources) return DISTRICT_STATIC_DIR;
  if (ownBuild === null) {
    const out = mkdtempSync(join(tmpdir(), 'zhucan-district-app-'));
    execFileSync('npx', ['vite', 'build', '--config', 'vite.district.config.ts', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
    ownBuild = out;
    process.once('exit', () => rmSync(out, { recursive: true, force: true }));
  }
  return ownBuild;
}

/** What the seed put in, counted on the kiosks' side — what the screens must show, independently of the hub's sums. */
export interface Seeded {
  readonly district: HubDistrict;
  readonly canteenA: Canteen;
  readonly canteenB: Canteen;
  readonly kiosks: { readonly a1: TestKiosk; readonly a2: TestKiosk; readonly b1: TestKiosk };
  /** Meals (check-ins + sale quantities) with today's service date, over every kiosk. */
  readonly mealsToday: number;
  /** Of them, check-ins the policy subsidises. */
  readonly claimableToday: number;
  /** Canteen A's 2026-11-23 was amended by a meal of kiosk A2 that arrived after A1 closed the day. */
  readonly amendedDay: { readonly canteenId: number; readonly serviceDate: string };
  /** Check-ins subsidised in last month, and their subsidy in fen as the kiosks priced it. */
  readonly claimableLastMonth: number;
  readonly subsidyLastMonth: number;
  /** Today's meals at canteen A alone. */
  readonly mealsTodayA: number;
}

function lunch(date: string, minute: number): string {
  // 12:mm in Guangzhou is 04:mm UTC.
  return `${date}T04:${String(minute).padStart(2, '0')}:00.000Z`;
}

function mealsOf(records: readonly LedgerRecord[], date: string): { meals: number; claimable: number; subsidy: number } {
  let meals = 0;
  let claimable = 0;
  let subsidy = 0;
  for (const r of records) {
    if (r.serviceDate !== date) continue;
    if (r.kind === 'checkin') {
      meals += 1;
      if (typeof r.body['subsidy'] === 'number' && r.body['subsidy'] > 0) {
        claimable += 1;
        subsidy += r.body['subsidy'];
      }
    }
    if (r.kind === 'sale') meals += typeof r.body['quantity'] === 'number' ? r.body['quantity'] : 1;
  }
  return { meals, claimable, subsidy };
}

async function send(store: HubStore, batch: UploadBatch, receivedAt: string): Promise<void> {
  const answer = await ingestBatch(store.db, { body: batch, receivedAt });
  // A refusal here is a broken seed, not a finding: stop with the hub's words.
  if (!answer.ok) throw new Error(`seed upload refused: ${answer.kind}: ${answer.message}`);
  uploadAcceptedSchema.parse(answer);
}

/** Sends what `kiosk` has not sent yet, as if it reached the hub at `at` (its own clock in step). */
async function upload(store: HubStore, kiosk: TestKiosk, at: string): Promise<void> {
  await send(store, kiosk.batch({ sentAt: at }), at);
}

export async function seedDistrict(store: HubStore): Promise<Seeded> {
  const db = store.db;
  const district = await makeHubDistrict(db, { name: '越秀区', regionCode: '440104', policies: [loadPolicy('guangzhou-2026-v2')] });
  for (const [who, role] of [
    [ADMIN, 'admin'],
    [VIEWER, 'viewer'],
  ] as const) {
    const made = await createAccount(db, { actor: 'console', districtId: district.districtId, login: who.login, password: who.password, role, now: '2026-01-01T00:00:00.000Z' });
    if (!made.ok) throw new Error(`account ${who.login}: ${JSON.stringify(made.error)}`);
  }
  const canteenA = await district.canteen(CANTEEN_A, '440104001');
  const canteenB = await district.canteen(CANTEEN_B, '440104002');
  const a1 = await district.kiosk(canteenA, 'dongshan-1');
  const a2 = await district.kiosk(canteenA, 'dongshan-2');
  const b1 = await district.kiosk(canteenB, 'beijingjie-1');

  const elders: TestElder[] = [
    testElder('e-chen', '1944-05-02', { statuses: ['dibao'], region: '440104001' }),
    testElder('e-li', '1950-08-15', { region: '440104001' }),
    testElder('e-zhang', '1938-01-20', { region: '440104001' }),
    testElder('e-huang', '1947-11-30', { region: '440104002' }),
    testElder('e-zhao', '1942-03-09', { statuses: ['youfu'], region: '440104002' }),
  ];
  const [chen, li, zhang, huang, zhao] = elders as [TestElder, TestElder, TestElder, TestElder, TestElder];

  // Last month: two canteens, one lunch each elder, days closed and sent that evening.
  a1.checkin(chen, { at: lunch('2026-10-12', 5) });
  a1.checkin(li, { at: lunch('2026-10-12', 6) });
  a1.checkin(zhang, { at: lunch('2026-10-12', 7) });
  a1.close('2026-10-12');
  b1.checkin(huang, { at: lunch('2026-10-12', 8) });
  b1.checkin(zhao, { at: lunch('2026-10-12', 9) });
  b1.close('2026-10-12');
  await upload(store, a1, '2026-10-12T12:00:00.000Z');
  await upload(store, b1, '2026-10-12T12:00:00.000Z');
  // Kiosk A2 was enrolled then and has sent nothing yet; its first record (below) comes late.

  // Yesterday: A1 serves two elders and closes the day; A2's meal of the same day reaches the hub
  // only this morning — after the canteen's day was counted: an amended count.
  a1.checkin(chen, { at: lunch('2026-11-23', 5) });
  a1.checkin(li, { at: lunch('2026-11-23', 6) });
  a1.close('2026-11-23');
  await upload(store, a1, '2026-11-23T12:00:00.000Z');
  a2.checkin(zhang, { at: lunch('2026-11-23', 20) });
  await upload(store, a2, '2026-11-24T01:00:00.000Z');

  // Today's lunch: three elders and a full-price sale at A, two elders at B — and Chen again at B
  // in the same lunch: subsidised in two canteens in one period (an anomaly with both records).
  a1.checkin(chen, { at: lunch(TODAY, 5) });
  a1.checkin(li, { at: lunch(TODAY, 6) });
  a1.checkin(zhang, { at: lunch(TODAY, 7) });
  a1.sale({ at: lunch(TODAY, 8), standard: 1500 });
  b1.checkin(huang, { at: lunch(TODAY, 10) });
  b1.checkin(zhao, { at: lunch(TODAY, 11) });
  b1.checkin(chen, { at: lunch(TODAY, 40) });
  await upload(store, a1, '2026-11-24T05:00:00.000Z');
  await upload(store, b1, '2026-11-24T05:10:00.000Z');

  const today = [a1, a2, b1].map((k) => mealsOf(k.records, TODAY));
  const october = [a1, a2, b1].map((k) => mealsOf(k.records, '2026-10-12'));
  return {
    district,
    canteenA,
    canteenB,
    kiosks: { a1, a2, b1 },
    mealsToday: today.reduce((n, m) => n + m.meals, 0),
    claimableToday: today.reduce((n, m) => n + m.claimable, 0),
    amendedDay: { canteenId: canteenA.id, serviceDate: '2026-11-23' },
    claimableLastMonth: october.reduce((n, m) => n + m.claimable, 0),
    subsidyLastMonth: october.reduce((n, m) => n + m.subsidy, 0),
    mealsTodayA: (today[0]?.meals ?? 0) + (today[1]?.meals ?? 0),
  };
}

export interface RunningHub {
  readonly dir: string;
  readonly store: HubStore;
  readonly http: HubHttpServer;
  readonly url: string;
  readonly clock: TestClock;
  readonly seeded: Seeded;
  /** A new browser context at 1280×800 whose clock starts at the hub's, and a page on the web app. */
  openPage(browser: Browser, options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Routes not (yet) in the hub's table: the same extension point the hub offers (HubHttpOptions.extraRoutes). */
  readonly extraRoutes?: readonly HubRoute[];
}

export async function startDistrictHub(options: StartOptions = {}): Promise<RunningHub> {
  const staticDir = districtStaticDir();
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-district-e2e-'));
  const store = await openHubStore({ dataDir: dir });
  try {
    const seeded = await seedDistrict(store);
    const clock = new TestClock(NOW);
    const http = await startHubHttpServer({
      db: store.db,
      logger: {
        info: () => undefined,
        error: (event, fields) => process.stderr.write(`hub ${event}: ${JSON.stringify(fields)}\n`),
      },
      host: '127.0.0.1',
      port: 0,
      staticDir,
      now: () => new Date(clock.now()).toISOString(),
      // Each test signs in a few times from one address; the limiter has its own tests.
      signInsPerMinute: 1000,
      extraRoutes: [...(options.extraRoutes ?? [])],
    });
    return {
      dir,
      store,
      http,
      url: http.url,
      clock,
      seeded,
      async openPage(browser, opts = {}) {
        const context = await browser.newContext({
          locale: opts.locale ?? 'zh-CN',
          viewport: opts.viewport ?? { width: 1280, height: 800 },
          acceptDownloads: true,
        });
        await recordEvents(context);
        const page = await context.newPage();
        await page.clock.install({ time: new Date(clock.now()) });
        await page.goto(http.url);
        return { context, page };
      },
      async close() {
        await http.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}


/** Signs in on the login screen and waits for the app's shell. */
export async function signIn(page: Page, who: { login: string; password: string }): Promise<void> {
  await page.getByTestId('login-name').fill(who.login);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-login').waitFor();
}

/** What a district browser test works with; set afresh for each test by useDistrictInBrowser's hooks. */
export interface DistrictInBrowser {
  browser: Browser;
  hub: RunningHub;
  context: BrowserContext;
  page: Page;
}

/**
 * The hooks of a district browser test file: Chromium once per file; a seeded hub for each test, or
 * (`hubPerFile`) one for the whole file when its tests change nothing another test reads — seeding
 * takes seconds; and for each test a fresh page on the web app (signed in as `signInAs` when given).
 */
export function useDistrictInBrowser(opts: { signInAs?: { login: string; password: string }; hubPerFile?: boolean } & StartOptions = {}): DistrictInBrowser {
  const state = {} as DistrictInBrowser;
  beforeAll(async () => {
    state.browser = await launchChromium();
    if (opts.hubPerFile === true) state.hub = await startDistrictHub(opts);
  });
  afterAll(async () => {
    if (opts.hubPerFile === true) await state.hub.close();
    await state.browser.close();
  });
  beforeEach(async () => {
    if (opts.hubPerFile !== true) state.hub = await startDistrictHub(opts);
    ({ context: state.context, page: state.page } = await state.hub.openPage(state.browser));
    if (opts.signInAs !== undefined) await signIn(state.page, opts.signInAs);
  });
  afterEach(async () => {
    await state.context.close();
    if (opts.hubPerFile !== true) await state.hub.close();
  });
  return state;
}
