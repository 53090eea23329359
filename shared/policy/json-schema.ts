import { z } from 'zod';
import { policySchema } from './schema.js';

/**
 * The policy format as JSON Schema (draft 2020-12), for editors and other systems. Cross-field checks
 * (ids that must exist, shares that must sum to 10000, periods that must not overlap) live only in
 * the zod schema, which is what `zhucan policy check` and every kiosk and hub run.
 */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' });
}
