/**
 * Where the hub's HTTP layer reports what it cannot tell the client (an internal error's stack) and
 * what an operator wants to see. Injected: server/ has no console; the command line passes one that
 * writes to stderr, tests one that collects.
 */
export interface HubLogger {
  info(event: string, fields?: Readonly<Record<string, unknown>>): void;
  error(event: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const silentLogger: HubLogger = {
  info: () => undefined,
  error: () => undefined,
};
