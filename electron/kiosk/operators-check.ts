/** The operator a record is written under must exist and be active; some acts need a manager. */
import { message } from '../../shared/i18n/text.js';
import type { ReadHandle } from './store/open.js';
import { KioskError } from './kiosk-error.js';

export type Role = 'cashier' | 'manager';

export function requireOperator(read: ReadHandle, operatorId: string, role: Role = 'cashier'): void {
  const op = read.stmt<{ role: string; active: number }>('SELECT role, active FROM operators WHERE id = ?').get(operatorId);
  if (op === undefined || op.active !== 1) throw new KioskError('operator', message('kiosk.operatorUnknown', { id: operatorId }));
  if (role === 'manager' && op.role !== 'manager') throw new KioskError('forbidden', message('kiosk.managerOnly'));
}
