/** The retry schedule: 1 s doubling to 5 min as a ceiling, a uniform (full-jitter) wait below it. */
import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffCeiling, backoffDelay } from '../../../electron/kiosk/sync/backoff.js';

describe('the upload backoff', () => {
  it('doubles from 1 s and stops at 5 min, for any number of failures', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(backoffCeiling)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000]);
    expect(backoffCeiling(50)).toBe(BACKOFF_MAX_MS);
    expect(backoffCeiling(1_000_000)).toBe(BACKOFF_MAX_MS);
    expect(backoffCeiling(0)).toBe(0);
  });

  it('draws the wait uniformly below the ceiling, never under the floor', () => {
    expect(backoffDelay(3, () => 0.5)).toBe(2_000);
    expect(backoffDelay(3, () => 0.999_999)).toBe(3_999);
    expect(backoffDelay(3, () => 0)).toBe(BACKOFF_MIN_MS);
    expect(backoffDelay(20, () => 0.5)).toBe(150_000);
  });

  it('spreads kiosks that failed together: different draws give different waits', () => {
    const draws = [0.1, 0.35, 0.6, 0.85];
    const waits = draws.map((r) => backoffDelay(8, () => r));
    expect(new Set(waits).size).toBe(draws.length);
    for (const w of waits) expect(w).toBeLessThanOrEqual(backoffCeiling(8));
  });
});
