/**
 * Where the Electron binary is, if it was downloaded. Not `require('electron')`: in Electron 45 that
 * starts the download when the binary is missing (node_modules/electron/index.js runs install.js),
 * which `npm start` and the tests must never do on a machine without internet. This repeats its
 * look-up (path.txt, ELECTRON_OVERRIDE_DIST_PATH) without the download.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_DIR = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));

/** The binary's path as Electron would compute it (it may not exist), or null without path.txt. */
export function electronBinaryPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override !== undefined && override !== '') return path.join(override, executable ?? 'electron');
  return executable === null ? null : path.join(ELECTRON_DIR, 'dist', executable);
}

/** The binary when it is there, else null. */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const binary = electronBinaryPath(env);
  return binary !== null && existsSync(binary) ? binary : null;
}
