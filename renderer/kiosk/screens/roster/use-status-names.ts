/**
 * The status vocabulary (code → name) for the roster's filter and form: the policy in force's
 * statuses, from policy.describe (a cashier's method, so it never asks for a PIN of its own).
 */
import { useEffect, useState } from 'react';
import { useKiosk } from '../../app/kiosk-client-context.js';

export interface StatusName {
  readonly code: string;
  readonly name: string;
}

export function useStatusNames(serviceDate: string, enabled: boolean): readonly StatusName[] {
  const client = useKiosk();
  const [names, setNames] = useState<readonly StatusName[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void client.call('policy.describe', {}).then((r) => {
      // Without the list the form falls back to a free code input: not an error worth a banner.
      if (current && r.ok) setNames(r.value.statuses);
    });
    return () => {
      current = false;
    };
  }, [client, serviceDate, enabled]);
  return names;
}
