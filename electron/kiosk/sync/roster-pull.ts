/**
 * The uploader's third errand, after the policy pull: bring the district roster of this canteen's
 * area down, and report up the local elders it re-keyed.
 *
 * Down: a signed GET of /api/v1/downlink/roster?since=<the version applied>; the package is checked
 * with the district key from enrolment and applied in one transaction (electron/kiosk/roster-downlink
 * applyRosterPackage: whole or not at all). While the package says `more` (a first sync of a large
 * district comes in parts of 5,000) the next part is asked for, at most MAX_PAGES in one round, so
 * one round never holds the network for long; the next round carries on from the version stored.
 *
 * Up: applying a package re-keys a local elder whose ID number the district has, and remembers
 * old id → district id (rosterAliases). The hub needs those pairs to count meals the ledger recorded
 * under the old id as that elder's. They are sent after a pull that succeeded, in signed parts of
 * ROSTER_ALIASES_PER_REPORT, and the SHA-256 of the whole list the hub took is kept in settings
 * (ALIASES_REPORTED_SETTING): the next round sends nothing unless the list changed. The hub takes a
 * pair it has as a no-op, so a list sent again after a crash between the POST and the setting costs
 * one request, never a wrong count.
 *
 * Never throws: whatever goes wrong comes back as an outcome, stored for `zhucan sync` (and the
 * status) to show, and the next round tries again. Nothing here blocks an upload or a check-in:
 * the network is awaited, and each store write is one short transaction.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ROSTER_ALIASES_PER_REPORT, ROSTER_ALIASES_PATH, ROSTER_PACKAGE_PATH, rosterAliasesAnswerSchema, rosterAliasesText } from '../../../shared/hub-api/downlink.js';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { canonicalJson } from '../../../shared/ledger/canonical.js';
import { applyRosterPackage, appliedRosterVersion, rosterAliases } from '../roster-downlink/index.js';
import { getSetting, setSetting } from '../settings.js';
import type { KioskStore, ReadHandle } from '../store/open.js';
import type { DeviceKeyPair } from './device-key.js';
import { signText } from './device-key.js';
import type { HubLink } from './hub-link.js';
import { signedRequest } from './signed-request.js';
import type { SignedFetch } from './signed-request.js';

/** How often an idle, caught-up uploader asks for roster changes (and at every `zhucan sync --once`). */
export const ROSTER_PULL_EVERY_MS = 60 * 60_000;
/** Parts of a package taken in one round: 40 × 5,000 elders, a whole county. */
export const MAX_PAGES = 40;
/** The SHA-256 of the alias list the hub last took whole. */
export const ALIASES_REPORTED_SETTING = 'sync_roster_aliases_reported';
/** The last roster pull's outcome, for `zhucan sync` in another process. */
export const LAST_ROSTER_PULL_SETTING = 'sync_roster_last_pull';

const messageSchema = z.strictObject({ key: z.string().min(1), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
const countSchema = z.int().min(0);

export const rosterPullOutcomeSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** The kiosk's clock when the pull ended. */
    at: z.iso.datetime({ precision: 3 }),
    /** The roster version the kiosk has now. */
    version: countSchema,
    /** Nothing was newer at the hub. */
    upToDate: z.boolean(),
    inserted: countSchema,
    updated: countSchema,
    rekeyed: countSchema,
    withdrawn: countSchema,
    /** The hub has more after `version`: the next round carries on. */
    more: z.boolean(),
    /** Alias pairs the hub took in this round (0 when the list had not changed since it last took it). */
    aliasesReported: countSchema,
    /** Why the hub did not take the aliases (the roster itself was still applied). */
    aliasProblem: messageSchema.nullable(),
  }),
  z.strictObject({
    ok: z.literal(false),
    at: z.iso.datetime({ precision: 3 }),
    /** unreachable, hubRefused, internal, or why the package was refused here (roster-downlink's kinds). */
    kind: z.string(),
    /** The hub's own kind when it refused (e.g. aheadOfHub, revoked). */
    hubKind: z.string().nullable(),
    problem: messageSchema,
  }),
]);
export type RosterPullOutcome = z.infer<typeof rosterPullOutcomeSchema>;

export interface RosterPullInput {
  readonly store: KioskStore;
  readonly link: HubLink;
  readonly key: DeviceKeyPair;
  readonly fetch: SignedFetch;
  /** The kiosk's clock, UTC ISO with ms: the outcome's time and the rows' stamps. */
  readonly now: string;
  /** The moment each request signs (the hub refuses one 5 minutes off its clock); `now` by default. A long first sync takes many requests. */
  readonly clock?: () => string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxPages?: number;
}

