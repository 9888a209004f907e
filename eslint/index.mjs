// The project's ESLint building blocks, re-exported from this package so that eslint.config.mjs
// resolves typescript-eslint from eslint/node_modules, where it finds its own TypeScript 6 (see
// the note at the top of eslint.config.mjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import clientImports from './rules/client-imports.mjs';
import layers from './rules/layers.mjs';
import serverOnlyGuard from './rules/server-only-guard.mjs';

/** The local rules, used as `local/<name>`. */
export const local = {
  meta: { name: 'agency-pulse-local' },
  rules: {
    'client-imports': clientImports,
    layers,
    'server-only-guard': serverOnlyGuard,
  },
};

export { js, tseslint };
