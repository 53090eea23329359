/**
 * `zhucan sync [--once] [--reset-roster] [--db FILE]` (docs/cli.md, docs/sync.md): how the kiosk's
 * link to the district hub stands — enrolled or not, the hub, records waiting, the acknowledged head,
 * the last success and the last problem, and the last roster pull. With --once it also pushes
 * everything now (past any backoff or refusal wait), pulls policies and the roster, prints what each
 * pull did, and exits: a kiosk back from weeks offline can be caught up by hand, and tests drive it
 * this way. The running kiosk's own uploader may send at the same moment; the hub's idempotence by
 * (device, seq) makes that harmless.
 *
 * --reset-roster sets the roster version back to 0 first (electron/kiosk/sync/roster-reset.ts): what
 * the hub asks for when it was restored from an older backup (409 aheadOfHub). With --once the whole
 * area's roster then comes down in the same run.
 *
 * Instants in the lines are the canteen's local time (the policy's zone); --json keeps UTC ISO.
 */
import { message } from '../../shared/i18n/text.js';
import type { Message } from '../../shared/i18n/text.js';
import { deviceKeyFile, fileKeyStore } from '../../electron/kiosk/sync/device-key.js';
import { kioskTimeZone, localStamp } from '../../electron/kiosk/sync/local-time.js';
import { resetRosterVersion } from '../../electron/kiosk/sync/roster-reset.js';
import type { RosterReset } from '../../electron/kiosk/sync/roster-reset.js';
import { syncReport } from '../../electron/kiosk/sync/sync-report.js';
import { createUploader } from '../../electron/kiosk/sync/uploader.js';
import type { UploaderState, UploaderStatus } from '../../electron/kiosk/sync/uploader.js';
import type { PolicyPullOutcome } from '../../electron/kiosk/sync/policy-pull.js';
import type { RosterPullOutcome } from '../../electron/kiosk/sync/roster-pull.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { parse } from './args.js';
import { done, refused, say } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS, missingKiosk, thrownFailure } from './kiosk-env.js';

export const SYNC_USAGE = 'zhucan sync [--once] [--reset-roster] [--db FILE]';

/** What a policy pull did: the versions installed, up to date, or why not (the hub's own words inside). */
function policyLines(p: PolicyPullOutcome): string[] {
  if (!p.ok) return [say(message('sync.status.policies.failed', { problem: say(p.problem) }))];
  if (p.installed.length === 0) return [say(message('sync.status.policies.upToDate'))];
  return [say(message('sync.status.policies.installed', { versions: p.installed.map((v) => `${v.id} v${v.version}`).join(', ') }))];
}

/** What a roster pull did: the version reached and the counts, up to date, or why not; and the aliases reported. */
function rosterLines(r: RosterPullOutcome): string[] {
  if (!r.ok) return rosterFailedLines(r);
  const lines = [
    r.upToDate
      ? say(message('sync.status.roster.upToDate', { version: r.version }))
      : say(message('sync.status.roster.updated', { version: r.version, inserted: r.inserted, updated: r.updated, rekeyed: r.rekeyed, withdrawn: r.withdrawn })),
  ];
  if (r.more) lines.push(say(message('sync.status.roster.more')));
  if (r.aliasesReported > 0) lines.push(say(message('sync.status.roster.aliases', { count: r.aliasesReported })));
  if (r.aliasProblem !== null) lines.push(say(message('sync.status.roster.aliasFailed', { problem: say(r.aliasProblem) })));
  return lines;
}

/** A failed pull, with the way out when the hub's database went back (its words ask for a reset). */
function rosterFailedLines(r: Extract<RosterPullOutcome, { ok: false }>): string[] {
  const lines = [say(message('sync.status.roster.failed', { problem: say(r.problem) }))];
  if (r.hubKind === 'aheadOfHub') lines.push(say(message('sync.status.roster.resetHint')));
  return lines;
}

/** The pulls of this run (--once), or the last roster pull stored by whichever process made it. */
function pullLines(store: KioskStore, run: UploaderStatus | null): string[] {
  if (run !== null) return [...(run.policies === null ? [] : policyLines(run.policies)), ...(run.roster === null ? [] : rosterLines(run.roster))];
  const last = syncReport(store.read).roster;
  if (last === null) return [say(message('sync.status.roster.never'))];
  return [say(message('sync.status.roster.at', { at: localStamp(last.at, kioskTimeZone(store.read)) })), ...rosterLines(last)];
}

