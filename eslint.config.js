// @ts-check
// Lint rules, including the import arrows of DESIGN.md §2:
//   renderer → shared; electron → shared, node-lib; server → shared, node-lib; node-lib → shared;
//   bin → electron/kiosk, server. shared imports none of them; nothing outside electron/app imports 'electron'.
// node-lib/ is the Node code the kiosk back end and the hub both need (the roster file reader: csv-parse,
// exceljs, Buffer): it cannot be in shared/ (pure, no Node), and neither side may import the other's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import comments from '@eslint-community/eslint-plugin-eslint-comments';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Folders of ours, as import patterns that reach into them from anywhere in the tree. */
const layer = {
  shared: ['**/shared/**', '**/shared'],
  electronApp: ['**/electron/app/**', '**/app/**'],
  electronKiosk: ['**/electron/kiosk/**', '**/kiosk/**'],
  renderer: ['**/renderer/**'],
  server: ['**/server/**'],
  bin: ['**/bin/**'],
  nodeLib: ['**/node-lib/**', '**/node-lib'],
};

/**
 * One `no-restricted-imports` setting per zone. ESLint replaces (does not merge) a rule's options
 * when a later block sets it again, so each zone states its whole list.
 * @param {string} why
 * @param {string[]} groups
 * @param {string[]} paths
 */
function forbid(why, groups, paths = []) {
  return [
    'error',
    {
      paths: ['electron', ...paths].map((name) => ({
        name,
        message: name === 'electron' ? "Only electron/app may import 'electron' (DESIGN.md §2)." : why,
      })),
      patterns: groups.length ? [{ group: groups, message: why }] : [],
    },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'zhucan-data/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
      'no-restricted-imports': forbid('', []),
    },
  },
  {
    // A disable comment must say why (STYLE.md 13).
    plugins: { 'eslint-comments': comments },
    rules: { 'eslint-comments/require-description': ['error', { ignore: [] }] },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-console': 'error',
      'no-restricted-imports': forbid(
        'shared/ is pure: it imports no Node module and nothing of electron/, node-lib/, server/, renderer/ or bin/ (DESIGN.md §2).',
        [...layer.electronApp, ...layer.electronKiosk, '**/electron/**', ...layer.nodeLib, ...layer.renderer, ...layer.server, ...layer.bin],
        [...nodeBuiltins, 'better-sqlite3', 'node-hid', 'react', 'react-dom'],
      ),
    },
  },
  {
    files: ['node-lib/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': forbid(
        'node-lib/ is Node code the kiosk back end and the hub share: it imports shared/ and npm / Node packages only, never electron/, server/, renderer/ or bin/ (DESIGN.md §2).',
        [...layer.electronApp, ...layer.electronKiosk, '**/electron/**', ...layer.renderer, ...layer.server, ...layer.bin],
      ),
    },
  },
  {
    files: ['electron/kiosk/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': forbid(
        'electron/kiosk is the kiosk back end: it may import shared/ and npm packages, never electron/app, renderer/, server/ or bin/ (DESIGN.md §2).',
        [...layer.electronApp, ...layer.renderer, ...layer.server, ...layer.bin],
      ),
    },
  },
  {
    files: ['electron/app/**/*.ts', 'electron/app/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...layer.renderer, ...layer.server, ...layer.bin], message: 'electron/app wires electron/kiosk and shared/ only (DESIGN.md §2).' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': forbid(
        'The renderer reaches the back end only through the typed kiosk API in shared/ (DESIGN.md §2).',
        ['**/electron/**', ...layer.nodeLib, ...layer.server, ...layer.bin],
        nodeBuiltins,
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': forbid(
        'server/ is the district hub: it imports shared/ and node-lib/ only of ours (DESIGN.md §2).',
        ['**/electron/**', ...layer.renderer, ...layer.bin],
      ),
    },
  },
  {
    files: ['bin/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid('bin/ dispatches to electron/kiosk and server/ only (DESIGN.md §2).', [
        ...layer.electronApp,
        ...layer.renderer,
      ]),
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
