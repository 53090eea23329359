/**
 * The uploader: sends the ledger records the hub has not acknowledged, in order, in signed batches,
 * in the background of the kiosk process. It only reads the ledger (the read handle) and writes its
 * own progress row, each a short synchronous statement between awaits, so a check-in never waits for
 * the network; the network itself is async with a timeout.
 *
 * States: notEnrolled → idle ⇄ sending → offline (network / busy hub: backoff 1 s … 5 min, full
 * jitter, reset by a success) or refused (the hub said no in a way only a person can resolve, or our
 * own key or ledger is not usable: shown with the reason, retried hourly). The ledger is its own
 * outbox: the acknowledged head is stored after each accepted batch, so a restart resumes from it and
 * the hub's idempotence by (device, seq) absorbs a batch sent again after a crash.
 *
 * Caught up, it also asks the hub for new policy versions (policy-pull.ts) and then for roster
 * changes, reporting the elders it re-keyed (roster-pull.ts): each at the first round after a start,
 * every POLICY_PULL_EVERY_MS / ROSTER_PULL_EVERY_MS after that, and at every pushNow. A pull never
 * delays or stops an upload: it runs only once nothing waits, and its failure is only shown.
 */
import { assertNever } from '../../../shared/assert.js';
import { uploadStatementText, MAX_BATCH_RECORDS } from '../../../shared/hub-api/upload.js';
import type { UploadBatch } from '../../../shared/hub-api/upload.js';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { GENESIS_HASH } from '../../../shared/ledger/chain.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import { systemClock, isoInstant } from '../clock.js';
import type { Clock } from '../clock.js';
import { head, recordsFrom } from '../ledger/ledger-store.js';
import type { KioskStore } from '../store/open.js';
import { backoffDelay } from './backoff.js';
import type { DeviceKeyPair, DeviceKeyStore } from './device-key.js';
import { signText } from './device-key.js';
import { postUpload, REQUEST_TIMEOUT_MS } from './hub-client.js';
import type { HubFetch } from './hub-client.js';
import { HubLinkUnreadable, readHubLink, recordHubHead, recordProblem, recordSuccess } from './hub-link.js';
import type { HubLink, StopKind } from './hub-link.js';
import { hubEndpoint } from './hub-url.js';
import { systemTimers } from './timers.js';
import type { SyncTimer, SyncTimers } from './timers.js';
import { judgeUpload } from './upload-verdict.js';
import { POLICY_PULL_EVERY_MS, POLICY_PULL_RETRY_MS, pullPolicies, systemDownlinkFetch } from './policy-pull.js';
import type { PolicyPullOptions, PolicyPullOutcome } from './policy-pull.js';
import type { DownlinkFetch } from '../downlink/fetch-and-apply.js';
import { pullRoster, ROSTER_PULL_EVERY_MS } from './roster-pull.js';
import type { RosterPullOutcome } from './roster-pull.js';
import { systemSignedFetch } from './signed-request.js';
import type { SignedFetch } from './signed-request.js';

export type UploaderState = 'notEnrolled' | 'idle' | 'sending' | 'offline' | 'refused';

export interface UploaderStatus {
  readonly state: UploaderState;
  /** Records the hub has not acknowledged yet (the ledger's head minus the acknowledged head). */
  readonly pending: number;
  readonly lastSuccessAt: string | null;
  /** Why the last try failed (offline) or why uploading stopped (refused); null otherwise. */
  readonly problem: Message | null;
  /** Our clock minus the hub's at the last success, ms. */
  readonly clockSkewMs: number | null;
  readonly hubUrl: string | null;
  readonly acked: ChainPosition | null;
  /** The last policy pull since this uploader started (null: none yet, or pulls are off). */
  readonly policies: PolicyPullOutcome | null;
  /** The last roster pull since this uploader started (null: none yet, or roster pulls are off). */
  readonly roster: RosterPullOutcome | null;
}

export interface RosterPullOptions {
  /** GET and POST with the signed headers; Node's fetch by default. */
  readonly fetch?: SignedFetch;
  /** How often a caught-up uploader pulls (ROSTER_PULL_EVERY_MS by default). */
  readonly everyMs?: number;
}

