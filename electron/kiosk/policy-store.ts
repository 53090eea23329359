/**
 * Policy versions installed at this kiosk. A version, once installed, never changes: meals already
 * priced by it must stay explainable. Documents are parsed once and cached by (id, version).
 */
import { canonicalJson } from '../../shared/ledger/canonical.js';
import { message } from '../../shared/i18n/text.js';
import { parseWith } from '../../shared/parse.js';
import { policySchema } from '../../shared/policy/schema.js';
import type { Policy } from '../../shared/policy/schema.js';
import { policyInForce } from '../../shared/policy/select.js';
import type { KioskStore, ReadHandle } from './store/open.js';
import { KioskError } from './kiosk-error.js';

interface PolicyRow {
  version: number;
  document: string;
}

/** Installs a validated policy version. The same document again is a no-op; different content under the same version is refused. */
export function installPolicy(store: KioskStore, policy: Policy, installedAt: string): 'installed' | 'unchanged' {
  const document = canonicalJson(policy);
  return store.write((tx) => {
    const existing = tx
      .stmt<{ document: string }>('SELECT document FROM policies WHERE id = ? AND version = ?')
      .get(policy.id, policy.version);
    if (existing !== undefined) {
      if (existing.document === document) return 'unchanged';
      throw new KioskError('policyConflict', message('kiosk.policyConflict', { id: policy.id, version: policy.version }));
    }
    tx.stmt('INSERT INTO policies (id, version, effective_from, effective_to, document, installed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      policy.id,
      policy.version,
      policy.effectiveFrom,
      policy.effectiveTo ?? null,
      document,
      installedAt,
    );
    return 'installed';
  });
}

/** Every installed version of one policy, parsed, cached per version (documents never change). */
export class PolicyVersions {
  readonly #cache = new Map<number, Policy>();
  #count = -1;

  constructor(
    private readonly read: ReadHandle,
    readonly policyId: string,
  ) {}

  all(): Policy[] {
    // One cheap COUNT per call notices a version installed by another process (the CLI, an update).
    const count = this.read.stmt<{ n: number }>('SELECT count(*) AS n FROM policies WHERE id = ?').get(this.policyId)?.n ?? 0;
    if (count !== this.#count) this.#load();
    return [...this.#cache.values()];
  }

  /** The version pricing a service date, or a KioskError naming the date. */
  inForce(serviceDate: string): Policy {
    const p = policyInForce(this.all(), serviceDate);
    if (p === null) throw new KioskError('noPolicy', message('kiosk.noPolicy', { date: serviceDate, id: this.policyId }));
    return p;
  }

  /** Any version, for its time zone and periods before the date is known (zones do not change between versions). */
  latest(): Policy {
    const versions = this.all();
    const last = versions.sort((a, b) => b.version - a.version)[0];
    if (last === undefined) throw new KioskError('noPolicy', message('kiosk.noPolicyInstalled', { id: this.policyId }));
    return last;
  }

  #load(): void {
    const rows = this.read.stmt<PolicyRow>('SELECT version, document FROM policies WHERE id = ? ORDER BY version').all(this.policyId);
    for (const row of rows) {
      if (this.#cache.has(row.version)) continue;
      let json: unknown;
      try {
        json = JSON.parse(row.document);
      } catch {
        json = null;
      }
      const parsed = parseWith(policySchema, json, message('kiosk.storedPolicy', { id: this.policyId, version: row.version }));
      if (!parsed.ok) throw new KioskError('invalid', parsed.error.message);
      this.#cache.set(row.version, parsed.value);
    }
    this.#count = rows.length;
  }
}
