/**
 * electron-builder.yml read as data: valid against app-builder-lib's own JSON schema, with the
 * security-relevant settings pinned (fuses, per-machine installer, native modules unpacked).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

// js-yaml (electron-builder's own YAML reader) and minimatch (its glob matcher) ship no types;
// we use one function of each and state its shape here.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const minimatch = require('minimatch') as (path: string, pattern: string, options?: { dot?: boolean }) => boolean;

const root = new URL('../../../', import.meta.url);
const config = yaml.load(readFileSync(new URL('electron-builder.yml', root), 'utf8'));
const schema = JSON.parse(readFileSync(new URL('node_modules/app-builder-lib/scheme.json', root), 'utf8')) as object;

/** A nested field of the parsed YAML, whatever its type (checked by the assertions that use it). */
function at(...keys: string[]): unknown {
  let value: unknown = config;
  for (const key of keys) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json, with zero errors', () => {
    // strict: false because the schema uses annotation keywords ajv does not know (it still validates).
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app and builds the compiled main', () => {
    expect(at('appId')).toBe('cn.zhucan.kiosk');
    expect(at('productName')).toBe('Zhucan 助餐');
    expect(at('directories', 'buildResources')).toBe('build');
    expect(at('extraMetadata', 'main')).toBe('dist/electron/app/main.js');
    // Output must not land in dist/, which the files list packages.
    expect(at('directories', 'output')).not.toMatch(/^dist\b/);
    expect(at('publish')).toBeNull();
  });

  it('sets the fuses that close the ways around the app', () => {
    expect(at('electronFuses')).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('installs per machine with an NSIS installer for x64, and keeps the data on uninstall', () => {
    expect(at('nsis')).toMatchObject({ perMachine: true, oneClick: false, allowElevation: true, deleteAppDataOnUninstall: false });
    expect(at('win', 'target')).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('builds AppImage and deb for Linux, category Office', () => {
    const targets = at('linux', 'target') as { target: string }[];
    expect(targets.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(at('linux', 'category')).toBe('Office');
  });

  it('unpacks the native modules from the asar, and rebuilds them for Electron', () => {
    const patterns = at('asarUnpack') as string[];
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/node-hid/prebuilds/HID-win32-x64/node-napi-v4.node',
      'node_modules/node-hid/build/Release/HID_hidraw.node',
    ]) {
      expect(
        patterns.some((p) => minimatch(file, p, { dot: true })),
        file,
      ).toBe(true);
    }
    expect(at('npmRebuild')).toBe(true);
  });

  it('packages the compiled main and the built screens', () => {
    const files = at('files') as string[];
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/app/**', 'dist/renderer/kiosk/**']));
  });
});
