/**
 * A tiny stand-in for the district hub, written from shared/hub-api/upload.ts alone: it enrols
 * devices with one-time codes and takes upload batches the way the contract says — the signature
 * checked with node:crypto, the chain with shared/ledger/chain.ts, idempotent by (device, seq), a
 * different record under a held seq refused as tampering, a batch past the head refused as a gap.
 *
 * `answer(path, body)` is the whole hub as a function (the unit tests call it through `fetch`);
 * `listen()` serves it over node:http on 127.0.0.1 (the integration tests). `mode` makes it fail the
 * ways a real network does; `override` answers one batch with whatever a test needs.
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enrolRequestSchema, uploadBatchSchema, uploadStatementText } from '../../../shared/hub-api/upload.js';
import type { ChainHead, EnrolResponse, UploadBatch, UploadResponse } from '../../../shared/hub-api/upload.js';
import { ChainVerifier, GENESIS } from '../../../shared/ledger/chain.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import type { HubFetch } from '../../../electron/kiosk/sync/hub-client.js';

export interface HubAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** up: answers; down: drops the connection; hang: never answers; busy: 503; lose: stores the batch, then drops the connection. */
export type HubMode = 'up' | 'down' | 'hang' | 'busy' | 'lose';

export const DISTRICT_KEY = 'MCowBQYDK2VwAyEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

interface Code {
  readonly canteenId: number;
  state: 'fresh' | 'used' | 'expired';
}

export class FakeHub {
  mode: HubMode = 'up';
  /** Called with the next upload, once: an answer replaces the rules' (e.g. a tampered refusal); undefined lets them answer. */
  override: ((batch: UploadBatch) => HubAnswer | undefined) | null = null;
  readonly devices = new Map<string, string>();
  /** Stored records per device, index seq - 1. */
  readonly chains = new Map<string, LedgerRecord[]>();
  /** Every batch that reached the rules, in arrival order. */
  readonly batches: UploadBatch[] = [];
  accepted = 0;
  duplicates = 0;
  /** Milliseconds added to the kiosk's clock to make the hub's serverTime. */
  clockOffsetMs = 0;
  readonly #codes = new Map<string, Code>();
  #server: Server | null = null;
  readonly #hanging = new Set<ServerResponse>();

  addCode(code: string, canteenId = 7, state: Code['state'] = 'fresh'): void {
    this.#codes.set(code, { canteenId, state });
  }

  head(deviceId: string): ChainHead {
    const chain = this.chains.get(deviceId) ?? [];
    const last = chain[chain.length - 1];
    return last === undefined ? { ...GENESIS } : { seq: last.seq, hash: last.hash };
  }

  /** Forgets everything after `seq` (a hub restored from an older backup). */
  truncate(deviceId: string, seq: number): void {
    this.chains.set(deviceId, (this.chains.get(deviceId) ?? []).slice(0, seq));
  }

  answer(path: string, body: unknown): HubAnswer {
    if (path === '/api/v1/enrol') return this.#enrol(body);
    if (path === '/api/v1/upload') return this.#upload(body);
    return { status: 404, body: { error: { kind: 'notFound', message: `no route ${path}` } } };
  }

