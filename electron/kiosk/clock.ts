/** Where "now" comes from: the system clock in production, a fixed or stepped one in tests and the CLI's --at. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** An ISO instant with milliseconds and Z, the form every ledger record carries. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
