/**
 * Sign-in attempts per client address, in memory, on top of the per-account lockout: the lockout
 * stops guessing one account's password; this stops one address trying many logins (and spending a
 * scrypt per try). A fixed window is enough here: the limit is generous for people, tight for
 * scripts, and a restart that forgets it still leaves the lockout in the database.
 */
export interface SignInLimiter {
  /** Counts an attempt; the seconds to wait when the address is over its limit, else 0. */
  attempt(ip: string, nowMs: number): number;
}

export function createSignInLimiter(options: { readonly max: number; readonly windowMs: number }): SignInLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    attempt(ip, nowMs) {
      // Forget finished windows now and then, so addresses seen once do not pile up.
      if (windows.size > 10_000) for (const [key, w] of windows) if (nowMs - w.start >= options.windowMs) windows.delete(key);
      const current = windows.get(ip);
      if (current === undefined || nowMs - current.start >= options.windowMs) {
        windows.set(ip, { start: nowMs, count: 1 });
        return 0;
      }
      current.count += 1;
      if (current.count <= options.max) return 0;
      return Math.max(1, Math.ceil((current.start + options.windowMs - nowMs) / 1000));
    },
  };
}
