/** The manager's screens (roster, reports, settings): their methods ask for a manager PIN when needed. */
import { assertNever } from '../../../shared/assert.js';
import type { SessionView } from '../../../shared/kiosk-api/views.js';
import { ReportsScreen } from '../screens/reports/reports-screen.js';
import { RosterScreen } from '../screens/roster/roster-screen.js';
import { SettingsScreen } from '../screens/settings/settings-screen.js';
import type { ManagerScreenId } from './screens.js';

export function ManagerScreen({ screen, session, onSession }: { screen: ManagerScreenId; session: SessionView; onSession: (s: SessionView) => void }) {
  switch (screen) {
    case 'roster':
      return <RosterScreen session={session} />;
    case 'reports':
      return <ReportsScreen session={session} />;
    case 'settings':
      return <SettingsScreen session={session} onSession={onSession} />;
    default:
      return assertNever(screen);
  }
}
