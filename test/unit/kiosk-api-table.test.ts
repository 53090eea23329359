/** The kiosk API table: documented in full, and its views never carry what the queue must not see. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskEventSchema } from '../../shared/kiosk-api/events.js';
import { kioskMethods, METHOD_NAMES } from '../../shared/kiosk-api/methods.js';
import { displayViewSchema } from '../../shared/kiosk-api/views.js';

const docs = readFileSync(resolve(import.meta.dirname, '../../docs/kiosk-api.md'), 'utf8');

describe('the kiosk API table', () => {
  it('is documented method by method in docs/kiosk-api.md', () => {
    const missing = METHOD_NAMES.filter((name) => !docs.includes(`| \`${name}\` | ${kioskMethods[name].access} |`));
    expect(missing).toEqual([]);
  });

  it('documents every event type', () => {
    const types = kioskEventSchema.options.map((o) => o.shape.type.value);
    expect(types.filter((t) => !docs.includes(`| \`${t}\` |`))).toEqual([]);
  });

  it('gives the elder-facing display no name, status or tier field', () => {
    const fields = displayViewSchema.options.flatMap((o) => Object.keys(o.shape));
    for (const forbidden of ['name', 'elder', 'status', 'statuses', 'tier', 'tierId']) expect(fields).not.toContain(forbidden);
  });

  it('refuses unknown fields in every input (strict objects), so a typo is an error, not ignored', () => {
    const lax = METHOD_NAMES.filter((name) => kioskMethods[name].input.safeParse({ surelyNotAField: 1 }).success);
    expect(lax).toEqual([]);
  });
});
