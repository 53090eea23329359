/**
 * What the uploader does with the hub's answer to one batch — a pure decision, so every branch is a
 * unit test: move the acknowledged head (never past what was sent), resume from the hub's head, wait
 * and retry (the network, a busy hub), or stop until a person acts (tampered, revoked …).
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import type { UploadResponse, UploadRefusalKind } from '../../../shared/hub-api/upload.js';
import type { HubCall } from './hub-client.js';
import type { StopKind } from './hub-link.js';

export type UploadVerdict =
  | { readonly kind: 'accepted'; readonly acked: ChainPosition; readonly serverTime: string }
  | { readonly kind: 'resume'; readonly head: ChainPosition }
  | { readonly kind: 'retry'; readonly problem: Message }
  | { readonly kind: 'stop'; readonly stop: StopKind; readonly problem: Message };

/** Statuses where the hub (or a proxy before it) says "later", not "no". */
function transientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

/**
 * `sent`: the batch (from acked.seq + 1, in order). `isOurs(head)`: whether our own ledger holds that
 * position (seq and hash) — the test that a head the hub names is a point of our chain, not of a
 * rewritten one.
 */
export function judgeUpload(
  call: HubCall<UploadResponse>,
  acked: ChainPosition,
  sent: readonly LedgerRecord[],
  isOurs: (head: ChainPosition) => boolean,
): UploadVerdict {
  if (call.kind === 'unreachable') return { kind: 'retry', problem: message('sync.problem.unreachable', { detail: call.detail }) };
  if (call.kind === 'hubError' || transientStatus(call.status)) {
    const hub = call.kind === 'hubError' ? call.hubMessage : `HTTP ${call.status}`;
    if (transientStatus(call.status)) return { kind: 'retry', problem: message('sync.problem.hubBusy', { status: call.status, hub }) };
    return { kind: 'stop', stop: 'hubAnswer', problem: message('sync.problem.hubAnswer', { status: call.status, hub }) };
  }
  const body = call.body;
  const last = sent[sent.length - 1];
  if (last === undefined) throw new RangeError('judgeUpload: an empty batch was sent');
  if (body.ok) {
    const h = body.head;
    // The hub's head at or past our last record: everything sent is acknowledged, and no more —
    // whatever the hub claims beyond it we have not seen it take from us.
    if (h.seq > last.seq) return { kind: 'accepted', acked: { seq: last.seq, hash: last.hash }, serverTime: body.serverTime };
    if (h.seq >= acked.seq && isOurs(h)) return { kind: 'accepted', acked: h, serverTime: body.serverTime };
    return { kind: 'stop', stop: 'hubAnswer', problem: message('sync.problem.headMismatch', { seq: h.seq }) };
  }
  if (body.kind === 'gap' && body.head !== undefined && body.head.seq < acked.seq && isOurs(body.head)) {
    return { kind: 'resume', head: body.head };
  }
  return { kind: 'stop', stop: body.kind, problem: refusalMessage(body.kind, body.message) };
}

export function refusalMessage(kind: UploadRefusalKind, hubMessage: string): Message {
  return message(`sync.refused.${kind}`, { hub: hubMessage });
}
