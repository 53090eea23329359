/** The kiosk client (IPC or HTTP) for every screen, through context: screens never pick a transport. */
import { createContext, useContext } from 'react';
import type { KioskClient } from '../../../shared/kiosk-api/client.js';

export const KioskClientContext = createContext<KioskClient | null>(null);

export function useKiosk(): KioskClient {
  const client = useContext(KioskClientContext);
  if (client === null) throw new Error('useKiosk outside KioskClientContext');
  return client;
}
