import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What `next build` reads: the app's sources and the files that configure the build. Tests are
 * left out (a changed test needs no new build); lib/db/generated is in (prisma generate).
 */
export const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'next.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'prisma/schema.prisma',
] as const;

const isTest = (name: string) => /\.test\.tsx?$/.test(name) || name === 'testing';

function files(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !isTest(entry.name))
    .flatMap((entry) => files(root, path.join(relative, entry.name)));
}

/**
 * A SHA-256 over the path and content of every build input under `root`, in a fixed order, so
 * it changes exactly when a rebuild could change the app (not on a touch or a checkout that
 * restores the same bytes).
 */
export function sourceHash(root: string, inputs: readonly string[] = BUILD_INPUTS): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => files(root, input)).sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Where the hash of the sources of the last demo build is kept: beside the build itself. */
export const BUILD_HASH_FILE = '.next/agency-pulse-source-hash';

/** True when `.next` holds a finished build of exactly these sources. */
export function isBuildCurrent(root: string, hash: string): boolean {
  const stamp = path.join(root, BUILD_HASH_FILE);
  return (
    existsSync(path.join(root, '.next/BUILD_ID')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === hash
  );
}
