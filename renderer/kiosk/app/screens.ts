/** The screens of the cashier's window, in the order of the navigation bar. */
export const SCREENS = ['checkin', 'records', 'close', 'paper', 'roster', 'reports', 'settings'] as const;
export type ScreenId = (typeof SCREENS)[number];
export type ManagerScreenId = Exclude<ScreenId, 'checkin' | 'records' | 'close' | 'paper'>;
