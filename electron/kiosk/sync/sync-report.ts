/**
 * The link's standing for a person (`zhucan sync`): enrolled or not, which hub, how many records wait,
 * how far the hub has acknowledged, the last success and the last problem. Read-only.
 */
import type { Message } from '../../../shared/i18n/text.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import { head } from '../ledger/ledger-store.js';
import type { ReadHandle } from '../store/open.js';
import { readHubLink } from './hub-link.js';
import type { HubLink } from './hub-link.js';

export interface SyncReport {
  readonly link: HubLink | null;
  readonly ledgerHead: ChainPosition;
  readonly pending: number;
  readonly lastProblem: Message | null;
}

export function syncReport(read: ReadHandle): SyncReport {
  const link = readHubLink(read);
  const ledgerHead = head(read);
  return {
    link,
    ledgerHead,
    pending: Math.max(0, ledgerHead.seq - (link?.acked.seq ?? 0)),
    lastProblem: link?.lastProblem ?? null,
  };
}