export interface UploaderOptions {
  readonly store: KioskStore;
  readonly keys: DeviceKeyStore;
  readonly clock?: Clock;
  readonly timers?: SyncTimers;
  /** In [0, 1): the backoff's jitter. */
  readonly random?: () => number;
  readonly fetch?: HubFetch;
  readonly timeoutMs?: number;
  /** How often an idle uploader looks for new records written by another process (the CLI). */
  readonly pollMs?: number;
  /** After a nudge, how long to wait for more records so a burst goes in one batch. */
  readonly nudgeDelayMs?: number;
  /** How often a refusal that waits for a person is tried again. */
  readonly refusedRetryMs?: number;
  readonly batchSize?: number;
  /**
   * Policy pulls after a caught-up round. On by default with Node's fetch — but when `fetch` is
   * injected and this names no fetch of its own, pulls are off: a test that controls the upload wire
   * must not have a second channel it does not control. false turns them off.
   */
  readonly policyPull?: PolicyPullOptions | false;
  /** Roster pulls after the policy pull: on and off by the same rule as policyPull. */
  readonly rosterPull?: RosterPullOptions | false;
}

export interface Uploader {
  /** Starts the background loop (an immediate first try). */
  start(): void;
  /** Stops it: no more timers, the request in flight is aborted. */
  stop(): void;
  /** "A record was just appended": send soon, unless waiting out a backoff or a refusal. */
  nudge(): void;
  status(): UploaderStatus;
  /** Each status change, and once per poll while nothing changes (for screens opened since). */
  subscribe(listener: (status: UploaderStatus) => void): () => void;
  /** A person asked (`zhucan sync --once`): try now, past any backoff or refusal wait, until caught up or stopped. */
  pushNow(): Promise<UploaderStatus>;
  /** Resolves once the try in progress, if any, has ended. */
  settled(): Promise<void>;
}

const DEFAULTS = { pollMs: 30_000, nudgeDelayMs: 1_000, refusedRetryMs: 60 * 60_000 } as const;
/** Resumes from the hub's head in one try before the uploader suspects a loop and stops. */
const MAX_RESUMES = 3;

