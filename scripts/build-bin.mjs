// Bundles the long-running and command-line entry points (scripts/cli.ts, scripts/worker.ts) to
// plain JavaScript in dist/bin/, so they run on bare node: no TypeScript loader thread (~35 MB
// of RSS per process) and no transpiling at start. npm run cli / worker call this first; esbuild
// takes well under a second. dist/bin/ is two levels deep like lib/db/ and scripts/lib/, so the
// code's `import.meta.dirname`-relative paths (prisma/migrations, the repo root) still resolve.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles `entries` ({ name: source path }) to `<outdir>/<name>.mjs`; packages stay external.
 * Each file is written beside its target and renamed over it, so a process starting from the
 * previous bundle (another `npm run cli` at the same moment) never reads half a file.
 */
export async function buildBin(entries, outdir = path.join(root, 'dist/bin')) {
  const result = await build({
    entryPoints: entries,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // The CLI and the worker are the server side: `import 'server-only'` (which throws outside
    // React's react-server condition) becomes the package's own empty module, as in Next.
    alias: { 'server-only': './node_modules/server-only/empty.js' },
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
    write: false,
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBin({ cli: 'scripts/cli.ts', worker: 'scripts/worker.ts' });
}
