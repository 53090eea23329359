/**
 * The link's standing for a person (`zhucan sync`): enrolled or not, which hub, how many records wait,
 * how far the hub has acknowledged, the last success and the last problem, and the last roster pull
 * (stored by roster-pull.ts, so a status read in another process shows it). Read-only.
 */
import type { Message } from '../../../shared/i18n/text.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import { head } from '../ledger/ledger-store.js';
import type { ReadHandle } from '../store/open.js';
import { readHubLink } from './hub-link.js';
import type { HubLink } from './hub-link.js';
import { lastRosterPull } from './roster-pull.js';
import type { RosterPullOutcome } from './roster-pull.js';

export interface SyncReport {
  readonly link: HubLink | null;
  readonly ledgerHead: ChainPosition;
  readonly pending: number;
  readonly lastProblem: Message | null;
  /** The last roster pull's outcome (null: none yet). */
  readonly roster: RosterPullOutcome | null;
}

export function syncReport(read: ReadHandle): SyncReport {
  const link = readHubLink(read);
  const ledgerHead = head(read);
  return {
    link,
    ledgerHead,
    pending: Math.max(0, ledgerHead.seq - (link?.acked.seq ?? 0)),
    lastProblem: link?.lastProblem ?? null,
    roster: lastRosterPull(read),
  };
}
