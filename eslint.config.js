// Lint, type-checked, with the house's dependency rule as import zones (docs/ARCHITECTURE.md):
//   shared ← db ← electron, cli;  renderer → shared only.
// `electron` only under electron/, better-sqlite3 only under db/, ipcMain and ipcRenderer in
// exactly one file each. A violation is a lint error, and a test proves the zones bite.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const dir = (name) => ({
  regex: `(^|/)${name}(/|$)`,
  message: `${name}/ is outside this layer's reach (see docs/ARCHITECTURE.md)`,
});
const pkg = (name, message) => ({ name, message });
const NODE_BUILTINS = {
  regex: '^node:',
  message: 'no Node built-ins here: this code must run in the browser too',
};

const zones = {
  shared: {
    paths: [
      pkg('electron', 'electron only under electron/'),
      pkg('better-sqlite3', 'better-sqlite3 only under db/'),
      pkg('react', 'shared/ is UI-free'),
    ],
    patterns: [dir('db'), dir('renderer'), dir('electron'), dir('cli'), NODE_BUILTINS],
  },
  renderer: {
    paths: [
      pkg('electron', 'the renderer reaches the backend only through the typed client'),
      pkg('better-sqlite3', 'better-sqlite3 only under db/'),
    ],
    patterns: [dir('db'), dir('electron'), dir('cli'), NODE_BUILTINS],
  },
  db: {
    paths: [pkg('electron', 'electron only under electron/'), pkg('react', 'db/ is UI-free')],
    patterns: [dir('renderer'), dir('electron'), dir('cli')],
  },
  cli: {
    paths: [
      pkg('electron', 'electron only under electron/'),
      pkg('better-sqlite3', 'better-sqlite3 only under db/'),
    ],
    patterns: [dir('renderer'), dir('electron')],
  },
  electron: {
    paths: [
      pkg('better-sqlite3', 'better-sqlite3 only under db/'),
      { name: 'electron', importNames: ['ipcMain'], message: 'ipcMain only in electron/ipc.ts' },
      {
        name: 'electron',
        importNames: ['ipcRenderer'],
        message: 'ipcRenderer only in electron/preload.ts',
      },
    ],
    patterns: [dir('renderer'), dir('cli')],
  },
  e2e: {
    paths: [pkg('electron', 'electron only under electron/ (e2e drives it through Playwright)')],
    patterns: [dir('renderer')],
  },
  bench: {
    paths: [pkg('electron', 'electron only under electron/')],
    patterns: [dir('renderer'), dir('electron')],
  },
};

// Rooms inside the renderer (docs/ARCHITECTURE.md, "The UI"): the store knows no screens or
// components; components are presentational (props in, callbacks out), so they read no store;
// the models are pure functions. Each adds to the renderer's zone, whose rule it replaces.
const room = (name, message) => ({ regex: `(^|/)${name}(/|$)`, message });
const rendererRooms = {
  state: {
    patterns: [
      room('features', 'state/ never imports features/: move what both need to model/'),
      room('app', 'state/ never imports app/'),
      room('components', 'state/ never imports components/'),
    ],
  },
  components: {
    patterns: [
      room('state', 'components/ are presentational: the store is read in features/ or app/'),
      room('features', 'components/ never import features/'),
      room('app', 'components/ never import app/'),
    ],
  },
  model: {
    paths: [
      pkg('react', 'model/ is pure functions: no React'),
      pkg('zustand', 'no store in model/'),
    ],
    patterns: [
      room('state', 'model/ is pure functions: no store'),
      room('features', 'model/ never imports features/'),
      room('app', 'model/ never imports app/'),
      room('components', 'model/ never imports components/'),
      // renderer/api, not shared/api (the contract's types are welcome).
      { regex: '^(\\.\\./)+api(/|$)', message: 'model/ is pure functions: no backend calls' },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'var/**',
      '.tmp/**',
      '.ci-home/**',
      'e2e/fixtures/**',
      'db/test-fixtures/**',
      'scripts/fixtures/**',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'scripts/*.mjs',
            'bin/*.mjs',
            '.ci/*.mjs',
            'e2e/support/*.mjs',
            'e2e/support/*.js',
          ],
          // scripts/ holds more than the default 8 plain .mjs files.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 24,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  // Code that runs in the page under test (sent by a spec as source text).
  {
    files: ['e2e/support/*.browser.js'],
    languageOptions: { globals: globals.browser },
  },
  ...Object.entries(zones).map(([zone, rule]) => ({
    files: [`${zone}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', rule] },
  })),
  ...Object.entries(rendererRooms).map(([name, extra]) => ({
    files: [`renderer/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...zones.renderer.paths, ...(extra.paths ?? [])],
          patterns: [...zones.renderer.patterns, ...extra.patterns],
        },
      ],
    },
  })),
  // The one file each that may touch raw IPC.
  {
    files: ['electron/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...zones.electron,
          paths: zones.electron.paths.filter((p) => !p.importNames?.includes('ipcMain')),
        },
      ],
    },
  },
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...zones.electron,
          paths: zones.electron.paths.filter((p) => !p.importNames?.includes('ipcRenderer')),
        },
      ],
    },
  },
);

export { rendererRooms, zones };
