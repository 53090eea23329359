/**
 * The shift and the canteen clock as the screens see them: read at start, refreshed every 15 s (the
 * clock, the meal period, the idle lock) and at once on every 'session' event from the back end.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/kiosk-api/api-error.js';
import type { SessionView } from '../../../shared/kiosk-api/views.js';
import { useKiosk } from './kiosk-client-context.js';

const REFRESH_MS = 15_000;

export interface SessionState {
  readonly session: SessionView | null;
  readonly error: ApiError | null;
  readonly set: (view: SessionView) => void;
  readonly refresh: () => Promise<void>;
}

export function useSession(): SessionState {
  const client = useKiosk();
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    const r = await client.call('session.status', {});
    if (r.ok) {
      setSession(r.value);
      setError(null);
    } else setError(r.error);
  }, [client]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const stop = client.subscribe((e) => {
      if (e.type === 'session') setSession(e.session);
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [client, refresh]);

  return { session, error, set: setSession, refresh };
}
