import { createHash, createPublicKey } from 'node:crypto';
import type { Migration } from './migration.js';

/**
 * QR signing keys get a table of their own (docs/qr.md "Keys"), so a key can be listed with its kind
 * and dates and retired (retired_at) instead of only present or absent in the settings table. The
 * kiosk's key and each district key that migration 2's code kept in settings (`qr_signing_key` +
 * `qr_public_key`, `qr_trusted_key:<id>`) move here in the same transaction, so no key is ever
 * missing; their creation time was never recorded, so created_at is NULL for them ("before 0005").
 * A settings row that holds no Ed25519 key was ignored by the code before and is left as it is.
 *
 * At most one kiosk key is in use (not retired): the partial unique index says which one signs.
 *
 * qr_used gets an index on used_at: the check-in prunes phone codes used more than a day ago
 * (verify-qr.ts) with a range DELETE that must not scan the table.
 */
const SQL = `
CREATE TABLE qr_keys (
  key_id      TEXT PRIMARY KEY CHECK (length(key_id) = 8),
  kind        TEXT NOT NULL CHECK (kind IN ('kiosk', 'district')),
  public_key  TEXT NOT NULL,
  private_key TEXT,
  created_at  TEXT,
  retired_at  TEXT,
  CHECK (kind = 'kiosk' OR private_key IS NULL)
) STRICT;

CREATE UNIQUE INDEX qr_keys_one_kiosk_in_use ON qr_keys (kind) WHERE kind = 'kiosk' AND retired_at IS NULL;

CREATE INDEX qr_used_by_used_at ON qr_used (used_at);
`;

/** The key id as qr-keys.ts computes it (a migration never changes, so it keeps its own copy). */
function keyIdOfSpki(spkiBase64: string): string | null {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return null;
    const der = key.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 8);
  } catch {
    return null;
  }
}

export const m0005QrKeys: Migration = {
  version: 5,
  name: 'qr-keys',
  up(db) {
    db.exec(SQL);
    const setting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    const insert = db.prepare<[string, string, string, string | null]>(
      'INSERT INTO qr_keys (key_id, kind, public_key, private_key) VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING',
    );
    const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
    const ownPublic = setting.get('qr_public_key')?.value;
    const ownPrivate = setting.get('qr_signing_key')?.value;
    const ownId = ownPublic === undefined ? null : keyIdOfSpki(ownPublic);
    if (ownPublic !== undefined && ownPrivate !== undefined && ownId !== null) {
      insert.run(ownId, 'kiosk', ownPublic, ownPrivate);
      remove.run('qr_public_key');
      remove.run('qr_signing_key');
    }
    const trusted = db.prepare<[], { key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'qr\\_trusted\\_key:%' ESCAPE '\\'").all();
    for (const row of trusted) {
      // The id is recomputed from the key, never taken from the row name (as the code before did).
      const id = keyIdOfSpki(row.value);
      if (id === null) continue;
      insert.run(id, 'district', row.value, null);
      remove.run(row.key);
    }
  },
};
