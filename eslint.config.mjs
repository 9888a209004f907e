// ESLint (flat config): typescript-eslint's recommended rules without type information, plus the
// layer boundaries of docs/architecture.md as local rules (eslint/rules/*.mjs). `npm run lint`.
//
// Why eslint/ is a package of its own: the project compiles with TypeScript 7 (the native Go
// port), whose npm package has no JavaScript compiler API; typescript-eslint's parser needs that
// API (`ts.createSourceFile`) and accepts TypeScript >=4.8.4 <6.1.0. So eslint/package.json
// depends on typescript 6.0.3 (the last JavaScript TypeScript) and typescript-eslint, npm
// installs them in eslint/node_modules (a `file:` dependency of the root package), and this file
// takes typescript-eslint from there: the parser sees TypeScript 6, `tsc` and Next see 7.
// Rules that need type information (typed linting) are not enabled: they would build a second
// program with TypeScript 6 and take most of a minute on two cores; `tsc` already type-checks.
import { defineConfig, globalIgnores } from 'eslint/config';
import { js, local, tseslint } from '@agency-pulse/lint';

/** Tests, fixtures and test helpers: they may reach into any layer (and start sim/). */
const TESTS = [
  '**/*.test.ts',
  'tests/**',
  'e2e/**',
  'lib/*/testing/**',
  'playwright.config.ts',
  'vitest.config.ts',
];

/**
 * The one-way flow: app → components → lib/metrics | lib/auth | lib/actions → lib/db, and
 * GHL → lib/ghl → lib/sync → lib/db. An arrow never points back up. Each layer: the folders it is
 * made of (`from`) and what it may not import (see eslint/rules/layers.mjs).
 */
const LAYERS = [
  {
    from: ['.'],
    exceptFrom: ['sim', 'bench', 'scripts'],
    forbid: [
      {
        paths: ['sim'],
        message:
          'sim/ (the GHL simulator) is reached over HTTP only; tests, bench/ and scripts/ may start it',
      },
    ],
  },
  {
    from: ['lib'],
    forbid: [
      {
        paths: ['components', 'app'],
        message: 'lib/ is below components/ and app/: move the shared code into lib/',
      },
    ],
  },
  {
    from: ['components'],
    forbid: [
      { paths: ['app'], message: 'components/ is below app/' },
      {
        paths: ['lib/ghl', 'lib/sync'],
        message: 'components show stored data (lib/metrics, lib/query), never GHL or the sync',
      },
      {
        paths: ['lib/db'],
        allowTypeImports: true,
        message: 'components reach the database through lib/metrics, lib/auth or lib/actions',
      },
    ],
  },
  {
    from: ['app'],
    forbid: [
      {
        paths: ['lib/ghl'],
        message: 'pages and routes never call GHL: they read what the sync stored (lib/metrics)',
      },
    ],
  },
  {
    from: ['lib/metrics'],
    forbid: [
      {
        paths: ['lib/ghl', 'lib/sync'],
        // The sync's vocabulary (entities, statuses, the fix for an access problem) is plain data.
        except: ['lib/sync/types', 'lib/sync/access-fix'],
        allowTypeImports: true,
        message: 'lib/metrics reads the database only; it never calls GHL or runs the sync',
      },
    ],
  },
  {
    from: ['lib/ghl'],
    forbid: [
      {
        paths: ['lib/sync', 'lib/metrics', 'lib/auth', 'lib/users', 'lib/query', 'lib/reports'],
        message: 'lib/ghl is the GHL client only: the sync calls it, never the other way round',
      },
    ],
  },
  {
    from: ['lib/db', 'lib/crypto', 'lib/env'],
    forbid: [
      {
        paths: [
          'lib/auth',
          'lib/metrics',
          'lib/sync',
          'lib/ghl',
          'lib/users',
          'lib/query',
          'lib/reports',
          'lib/health',
          'lib/actions',
          'lib/jobs',
        ],
        message: 'lib/db is the bottom layer: everything may use it, it uses nothing above it',
      },
    ],
  },
  {
    from: ['lib/sync/types', 'lib/sync/access-fix'],
    forbid: [
      {
        paths: ['lib/db', 'lib/ghl', 'lib/sync'],
        except: ['lib/sync/types', 'lib/sync/access-fix'],
        allowTypeImports: true,
        message: 'the sync vocabulary stays plain data (lib/metrics imports it)',
      },
    ],
  },
  {
    from: ['sim'],
    forbid: [
      {
        paths: ['lib', 'app', 'components', 'scripts'],
        allowTypeImports: true,
        message: 'sim/ stands apart from the app: it shares only the HTTP contract',
      },
    ],
  },
];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '.next/',
    '.data/',
    'dist/',
    'lib/db/generated/',
    'next-env.d.ts',
    'test-results/',
    'playwright-report/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { local },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // TypeScript checks undefined names itself, and knows the DOM's and Node's globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Control characters in a regular expression are deliberate here (refusing them in a
      // callback path, NUL as a key separator); the rule guards against accidental ones only.
      'no-control-regex': 'off',
      // A `let` that a shutdown handler reads before start-up assigns it (scripts/demo.ts) is
      // not a const in disguise.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'local/client-imports': 'error',
    },
  },
  // Tests read JSON bodies loosely; `any` stays banned in the code they test (house style).
  {
    files: [...TESTS, 'sim/test-client.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { ignores: TESTS, rules: { 'local/layers': ['error', { layers: LAYERS }] } },
  { files: ['lib/**'], ignores: TESTS, rules: { 'local/server-only-guard': 'error' } },
]);
