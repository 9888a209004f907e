// Where an import points, as the boundary rules see it: a repo-relative path without extension
// ("lib/db/client") for '@/…' and relative specifiers, or the bare package name otherwise.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in <root>/eslint/). */
export const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Resolves `specifier` imported by `filename` (absolute): `{ local: 'lib/db/client' }` for a file
 * of this repository (extension dropped), `{ pkg: 'pg' }` for a package or builtin.
 */
export function resolveImport(specifier, filename) {
  let absolute;
  if (specifier.startsWith('@/')) absolute = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith('.')) absolute = path.resolve(path.dirname(filename), specifier);
  else return { pkg: specifier };
  const local = path
    .relative(ROOT, absolute)
    .split(path.sep)
    .join('/')
    .replace(/\.(tsx?|mjs|js)$/, '');
  return { local };
}

/** True when `local` ("lib/sync/run-sync") is `prefix` or lies below it ("lib/sync"). */
export function isUnder(local, prefix) {
  return local === prefix || local.startsWith(`${prefix}/`);
}

/** True when `pkg` ("@prisma/client/runtime") is the package `name` or one of its subpaths. */
export function isPackage(pkg, name) {
  return pkg === name || pkg.startsWith(`${name}/`);
}

const sourceCache = new Map();

/** The text of the repository file behind `local` ("lib/db/client"), or '' when there is none. */
function sourceOf(local) {
  if (sourceCache.has(local)) return sourceCache.get(local);
  const candidates = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) =>
    path.join(ROOT, `${local}${ext}`),
  );
  const file = candidates.find((candidate) => existsSync(candidate));
  const text = file ? readFileSync(file, 'utf8') : '';
  sourceCache.set(local, text);
  return text;
}

/** True when the repository file behind `local` imports 'server-only'. */
export function hasServerOnlyGuard(local) {
  return /^\s*import\s+['"]server-only['"]/m.test(sourceOf(local));
}

/**
 * True when the repository file behind `local` is a server-actions module ('use server' before any
 * statement): a client module may import it, and receives references that call the server.
 */
export function isServerActionsModule(local) {
  const code = sourceOf(local).replace(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/, '');
  return /^['"]use server['"]/.test(code);
}

/**
 * Calls `visit(specifier, node, isTypeOnly)` for every import, re-export and literal dynamic
 * import of a file. An import whose every name is a type (`import type`, or `import { type A }`)
 * is erased by the compiler and never runs.
 */
export function importVisitors(visit) {
  const typeOnly = (node) =>
    node.importKind === 'type' ||
    node.exportKind === 'type' ||
    (node.specifiers?.length > 0 &&
      node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
  return {
    ImportDeclaration: (node) => visit(node.source.value, node, typeOnly(node)),
    ExportNamedDeclaration: (node) => node.source && visit(node.source.value, node, typeOnly(node)),
    ExportAllDeclaration: (node) => visit(node.source.value, node, node.exportKind === 'type'),
    ImportExpression: (node) =>
      node.source.type === 'Literal' &&
      typeof node.source.value === 'string' &&
      visit(node.source.value, node, false),
    TSImportEqualsDeclaration: (node) =>
      node.moduleReference.type === 'TSExternalModuleReference' &&
      visit(node.moduleReference.expression.value, node, node.importKind === 'type'),
  };
}
