/**
 * The import arrows of DESIGN.md §2 are enforced by eslint.config.js, not just written down:
 *   renderer → shared; electron → shared; server → shared; bin → electron/kiosk, server;
 *   shared imports none of them; nothing outside electron/app imports 'electron'.
 *
 * Each case lints a few lines of code as if they were a file in one layer (ESLint's `lintText` with a
 * `filePath`), through the repository's own eslint.config.js, and checks for (or against) an error of
 * `no-restricted-imports` specifically — a parse error or another rule must not pass for the arrow.
 *
 * The probe files do not exist, and some layers (renderer/, server/) have no folder yet, so the
 * type-aware parser's project service cannot find them in any tsconfig and refuses them with a parsing
 * error. Rather than write real files into the tree that other work shares, the probes alone are
 * linted without type information (typescript-eslint's `disableTypeChecked`, the same block
 * eslint.config.js applies to *.js). That block touches only the parser's type information and the
 * type-aware rules; the `no-restricted-imports` zones, which match on the file path, come from
 * eslint.config.js unchanged (asserted below).
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = '__lint_probe__.ts';
const RULE = 'no-restricted-imports';

/** Type information off for the probe files only. */
const probesUntyped: Linter.Config = {
  files: [`**/${PROBE}`],
  ...(tseslint.configs.disableTypeChecked as Linter.Config),
};

let eslint: ESLint;

beforeAll(() => {
  // One instance for every case: building the configuration is the slow part.
  eslint = new ESLint({ cwd: ROOT, overrideConfig: [probesUntyped] });
});

/** The messages ESLint gives for `code` as if it were the file `folder/__lint_probe__.ts`. */
async function lint(folder: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${folder}/${PROBE}` });
  if (result === undefined) throw new Error(`ESLint returned no result for ${folder}/${PROBE}`);
  // A parse failure would hide every rule; it must never count as "no error".
  expect(result.messages.filter((m) => m.fatal === true)).toEqual([]);
  return result.messages;
}

const importing = (specifier: string): string => `import * as probe from '${specifier}';\n\nexport const used = probe;\n`;

function restricted(messages: readonly Linter.LintMessage[]): Linter.LintMessage[] {
  return messages.filter((m) => m.ruleId === RULE);
}

describe('import arrows (DESIGN.md §2) are enforced by eslint.config.js', () => {
  it('the override for the probes leaves no-restricted-imports alone', () => {
    expect(Object.keys(probesUntyped.rules ?? {})).not.toContain(RULE);
  });

  it.each([
    ['shared', 'node:fs'],
    ['shared', '../electron/kiosk/x.js'],
    ['shared', 'better-sqlite3'],
    ['electron/kiosk', 'electron'],
    ['server', '../electron/kiosk/x.js'],
    ['renderer/kiosk', '../../electron/kiosk/x.js'],
    ['node-lib', '../server/x.js'],
    ['node-lib', '../electron/kiosk/x.js'],
    ['renderer/district', '../../node-lib/x.js'],
    ['shared', '../node-lib/x.js'],
  ])('%s/ may not import %s', async (folder, specifier) => {
    const errors = restricted(await lint(folder, importing(specifier)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ruleId: RULE, severity: 2, line: 1 });
    expect(errors[0]?.message).toContain(specifier);
    expect(errors[0]?.message).toContain('DESIGN.md §2');
  });

  it.each([
    ['bin', '../electron/kiosk/x.js'],
    ['shared', 'zod'],
    ['server', '../node-lib/x.js'],
    ['electron/kiosk', '../../node-lib/x.js'],
  ])('%s/ may import %s', async (folder, specifier) => {
    const messages = await lint(folder, importing(specifier));
    expect(restricted(messages)).toEqual([]);
  });
});
