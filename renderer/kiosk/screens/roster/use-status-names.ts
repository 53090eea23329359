/**
 * The status vocabulary (code → name) for the roster's filter and form. The kiosk API has no method
 * that lists the policy's statuses (policy.describe gives rules in words, not the status codes), so
 * this reads the statusNames of today's range report, which names every status of the versions in
 * force. Called unguarded and only once the screen holds manager access: a second PIN prompt racing
 * the first would leave one of them unanswered.
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
    void client.call('reports.range', { from: serviceDate, to: serviceDate }).then((r) => {
      // Without the list the form falls back to a free code input: not an error worth a banner.
      if (current && r.ok) setNames(r.value.statusNames);
    });
    return () => {
      current = false;
    };
  }, [client, serviceDate, enabled]);
  return names;
}
