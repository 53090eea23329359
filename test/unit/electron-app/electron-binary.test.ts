/**
 * Whether the Electron binary is here, and if so that it runs. Everything else in this folder tests
 * the shell's data in plain Node; this is the one place that needs the real binary, and on a machine
 * without it (no internet at `npm install`, or ELECTRON_SKIP_BINARY_DOWNLOAD) the test is SKIPPED —
 * counted apart by the summary reporter, never as a pass.
 *
 * Not `require('electron')`: in Electron 45 that starts a download of the binary when it is missing
 * (node_modules/electron/index.js runs install.js), which a test must never do. This repeats its
 * look-up (path.txt, ELECTRON_OVERRIDE_DIST_PATH) without the download.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_DIR as electronDir, electronBinaryPath as electronBinary } from '../../../bin/cli/electron-binary.js';

const binary = electronBinary();
const present = binary !== null && existsSync(binary);
const expectedMajor = (JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as { version: string }).version.split('.')[0];

if (!present) {
  process.stderr.write(
    `electron-binary.test.ts: the Electron binary is absent (${binary ?? 'node_modules/electron/path.txt missing'}); ` +
      'the launch test is skipped, not passed. On a machine with internet: npx install-electron, then run it again.\n',
  );
}

describe('the Electron binary', () => {
  it.skipIf(!present)(
    present ? `launches (${binary}) and is Electron ${expectedMajor}` : 'needs the Electron binary (absent here) — skipped, not passed',
    () => {
      // Run as Node so no display is needed: this checks the binary starts and is the version we build for.
      const out = execFileSync(binary ?? '', ['-e', 'process.stdout.write(process.versions.electron ?? "")'], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(out.split('.')[0]).toBe(expectedMajor);
    },
  );
});
