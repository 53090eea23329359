/** Views of the settings screens: the policy in force in words, and the readers with their state. */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { messageSchema } from './api-error.js';
import { periodViewSchema } from './views.js';

export const policyViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  timeZone: z.string(),
  inForce: z.strictObject({ version: z.int().positive(), effectiveFrom: localDateSchema }),
  versions: z.array(z.strictObject({ version: z.int().positive(), effectiveFrom: localDateSchema })),
  periods: z.array(periodViewSchema),
  /** Each tier's rule in words, in the policy's order (the first that applies wins). */
  rules: z.array(z.strictObject({ tier: z.string(), text: z.array(messageSchema) })),
  funding: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export type PolicyView = z.infer<typeof policyViewSchema>;

export const readerViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  state: z.enum(['connected', 'disconnected', 'error']),
  lastReadAt: z.string().nullable(),
  lastError: messageSchema.nullable(),
});
export type ReaderView = z.infer<typeof readerViewSchema>;
