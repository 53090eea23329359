/**
 * How long the uploader waits after the n-th failure in a row: an exponential ceiling from 1 s
 * doubling to 5 min, and a uniformly random wait below it ("full jitter"). The jitter matters at the
 * district: when the hub comes back after an outage, a thousand kiosks that all failed at the same
 * moment must not all retry at the same moment.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** A floor, so a random draw near zero cannot turn into a tight retry loop. */
export const BACKOFF_MIN_MS = 250;

/** The ceiling after `failures` failures in a row (1 → 1 s, 2 → 2 s, … capped at 5 min). */
export function backoffCeiling(failures: number): number {
  if (failures < 1) return 0;
  // 2^19 s is far past the cap; stopping the exponent there keeps the number finite for any count.
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 19));
}

/** The wait before the next try: uniform in [BACKOFF_MIN_MS, ceiling]. `random` is in [0, 1). */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = backoffCeiling(failures);
  if (ceiling === 0) return 0;
  return Math.max(BACKOFF_MIN_MS, Math.floor(random() * ceiling));
}
