/**
 * What every screen of the signed-in app needs: the hub client, who is signed in (account, role,
 * district) and a way to tell the page's live region what just happened.
 */
import { createContext, useContext } from 'react';
import type { SessionView } from '../../../shared/hub-api/routes.js';
import type { HubClient } from '../api/hub-client.js';

export interface HubContextValue {
  readonly client: HubClient;
  readonly session: SessionView;
  /** Admins create canteens, approve settlements, resolve anomalies, revoke kiosks; viewers read. */
  readonly isAdmin: boolean;
  /** The district's calendar today (YYYY-MM-DD): the default of every date filter. */
  readonly today: string;
  /** Says `text` in the page's polite live region (a result count, a saved change). */
  readonly say: (text: string) => void;
}

const HubContext = createContext<HubContextValue | null>(null);

export const HubContextProvider = HubContext.Provider;

export function useHub(): HubContextValue {
  const value = useContext(HubContext);
  if (value === null) throw new Error('useHub() outside the signed-in app');
  return value;
}
