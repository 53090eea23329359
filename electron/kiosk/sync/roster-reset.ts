/**
 * `zhucan sync --reset-roster`: back to roster version 0, so the next pull brings the whole area again.
 *
 * Why: a hub restored from an older backup has a roster counter below the kiosk's, and refuses the
 * pull (409 aheadOfHub) with the words "reset the kiosk's roster version to 0 and sync again" —
 * answering "nothing new" would leave the kiosk without every change since the backup. After the
 * reset the hub sends every elder of the district from version 0: those of the area as they are now,
 * the others as withdrawn. Applying them over the elders the kiosk has is an update of each
 * (apply-package.ts: same ids, statuses replaced by the district's, cards upserted, QR keys already
 * known left alone, no re-keying since each row already carries its district id), so the roster ends
 * as the hub has it. What the reset does not do: elders the restored hub no longer has at all stay as
 * the kiosk has them until the district enters them again.
 *
 * In the same transaction the note of the alias list the hub took (ALIASES_REPORTED_SETTING) is
 * forgotten, so the re-keyed elders are reported again — a restored hub may have lost them too, and
 * the hub takes a pair it has as a no-op — and the last pull's outcome, which spoke of the version
 * just left, is dropped. The district the kiosk belongs to is kept: a package of another district
 * is still refused.
 *
 * Only on an enrolled kiosk: without a hub there is nothing to sync again from.
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { appliedRosterVersion, ROSTER_VERSION_SETTING } from '../roster-downlink/index.js';
import { setSetting } from '../settings.js';
import type { KioskStore } from '../store/open.js';
import { readHubLink } from './hub-link.js';
import { ALIASES_REPORTED_SETTING, LAST_ROSTER_PULL_SETTING } from './roster-pull.js';

export interface RosterReset {
  /** The version the kiosk was at; null when the stored version did not read back (damaged). */
  readonly from: number | null;
  /** An alias report was remembered and is now forgotten: the aliases go up again at the next pull. */
  readonly aliasesForgotten: boolean;
}

export interface RosterResetRefusal {
  readonly kind: 'notEnrolled';
  readonly message: Message;
}

export function resetRosterVersion(store: KioskStore): Result<RosterReset, RosterResetRefusal> {
  return store.write((tx) => {
    if (readHubLink(tx) === null) return err({ kind: 'notEnrolled', message: message('sync.status.notEnrolled') });
    // The store's read handle is the connection this transaction holds, so this reads inside it.
    let from: number | null;
    try {
      from = appliedRosterVersion(store);
    } catch {
      // A damaged version is exactly what a reset mends.
      from = null;
    }
    setSetting(tx, ROSTER_VERSION_SETTING, '0');
    const forget = tx.stmt('DELETE FROM settings WHERE key = ?');
    const aliasesForgotten = forget.run(ALIASES_REPORTED_SETTING).changes > 0;
    forget.run(LAST_ROSTER_PULL_SETTING);
    return ok({ from, aliasesForgotten });
  });
}
