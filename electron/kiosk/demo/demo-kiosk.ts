/**
 * The demo canteen: a kiosk database with the demo policy, ~300 made-up elders with cards and two
 * operators — embedded data, nothing to configure. What `npm start` and `zhucan demo` prepare.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseResidentId } from '../../../shared/idcard.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { addOperator } from '../operators.js';
import { installPolicy } from '../policy-store.js';
import { bindCard, countElders, replaceStatuses, reportCardLost, setActive, upsertElder } from '../roster/roster-store.js';
import { setUpKiosk } from '../settings.js';
import type { KioskIdentity } from '../settings.js';
import { openKioskStore } from '../store/open.js';
import type { KioskStore } from '../store/open.js';
import { buildDemoRoster } from './demo-roster.js';
import type { DemoOperator } from './demo-roster.js';
import demoPolicyJson from './demo-policy.json' with { type: 'json' };

export const DEMO_SEED = 20261124;
export const DEMO_CANTEEN = { canteenName: '天河区五山街长者饭堂（演示）', canteenRegion: '440106001' } as const;

export function demoPolicy(): Policy {
  return policySchema.parse(demoPolicyJson);
}

export interface DemoSummary {
  readonly file: string;
  readonly created: boolean;
  readonly identity: KioskIdentity;
  readonly elders: number;
  readonly operators: readonly DemoOperator[];
  /** A few cards to try: an ordinary one, a hardship one, a lost one. */
  readonly sampleCards: readonly { uid: string; name: string; note: string }[];
}

/** Prepares the demo database at `file` (kept as it is if it already holds the demo). */
export function prepareDemo(file: string, now: string): DemoSummary {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file);
  const store = openKioskStore(file);
  try {
    const roster = buildDemoRoster(DEMO_SEED);
    const created = !existed || countElders(store.read) === 0;
    const policy = demoPolicy();
    const identity = setUpKiosk(store, { ...DEMO_CANTEEN, policyId: policy.id });
    installPolicy(store, policy, now);
    if (created) writeRoster(store, roster, now);
    return {
      file,
      created,
      identity,
      elders: countElders(store.read),
      operators: roster.operators,
      sampleCards: sampleCards(roster),
    };
  } finally {
    store.close();
  }
}

function writeRoster(store: KioskStore, roster: ReturnType<typeof buildDemoRoster>, now: string): void {
  store.write((tx) => {
    for (const op of roster.operators) {
      const added = addOperator(tx, { id: op.id, name: op.name, role: op.role, pin: op.pin }, now);
      if (!added.ok) throw new Error(`demo operator ${op.id}: ${added.error.code}`);
    }
    for (const e of roster.elders) {
      const resident = parseResidentId(e.idNumber);
      if (!resident.ok) throw new Error(`demo roster has an invalid ID number (${resident.error.code})`);
      const { id } = upsertElder(
        tx,
        {
          resident: resident.value,
          name: e.name,
          hukouRegion: e.hukouRegion,
          residenceRegion: e.residenceRegion,
          careHome: e.careHome,
          phone: e.phone,
          dietAlert: e.dietAlert,
          regular: e.regular,
          livesAlone: e.livesAlone,
          active: e.active,
        },
        now,
      );
      const statuses = replaceStatuses(tx, id, e.statuses.map((s) => ({ code: s.code, validFrom: s.validFrom, validTo: s.validTo })));
      if (!statuses.ok) throw new Error(`demo statuses: ${statuses.error.code}`);
      for (const card of e.cards) {
        const bound = bindCard(tx, id, card.uid, now);
        if (!bound.ok) throw new Error(`demo card ${card.uid}: ${bound.error.code}`);
        if (card.state === 'lost') reportCardLost(tx, card.uid, now);
      }
      if (!e.active) setActive(tx, id, false, now);
    }
  });
}

function sampleCards(roster: ReturnType<typeof buildDemoRoster>): DemoSummary['sampleCards'] {
  const active = (e: (typeof roster.elders)[number]) => e.cards.find((c) => c.state === 'active');
  const local = roster.elders.filter((e) => e.active && !e.careHome && e.hukouRegion === DEMO_CANTEEN.canteenRegion);
  const plain = local.find((e) => e.statuses.length === 0 && active(e) !== undefined);
  const hardship = local.find((e) => e.statuses.some((s) => ['tekun', 'dibao'].includes(s.code) && s.validTo === null) && active(e) !== undefined);
  const lost = roster.elders.find((e) => e.cards.some((c) => c.state === 'lost'));
  const out: { uid: string; name: string; note: string }[] = [];
  if (plain !== undefined) out.push({ uid: active(plain)?.uid ?? '', name: plain.name, note: '普通长者 / an elder with no status' });
  if (hardship !== undefined) out.push({ uid: active(hardship)?.uid ?? '', name: hardship.name, note: '困难长者 / an elder in hardship' });
  const lostCard = lost?.cards.find((c) => c.state === 'lost');
  if (lost !== undefined && lostCard !== undefined) out.push({ uid: lostCard.uid, name: lost.name, note: '已挂失的卡 / a card reported lost' });
  return out;
}
