/**
 * For the default branch of a switch over a union: when a new member is added, every switch that
 * forgets it stops compiling here, instead of falling through at run time.
 */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${describe(x)}`);
}

// JSON.stringify throws on cycles and bigint; an assertion must not fail while reporting.
function describe(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
