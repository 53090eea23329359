/** Small pieces the route modules share. */
import { z } from 'zod';
import type { Account } from '../../accounts/index.js';

/** `:id` of a hub row (bigint identity): a positive safe integer, or the route answers 404. */
export const idParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** The actor of a route whose auth is session or admin: the server has already refused anyone else. */
export function signedIn(actor: Account | null): Account {
  if (actor === null) throw new Error('a signed-in route ran without an account');
  return actor;
}