export function createUploader(options: UploaderOptions): Uploader {
  const { store, keys } = options;
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? DEFAULTS.pollMs;
  const nudgeDelayMs = options.nudgeDelayMs ?? DEFAULTS.nudgeDelayMs;
  const refusedRetryMs = options.refusedRetryMs ?? DEFAULTS.refusedRetryMs;
  const batchSize = Math.min(options.batchSize ?? MAX_BATCH_RECORDS, MAX_BATCH_RECORDS);
  const pull = options.policyPull === false ? null : (options.policyPull ?? {});
  const pullFetch: DownlinkFetch | null = pull === null ? null : (pull.fetch ?? (options.fetch === undefined ? systemDownlinkFetch : null));
  const pullEveryMs = pull?.everyMs ?? POLICY_PULL_EVERY_MS;
  let nextPullAt = Number.NEGATIVE_INFINITY;
  let policies: PolicyPullOutcome | null = null;
  const rosterOptions = options.rosterPull === false ? null : (options.rosterPull ?? {});
  const rosterFetch: SignedFetch | null = rosterOptions === null ? null : (rosterOptions.fetch ?? (options.fetch === undefined ? systemSignedFetch : null));
  const rosterEveryMs = rosterOptions?.everyMs ?? ROSTER_PULL_EVERY_MS;
  let nextRosterAt = Number.NEGATIVE_INFINITY;
  let roster: RosterPullOutcome | null = null;

  const listeners = new Set<(s: UploaderStatus) => void>();
  let current: UploaderStatus = { state: 'notEnrolled', pending: 0, lastSuccessAt: null, problem: null, clockSkewMs: null, hubUrl: null, acked: null, policies: null, roster: null };
  let started = false;
  let stopped = false;
  let failures = 0;
  let timer: SyncTimer | null = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let running: Promise<void> | null = null;
  let again = false;
  const abort = new AbortController();

  function publish(next: UploaderStatus, always = false): void {
    const changed = JSON.stringify(next) !== JSON.stringify(current);
    current = next;
    if (!changed && !always) return;
    for (const l of [...listeners]) l(next);
  }

  function pendingOf(acked: ChainPosition | null): number {
    return Math.max(0, head(store.read).seq - (acked?.seq ?? 0));
  }

  function statusOf(link: HubLink | null, state: UploaderState, problem: Message | null): UploaderStatus {
    return {
      state,
      pending: pendingOf(link?.acked ?? null),
      lastSuccessAt: link?.lastSuccessAt ?? null,
      problem,
      clockSkewMs: link?.clockSkewMs ?? null,
      hubUrl: link?.hubUrl ?? null,
      acked: link?.acked ?? null,
      policies,
      roster,
    };
  }

  function schedule(ms: number): void {
    if (stopped) return;
    const at = clock() + ms;
    // Keep the earlier of two wake-ups: a nudge must not postpone a poll, nor a poll a nudge.
    if (timer !== null && timerAt <= at) return;
    timer?.cancel();
    timerAt = at;
    timer = timers.after(ms, () => {
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      wake(false);
    });
  }

  function wake(force: boolean): void {
    if (stopped) return;
    if (running !== null) {
      again = true;
      return;
    }
    timer?.cancel();
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    running = cycle(force)
      .catch((e: unknown) => {
        // A bug or a store failure: shown as a problem, retried at the poll, never an unhandled rejection.
        const detail = e instanceof Error ? e.message : String(e);
        publish({ ...current, state: 'refused', problem: message('sync.problem.internal', { detail }) });
        schedule(pollMs);
      })
      .finally(() => {
        running = null;
        // Nudged while sending: look again soon — but only from idle. After a failure the backoff
        // stands, or a check-in during an outage would turn into an immediate retry.
        if (again && !stopped && current.state === 'idle') schedule(nudgeDelayMs);
        again = false;
      });
  }

  function readLink(): HubLink | null | 'unreadable' {
    try {
      return readHubLink(store.read);
    } catch (e) {
      if (e instanceof HubLinkUnreadable) return 'unreadable';
      throw e;
    }
  }

  /** The link as it is stored now (after a write), or null when it cannot be read. */
  function linkNow(): HubLink | null {
    const link = readLink();
    return link === 'unreadable' ? null : link;
  }

  /** Our ledger holds this position: the record at head.seq has head.hash (or it is the genesis). */
  function isOurs(h: ChainPosition): boolean {
    if (h.seq === 0) return h.hash === GENESIS_HASH;
    const r = recordsFrom(store.read, h.seq, 1);
    return r.ok && r.value[0]?.seq === h.seq && r.value[0].hash === h.hash;
  }

  function stopWith(kind: StopKind, problem: Message): void {
    const at = isoInstant(clock());
    store.write((tx) => recordProblem(tx, at, problem, kind));
    publish(statusOf(linkNow(), 'refused', problem), true);
    schedule(refusedRetryMs);
  }

  async function cycle(force: boolean): Promise<void> {
    const link = readLink();
    if (link === 'unreadable') {
      publish({ ...statusOf(null, 'refused', message('sync.problem.linkUnreadable')) }, true);
      schedule(pollMs);
      return;
    }
    if (link === null) {
      publish(statusOf(null, 'notEnrolled', null), true);
      schedule(pollMs);
      return;
    }
    if (!force && link.refused !== null) {
      const wait = Date.parse(link.refused.at) + refusedRetryMs - clock();
      if (wait > 0) {
        publish(statusOf(link, 'refused', link.lastProblem), true);
        schedule(wait);
        return;
      }
    }
    // Local problems (no key, the wrong key) are checked at every poll: a technician restoring the
    // key file sees the kiosk resume within one poll, with nothing sent to the hub meanwhile.
    const key = keys.load();
    if (!key.ok) {
      publish(statusOf(link, 'refused', message(`sync.problem.key.${key.reason}`, { where: key.where })), true);
      schedule(pollMs);
      return;
    }
    if (key.key.publicKey !== link.publicKey) {
      publish(statusOf(link, 'refused', message('sync.problem.key.mismatch', { where: keys.where })), true);
      schedule(pollMs);
      return;
    }
    await sendAll(link, key.key, force);
  }

  /** Asks the hub for policies when one is due (or a person asked); the outcome goes into the status. */
  async function pullIfDue(link: HubLink, key: DeviceKeyPair, force: boolean): Promise<void> {
    if (pullFetch === null || (!force && clock() < nextPullAt)) return;
    const outcome = await pullPolicies({
      store,
      link,
      key,
      fetch: pullFetch,
      now: isoInstant(clock()),
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      signal: abort.signal,
    });
    if (stopped) return;
    policies = outcome;
    // A failed pull is asked again sooner than the regular interval, but not at every poll.
    nextPullAt = clock() + (outcome.ok ? pullEveryMs : Math.min(pullEveryMs, POLICY_PULL_RETRY_MS));
  }

  /** Asks the hub for roster changes when due (or a person asked), after the policy pull; the outcome goes into the status. */
  async function rosterIfDue(link: HubLink, key: DeviceKeyPair, force: boolean): Promise<void> {
    if (rosterFetch === null || (!force && clock() < nextRosterAt)) return;
    const outcome = await pullRoster({
      store,
      link,
      key,
      fetch: rosterFetch,
      now: isoInstant(clock()),
      clock: () => isoInstant(clock()),
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      signal: abort.signal,
    });
    if (stopped) return;
    roster = outcome;
    // Unfinished (a large first sync): carry on at the next poll. Failed: sooner than the interval, not at every poll.
    const wait = outcome.ok ? (outcome.more ? 0 : rosterEveryMs) : Math.min(rosterEveryMs, POLICY_PULL_RETRY_MS);
    nextRosterAt = clock() + wait;
  }

  async function sendAll(link: HubLink, key: DeviceKeyPair, force: boolean): Promise<void> {
    const url = hubEndpoint(link.hubUrl, 'upload');
    let acked = link.acked;
    let resumes = 0;
    for (;;) {
      if (stopped) return;
      const local = head(store.read);
      if (local.seq <= acked.seq) {
        failures = 0;
        await pullIfDue(linkNow() ?? link, key, force);
        if (stopped) return;
        await rosterIfDue(linkNow() ?? link, key, force);
        if (stopped) return;
        publish(statusOf(linkNow(), 'idle', null), true);
        schedule(pollMs);
        return;
      }
      const records = recordsFrom(store.read, acked.seq + 1, batchSize);
      if (!records.ok) return stopWith('localChain', records.error.message);
      const first = records.value[0];
      if (first === undefined || first.prevHash !== acked.hash) {
        return stopWith('localChain', message('sync.problem.localChain', { seq: acked.seq }));
      }
      publish(statusOf(linkNow(), 'sending', null));
      const partial = { deviceId: link.deviceId, sentAt: isoInstant(clock()), records: records.value };
      const batch: UploadBatch = { ...partial, signature: signText(key.privateKey, uploadStatementText(partial)) };
      const call = await postUpload(url, batch, { fetch: options.fetch, timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS, signal: abort.signal });
      if (stopped) return;
      const verdict = judgeUpload(call, acked, records.value, isOurs);
      const at = isoInstant(clock());
      switch (verdict.kind) {
        case 'accepted': {
          const next = verdict.acked;
          const skew = clock() - Date.parse(verdict.serverTime);
          store.write((tx) => recordSuccess(tx, next, at, Number.isFinite(skew) ? Math.round(skew) : 0));
          acked = next;
          failures = 0;
          resumes = 0;
          break;
        }
        case 'resume': {
          resumes += 1;
          if (resumes > MAX_RESUMES) return stopWith('gap', message('sync.problem.resumeLoop', { seq: verdict.head.seq }));
          const next = verdict.head;
          store.write((tx) => recordHubHead(tx, next));
          acked = next;
          break;
        }
        case 'retry': {
          failures += 1;
          store.write((tx) => recordProblem(tx, at, verdict.problem, null));
          publish(statusOf(linkNow(), 'offline', verdict.problem), true);
          schedule(backoffDelay(failures, random));
          return;
        }
        case 'stop':
          return stopWith(verdict.stop, verdict.problem);
        default:
          return assertNever(verdict, 'upload verdict');
      }
    }
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      wake(false);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      timer?.cancel();
      timer = null;
      abort.abort();
      listeners.clear();
    },
    nudge() {
      if (stopped || !started) return;
      if (current.state === 'idle' || current.state === 'sending') {
        // One b-tree step: a call that appended nothing (a search, a report) costs no wake-up.
        if (running === null && pendingOf(current.acked) === 0) return;
        if (running !== null) again = true;
        else schedule(nudgeDelayMs);
        return;
      }
      // Offline, refused or not enrolled: the wait stands, but the count on the screen moves.
      const link = readLink();
      if (link !== 'unreadable') publish({ ...current, pending: pendingOf(link?.acked ?? null) });
    },
    status: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async pushNow() {
      if (stopped) return current;
      failures = 0;
      await (running ?? Promise.resolve());
      if (stopped) return current;
      timer?.cancel();
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      wake(true);
      await (running ?? Promise.resolve());
      return current;
    },
    async settled() {
      while (running !== null) await running;
    },
  };
}