/** Pulls, applies, reports the aliases; stores the outcome and returns it. Never throws. */
export async function pullRoster(input: RosterPullInput): Promise<RosterPullOutcome> {
  let outcome: RosterPullOutcome;
  try {
    outcome = await pullAndReport(input);
  } catch (e) {
    // A store failure or a bug: shown, never allowed to break the upload loop that called us.
    const detail = e instanceof Error ? e.message : String(e);
    outcome = { ok: false, at: input.now, kind: 'internal', hubKind: null, problem: message('sync.problem.internal', { detail }) };
  }
  try {
    input.store.write((tx) => setSetting(tx, LAST_ROSTER_PULL_SETTING, JSON.stringify(outcome)));
  } catch {
    // The outcome is still returned for the status; only `zhucan sync` in another process misses it.
  }
  return outcome;
}

/** The last roster pull as stored, or null (none yet, or the row does not read back). */
export function lastRosterPull(read: ReadHandle): RosterPullOutcome | null {
  const text = getSetting(read, LAST_ROSTER_PULL_SETTING);
  if (text === null) return null;
  try {
    const parsed = rosterPullOutcomeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function failed(at: string, kind: string, problem: Message, hubKind: string | null = null): RosterPullOutcome {
  return { ok: false, at, kind, hubKind, problem };
}

async function pullAndReport(input: RosterPullInput): Promise<RosterPullOutcome> {
  const { store, link, now } = input;
  const base = link.hubUrl.replace(/\/+$/, '');
  const start = appliedRosterVersion(store);
  const totals = { inserted: 0, updated: 0, rekeyed: 0, withdrawn: 0 };
  let version = start;
  let more = false;
  for (let page = 0; page < (input.maxPages ?? MAX_PAGES); page++) {
    const answer = await signedRequest({
      fetch: input.fetch,
      url: `${base}${ROSTER_PACKAGE_PATH}?since=${version}`,
      method: 'GET',
      target: { method: 'GET', path: ROSTER_PACKAGE_PATH, since: version },
      deviceId: link.deviceId,
      deviceKey: input.key.privateKey,
      timestamp: input.clock?.() ?? now,
      timeoutMs: input.timeoutMs,
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
    if (answer.kind === 'unreachable') return failed(now, 'unreachable', answer.problem);
    if (answer.kind === 'refused') {
      // The hub went back to an older backup: what it took of our aliases may be gone with it, so
      // the list is sent again at the next successful pull.
      if (answer.hubKind === 'aheadOfHub') store.write((tx) => tx.stmt('DELETE FROM settings WHERE key = ?').run(ALIASES_REPORTED_SETTING));
      return failed(now, 'hubRefused', answer.problem, answer.hubKind);
    }
    const applied = applyRosterPackage(store, answer.json, { districtPublicKey: link.districtKey, now });
    if (!applied.ok) return failed(now, applied.error.kind, applied.error.message);
    const a = applied.value;
    totals.inserted += a.inserted;
    totals.updated += a.updated;
    totals.rekeyed += a.rekeyed;
    totals.withdrawn += a.withdrawn;
    const progressed = a.version > version;
    version = a.version;
    more = a.more;
    // Done; or the hub says "more" but gave nothing past our version: asking again now would loop.
    if (!a.more || !progressed) break;
  }
  const reported = await reportAliases(input);
  return {
    ok: true,
    at: now,
    version,
    upToDate: version === start,
    ...totals,
    more,
    aliasesReported: reported.ok ? reported.count : 0,
    aliasProblem: reported.ok ? null : reported.problem,
  };
}

type AliasReport = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly problem: Message };

/** Sends the alias list when it changed since the hub last took it whole. */
async function reportAliases(input: RosterPullInput): Promise<AliasReport> {
  const { aliases } = rosterAliases(input.store.read);
  if (aliases.length === 0) return { ok: true, count: 0 };
  const digest = createHash('sha256').update(canonicalJson(aliases), 'utf8').digest('hex');
  if (getSetting(input.store.read, ALIASES_REPORTED_SETTING) === digest) return { ok: true, count: 0 };
  const url = `${input.link.hubUrl.replace(/\/+$/, '')}${ROSTER_ALIASES_PATH}`;
  let count = 0;
  for (let i = 0; i < aliases.length; i += ROSTER_ALIASES_PER_REPORT) {
    const part = aliases.slice(i, i + ROSTER_ALIASES_PER_REPORT);
    const timestamp = input.clock?.() ?? input.now;
    const signature = signText(input.key.privateKey, rosterAliasesText(input.link.deviceId, timestamp, part));
    const answer = await signedRequest({
      fetch: input.fetch,
      url,
      method: 'POST',
      target: { method: 'POST', path: ROSTER_ALIASES_PATH, since: null },
      body: JSON.stringify({ aliases: part, signature }),
      deviceId: input.link.deviceId,
      deviceKey: input.key.privateKey,
      timestamp,
      timeoutMs: input.timeoutMs,
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
    if (answer.kind !== 'json') return { ok: false, problem: answer.problem };
    const taken = rosterAliasesAnswerSchema.safeParse(answer.json);
    if (!taken.success) return { ok: false, problem: message('downlink.notJson', { status: answer.status }) };
    count += taken.data.received;
  }
  input.store.write((tx) => setSetting(tx, ALIASES_REPORTED_SETTING, digest));
  return { ok: true, count };
}