function statusLines(store: KioskStore, state: UploaderState | null, problem: Message | null): string[] {
  const r = syncReport(store.read);
  if (r.link === null) return [say(message('sync.status.notEnrolled'))];
  const zone = kioskTimeZone(store.read);
  const lines = [
    say(message('sync.status.hub', { hub: r.link.hubUrl, canteen: r.link.canteen.name, district: r.link.canteen.districtName })),
    say(message('sync.status.pending', { pending: r.pending, seq: r.link.acked.seq })),
    say(r.link.lastSuccessAt === null ? message('sync.status.never') : message('sync.status.lastSuccess', { at: localStamp(r.link.lastSuccessAt, zone) })),
  ];
  if (state !== null) lines.push(say(message(`sync.status.state.${state}`)));
  const shown = problem ?? r.lastProblem;
  if (shown !== null) lines.push(say(message('sync.status.problem', { problem: say(shown) })));
  if (r.link.refused !== null) lines.push(say(message('sync.status.refusedSince', { at: localStamp(r.link.refused.at, zone) })));
  const skew = r.link.clockSkewMs;
  if (skew !== null && Math.abs(skew) >= 1000) {
    const direction = message(skew > 0 ? 'sync.status.ahead' : 'sync.status.behind');
    lines.push(say(message('sync.status.skew', { seconds: Math.round(Math.abs(skew) / 1000), direction: say(direction) })));
  }
  return lines;
}

function statusJson(store: KioskStore): Record<string, unknown> {
  const r = syncReport(store.read);
  return {
    enrolled: r.link !== null,
    hub: r.link?.hubUrl ?? null,
    deviceId: r.link?.deviceId ?? null,
    canteen: r.link?.canteen ?? null,
    pending: r.pending,
    ledgerHead: r.ledgerHead,
    acked: r.link?.acked ?? null,
    lastAttemptAt: r.link?.lastAttemptAt ?? null,
    lastSuccessAt: r.link?.lastSuccessAt ?? null,
    lastProblem: r.lastProblem === null ? null : say(r.lastProblem),
    refused: r.link?.refused ?? null,
    clockSkewMs: r.link?.clockSkewMs ?? null,
    roster: r.roster,
  };
}

/** What the reset did; without --once, how to sync now. */
function resetLines(reset: RosterReset, once: boolean): string[] {
  const lines = [say(reset.from === null ? message('sync.reset.doneDamaged') : message('sync.reset.done', { from: reset.from }))];
  if (reset.aliasesForgotten) lines.push(say(message('sync.reset.aliases')));
  if (!once) lines.push(say(message('sync.reset.next')));
  return lines;
}

function notEnrolled(store: KioskStore, file: string): Outcome {
  const text = say(message('sync.status.notEnrolled'));
  return refused({ error: 'notEnrolled', message: text, file, ...statusJson(store) }, [text]);
}

export async function syncCommand(argv: readonly string[]): Promise<Outcome> {
  const { values } = parse(argv, { db: KIOSK_OPTIONS.db, once: { type: 'boolean' }, 'reset-roster': { type: 'boolean' } });
  const file = dbPath(values.db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  const once = values.once === true;
  let store: KioskStore | undefined;
  try {
    store = openKioskStore(file, { check: true });
    let reset: RosterReset | null = null;
    if (values['reset-roster'] === true) {
      const r = resetRosterVersion(store);
      if (!r.ok) return notEnrolled(store, file);
      reset = r.value;
    }
    const resetJson = reset === null ? {} : { reset };
    const before = reset === null ? [] : resetLines(reset, once);
    if (!once) {
      // After a reset the last pull is gone on purpose: the lines say what comes next instead.
      const last = syncReport(store.read).link === null || reset !== null ? [] : pullLines(store, null);
      return done({ file, ...resetJson, ...statusJson(store) }, [...before, ...statusLines(store, null, null), ...last]);
    }
    if (syncReport(store.read).link === null) return notEnrolled(store, file);
    const uploader = createUploader({ store, keys: fileKeyStore(deviceKeyFile(file)) });
    const status = await uploader.pushNow();
    uploader.stop();
    const json = {
      file,
      ...resetJson,
      state: status.state,
      ...statusJson(store),
      problem: status.problem === null ? null : say(status.problem),
      policies: status.policies,
      roster: status.roster,
    };
    const lines = [...before, ...statusLines(store, status.state, status.problem), ...pullLines(store, status)];
    return status.state === 'idle' ? done(json, lines) : refused({ error: status.state, ...json }, lines);
  } catch (e) {
    return thrownFailure(e, file);
  } finally {
    store?.close();
  }
}
