/**
 * The victim of the kill -9 test (kill9.test.ts), run as its own process:
 *
 *   node --import tsx test/fault/checkin-worker.ts DBFILE
 *
 * Opens the kiosk on DBFILE and checks the demo cards in, one after another, as the cashier, each
 * check-in at a new instant stepping through the meal periods and days (so the per-period limit
 * rarely refuses; a refusal is sold at full price, so every check-in appends). It carries on from
 * whatever the ledger already holds: the next card in turn, the next instant after the last record.
 *
 * After each check-in that returned 'served' and not a duplicate — that is, after COMMIT — it writes
 * one line `done <seq> <elderId>` to stdout with a synchronous write, so a line the parent has read
 * is a check-in the screen would have shown as done. Anything else (a failure, an unknown card) is
 * written to stderr and the process exits with 3. It stops by itself after MAX_CHECKINS.
 */
import { writeSync } from 'node:fs';
import { openKiosk } from '../../electron/kiosk/kiosk.js';
import { checkInAppending, demoCards, lastAt, ledgerCount, nextInstant } from './fault-kit.js';

/** A bound on the loop: far more than a test waits for before it kills the process. */
const MAX_CHECKINS = 5000;

function main(file: string | undefined): number {
  if (file === undefined) {
    writeSync(2, 'usage: checkin-worker.ts DBFILE\n');
    return 2;
  }
  let now = 0;
  const kiosk = openKiosk(file, () => now);
  const cards = demoCards();
  const start = ledgerCount(kiosk);
  let at = lastAt(kiosk);
  for (let i = 0; i < MAX_CHECKINS; i++) {
    at = nextInstant(at);
    now = at;
    const card = cards[(start + i) % cards.length];
    if (card === undefined) throw new Error('no demo cards');
    const outcome = checkInAppending(kiosk, card.uid);
    if (outcome.kind !== 'served' || outcome.duplicate) {
      writeSync(2, `check-in of card ${card.uid} did not append: ${JSON.stringify(outcome)}\n`);
      kiosk.close();
      return 3;
    }
    // checkIn has returned: the transaction is committed (synchronous=FULL) before this line exists.
    writeSync(1, `done ${outcome.seq} ${outcome.elder.id}\n`);
  }
  kiosk.close();
  return 0;
}

process.exitCode = main(process.argv[2]);
