/**
 * Loads something from the hub for a screen: loading, the value, or the failure in words, and a
 * reload after a change. An answer that arrives after the screen asked for something else (filters
 * changed meanwhile) is dropped, so a slow old answer never overwrites a newer one.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DependencyList } from 'react';
import type { ApiFailure, ApiResult } from '../api/api-result.js';

export type Loaded<T> =
  | { readonly state: 'loading'; readonly value: T | null }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly error: ApiFailure; readonly value: T | null };

export function useLoad<T>(load: () => Promise<ApiResult<T>>, deps: DependencyList): { loaded: Loaded<T>; reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading', value: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded((before) => ({ state: 'loading', value: before.value }));
    void load().then((r) => {
      if (!current) return;
      setLoaded((before) => (r.ok ? { state: 'ready', value: r.value } : { state: 'failed', error: r.error, value: before.value }));
    });
    return () => {
      current = false;
    };
    // The caller's deps decide when to load again; `load` is a new closure on every render.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { loaded, reload };
}