  #enrol(body: unknown): HubAnswer {
    const req = enrolRequestSchema.safeParse(body);
    if (!req.success) return { status: 400, body: { error: { kind: 'badRequest', message: 'bad enrolment request' } } };
    const code = this.#codes.get(req.data.code);
    if (code === undefined) return { status: 404, body: { error: { kind: 'unknown', message: '接入码不存在 / unknown code' } } };
    if (code.state !== 'fresh') return { status: 409, body: { error: { kind: code.state, message: `接入码已${code.state === 'used' ? '使用' : '过期'} / code ${code.state}` } } };
    code.state = 'used';
    this.devices.set(req.data.deviceId, req.data.publicKey);
    const answer: EnrolResponse = {
      deviceId: req.data.deviceId,
      canteen: { id: code.canteenId, name: '天河区测试长者饭堂', regionCode: '440106001', districtName: '天河区' },
      districtKey: DISTRICT_KEY,
      enrolledAt: '2026-11-20T01:00:00.000Z',
    };
    return { status: 200, body: answer };
  }

  #refuse(status: number, kind: string, text: string, extra: object = {}): HubAnswer {
    return { status, body: { ok: false, kind, message: text, ...extra } };
  }

  #upload(body: unknown): HubAnswer {
    const parsed = uploadBatchSchema.safeParse(body);
    if (!parsed.success) return this.#refuse(400, 'badRequest', 'not an upload batch');
    const batch = parsed.data;
    this.batches.push(batch);
    const forced = this.override?.(batch);
    this.override = null;
    if (forced !== undefined) return forced;
    const publicKey = this.devices.get(batch.deviceId);
    if (publicKey === undefined) return this.#refuse(403, 'unknownDevice', 'unknown device');
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (!verify(null, Buffer.from(uploadStatementText(batch), 'utf8'), key, Buffer.from(batch.signature, 'base64'))) {
      return this.#refuse(401, 'badSignature', '签名无效 / bad signature');
    }
    const chain = this.chains.get(batch.deviceId) ?? [];
    this.chains.set(batch.deviceId, chain);
    const head = this.head(batch.deviceId);
    const fresh: LedgerRecord[] = [];
    let duplicates = 0;
    for (const [i, r] of batch.records.entries()) {
      const first = batch.records[0];
      if (first !== undefined && r.seq !== first.seq + i) return this.#refuse(400, 'notConsecutive', 'not one run');
      if (r.seq <= head.seq) {
        if (chain[r.seq - 1]?.hash !== r.hash) return this.#refuse(409, 'tampered', `第 ${r.seq} 条内容不同 / record ${r.seq} differs`, { head, seq: r.seq });
        duplicates += 1;
      } else fresh.push(r);
    }
    const firstNew = fresh[0];
    if (firstNew !== undefined) {
      if (firstNew.seq > head.seq + 1) return this.#refuse(409, 'gap', `缺第 ${head.seq + 1} 条起的记录 / missing from ${head.seq + 1}`, { head });
      if (firstNew.prevHash !== head.hash) return this.#refuse(409, 'forked', 'does not link', { head, seq: firstNew.seq });
      const verifier = new ChainVerifier(head, { deviceId: batch.deviceId });
      for (const r of fresh) {
        if (!verifier.push(r)) return this.#refuse(400, 'badHash', `record ${r.seq} does not verify`, { seq: r.seq });
      }
    }
    chain.push(...fresh);
    this.accepted += fresh.length;
    this.duplicates += duplicates;
    const answer: UploadResponse = {
      ok: true,
      accepted: fresh.length,
      duplicates,
      head: this.head(batch.deviceId),
      serverTime: new Date(Date.parse(batch.sentAt) + this.clockOffsetMs).toISOString(),
    };
    return { status: 200, body: answer };
  }

  /** The hub as an injected fetch, with the same failure modes as over the network. */
  readonly fetch: HubFetch = async (url, init) => {
    if (this.mode === 'down') throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1') });
    if (this.mode === 'hang') {
      return new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () => reject(init.signal.reason instanceof Error ? init.signal.reason : new Error('aborted')));
      });
    }
    if (this.mode === 'busy') return textResponse(503, { error: { kind: 'busy', message: 'try later' } });
    const answer = this.answer(new URL(url).pathname, JSON.parse(init.body));
    if (this.mode === 'lose') throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    return textResponse(answer.status, answer.body);
  };

  /** Serves the hub on 127.0.0.1 at a free port; resolves with its base URL. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.mode === 'down') return void req.socket.destroy();
        if (this.mode === 'hang') return void this.#hanging.add(res);
        if (this.mode === 'busy') return send(res, { status: 503, body: { error: { kind: 'busy', message: 'try later' } } });
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, this.#refuse(400, 'badRequest', 'not JSON'));
        }
        const answer = this.answer(req.url ?? '/', body);
        if (this.mode === 'lose') return void req.socket.destroy();
        send(res, answer);
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.socket?.destroy();
    this.#hanging.clear();
    const server = this.#server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function send(res: ServerResponse, answer: HubAnswer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(answer.body));
}

function textResponse(status: number, body: unknown): { status: number; text(): Promise<string> } {
  return { status, text: () => Promise.resolve(JSON.stringify(body)) };
}
