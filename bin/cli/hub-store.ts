/**
 * How `zhucan hub …` commands find and open the hub's database: --data DIR (PGlite, default
 * ./zhucan-hub-data) or DATABASE_URL (PostgreSQL), never both; and how a failure to open it is said.
 */
import { message } from '../../shared/i18n/text.js';
import { HubStoreLocked, openHubStore } from '../../server/hub-server.js';
import type { HubStore } from '../../server/hub-server.js';
import { refused, say } from './io.js';
import type { Outcome } from './io.js';

export const HUB_STORE_OPTIONS = { data: { type: 'string' } } as const;

export function storeOptions(data: string | undefined): { dataDir: string | undefined; databaseUrl: string | undefined } {
  const databaseUrl = process.env['DATABASE_URL']?.trim() || undefined;
  // With DATABASE_URL and no --data, PostgreSQL; an explicit --data beside it is refused by openHubStore.
  return { dataDir: data ?? (databaseUrl === undefined ? 'zhucan-hub-data' : undefined), databaseUrl };
}

/** The store, or the Outcome saying why it could not be opened (locked folder, unreachable server, both given). */
export async function withHubStore(data: string | undefined, use: (store: HubStore) => Promise<Outcome>): Promise<Outcome> {
  let store: HubStore;
  try {
    store = await openHubStore(storeOptions(data));
  } catch (e) {
    if (e instanceof HubStoreLocked) {
      const text = message('hub.cli.locked', { dir: e.dir });
      return refused({ error: 'locked', message: say(text), dir: e.dir }, [say(text)]);
    }
    const text = message('hub.cli.openFailed', { reason: e instanceof Error ? e.message : String(e) });
    return refused({ error: 'open', message: say(text) }, [say(text)]);
  }
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
