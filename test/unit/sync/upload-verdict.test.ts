/** What the uploader makes of each kind of answer to one batch (a pure decision). */
import { describe, expect, it } from 'vitest';
import { GENESIS, sealRecord } from '../../../shared/ledger/chain.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import type { UploadResponse } from '../../../shared/hub-api/upload.js';
import type { HubCall } from '../../../electron/kiosk/sync/hub-client.js';
import { judgeUpload } from '../../../electron/kiosk/sync/upload-verdict.js';

function chain(n: number): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  let prev = GENESIS.hash;
  for (let seq = 1; seq <= n; seq++) {
    const r = sealRecord(
      { seq, deviceId: 'k1', kind: 'sale', at: '2026-11-24T04:00:00.000Z', serviceDate: '2026-11-24', periodId: 'lunch', elderId: null, operatorId: 'c', targetSeq: null, body: { seq } },
      prev,
    );
    out.push(r);
    prev = r.hash;
  }
  return out;
}

const ledger = chain(10);
const pos = (seq: number): ChainPosition => (seq === 0 ? GENESIS : { seq, hash: ledger[seq - 1]!.hash });
const isOurs = (h: ChainPosition): boolean => (h.seq === 0 ? h.hash === GENESIS.hash : ledger[h.seq - 1]?.hash === h.hash);
const sent = ledger.slice(4, 8); // seq 5..8, acked at 4
const acked = pos(4);
const SERVER_TIME = '2026-11-24T04:00:00.000Z';

function answer(status: number, body: UploadResponse): HubCall<UploadResponse> {
  return { kind: 'answer', status, body };
}

describe('judging the hub’s answer to a batch', () => {
  it('acknowledges what was sent, and never more than that', () => {
    expect(judgeUpload(answer(200, { ok: true, accepted: 4, duplicates: 0, head: pos(8), serverTime: SERVER_TIME }), acked, sent, isOurs)).toEqual({
      kind: 'accepted',
      acked: pos(8),
      serverTime: SERVER_TIME,
    });
    // The hub claims a head past the batch (it holds more from an earlier enrolment): only our last record counts.
    const beyond = judgeUpload(answer(200, { ok: true, accepted: 0, duplicates: 4, head: pos(10), serverTime: SERVER_TIME }), acked, sent, isOurs);
    expect(beyond).toMatchObject({ kind: 'accepted', acked: pos(8) });
  });

  it('stops when the acknowledged head is not a point of our own chain', () => {
    const foreign = { seq: 8, hash: 'f'.repeat(64) };
    expect(judgeUpload(answer(200, { ok: true, accepted: 4, duplicates: 0, head: foreign, serverTime: SERVER_TIME }), acked, sent, isOurs)).toMatchObject({
      kind: 'stop',
      stop: 'hubAnswer',
      problem: { key: 'sync.problem.headMismatch' },
    });
  });

  it('resumes from the hub’s head after a gap when that head is behind ours and in our chain', () => {
    const gap = answer(409, { ok: false, kind: 'gap', message: 'missing', head: pos(2) });
    expect(judgeUpload(gap, acked, sent, isOurs)).toEqual({ kind: 'resume', head: pos(2) });
    const foreignGap = answer(409, { ok: false, kind: 'gap', message: 'missing', head: { seq: 2, hash: 'e'.repeat(64) } });
    expect(judgeUpload(foreignGap, acked, sent, isOurs)).toMatchObject({ kind: 'stop', stop: 'gap' });
    const noHead = answer(409, { ok: false, kind: 'gap', message: 'missing' });
    expect(judgeUpload(noHead, acked, sent, isOurs)).toMatchObject({ kind: 'stop', stop: 'gap' });
  });

  it('stops on tampered, forked, revoked and bad signature, carrying the hub’s words', () => {
    for (const kind of ['tampered', 'forked', 'revoked', 'badSignature'] as const) {
      const v = judgeUpload(answer(409, { ok: false, kind, message: `hub says ${kind}`, head: pos(2) }), acked, sent, isOurs);
      expect(v).toEqual({ kind: 'stop', stop: kind, problem: { key: `sync.refused.${kind}`, params: { hub: `hub says ${kind}` } } });
    }
  });

  it('retries after no answer, a 5xx, 408 or 429; stops on another error page', () => {
    expect(judgeUpload({ kind: 'unreachable', status: null, detail: 'ECONNREFUSED' }, acked, sent, isOurs)).toMatchObject({ kind: 'retry' });
    expect(judgeUpload({ kind: 'hubError', status: 503, hubKind: 'busy', hubMessage: 'later' }, acked, sent, isOurs)).toMatchObject({ kind: 'retry' });
    expect(judgeUpload({ kind: 'hubError', status: 429, hubKind: 'rate', hubMessage: 'slow down' }, acked, sent, isOurs)).toMatchObject({ kind: 'retry' });
    expect(judgeUpload({ kind: 'hubError', status: 404, hubKind: 'notFound', hubMessage: 'no route' }, acked, sent, isOurs)).toMatchObject({
      kind: 'stop',
      stop: 'hubAnswer',
      problem: { key: 'sync.problem.hubAnswer', params: { status: 404, hub: 'no route' } },
    });
  });
});
