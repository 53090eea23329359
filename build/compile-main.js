// Bundles the Electron main process and the preload into dist/electron/app/ for packaging
// (electron-builder.yml: extraMetadata.main = dist/electron/app/main.js).
//
//   node build/compile-main.js [--outdir <dir>]
//
// Why bundle: the main process is TypeScript (run through tsx in development), and the preload runs
// sandboxed, where it may require 'electron' and nothing of ours — it must be one self-contained file.
// Native modules (better-sqlite3, node-hid) and Electron itself stay external: they are loaded at run
// time from node_modules (unpacked from the asar).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--outdir');
const outdir = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'dist', 'electron', 'app');
mkdirSync(outdir, { recursive: true });

const external = ['electron', 'better-sqlite3', 'node-hid'];
// Electron 45 runs Node 22 and Chromium 140+.
const common = { bundle: true, sourcemap: false, legalComments: 'none', logLevel: 'warning', absWorkingDir: root, external };

await build({
  ...common,
  entryPoints: [path.join(root, 'electron/app/main.ts')],
  outfile: path.join(outdir, 'main.js'),
  platform: 'node',
  target: 'node22',
  // package.json says "type": "module", so main.js is an ES module; CommonJS packages bundled into it
  // still call require(), which an ES module lacks: give them one.
  format: 'esm',
  banner: { js: "import { createRequire as __zhucanCreateRequire } from 'node:module'; const require = __zhucanCreateRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: [path.join(root, 'electron/app/preload.ts')],
  outfile: path.join(outdir, 'preload.cjs'),
  // The sandboxed preload has no Node: browser platform, CommonJS wrapper (sandboxed preloads are not ES modules).
  platform: 'browser',
  target: 'chrome140',
  format: 'cjs',
});

process.stdout.write(`compiled main.js and preload.cjs into ${path.relative(root, outdir) || '.'}\n`);
